/** Surface variety on top of a realized sentence: politeness, filler, typos, capitals and punctuation. */
import type { Sentence } from './instruct.ts';
import { PREFIXES, QUESTION_OPENERS, SOFT_PREFIXES, SUFFIXES, allOf, choose, type Split } from '../../../src/domains/shapes-v1/lexicon.ts';
import type { Rng } from '../../../src/domain/rng.ts';
import { CORRECTABLE_WORDS } from '../../../src/domains/shapes-v1/normalize.ts';
import { KNOWN_WORDS } from '../../../src/domains/shapes-v1/tokenizer.ts';
import { addTypo } from '../../../src/domains/shapes-v1/typos.ts';

/** Rates of each decoration. */
export interface DecorateOptions {
  polite?: number;
  suffix?: number;
  typo?: number;
  /** Leave capitals and final punctuation to the caller (the sentence is joined to others). */
  bare?: boolean;
}

/** Adds politeness, filler and (sometimes) a typo; returns the final text. */
export function decorate(rng: Rng, s: Sentence, split: Split, opts: DecorateOptions = {}): string {
  let text = s.text;
  let question = false;
  if (rng.chance(opts.polite ?? 0.35)) {
    const p = choose(rng, s.imperative ? PREFIXES : SOFT_PREFIXES, split);
    question = QUESTION_OPENERS.includes(p.split(' ')[0]!);
    // A comma only after interjections ("ok, ..."), never inside "could you" or "i'd like you to".
    const comma = !question && allOf(SOFT_PREFIXES).includes(p) && rng.chance(0.3);
    text = `${p}${comma ? ', ' : ' '}${text}`;
  }
  if (rng.chance(opts.suffix ?? 0.12)) {
    const suffix = choose(rng, SUFFIXES, split);
    if (!(suffix === 'please' && text.includes('please'))) text = `${text}${rng.chance(0.5) ? ',' : ''} ${suffix}`;
  }
  if (rng.chance(opts.typo ?? 0.08)) text = addTypo(rng, text, CORRECTABLE_WORDS, KNOWN_WORDS) ?? text;
  if (opts.bare) return text;
  if (rng.chance(0.5)) text = text[0]!.toUpperCase() + text.slice(1);
  const end = question ? rng.pick(['?', '?', '']) : rng.pick(['', '.', '.', '!']);
  return /[.?!]$/.test(text) ? text : text + end;
}
