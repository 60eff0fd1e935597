/**
 * Reads a turn as the answer to the question Parley asked: which object, what value, or where. Each answer
 * comes from the phrases the tagger marked, or from all the words when it marked none ("top left").
 */
import type { Lexicon } from '../understanding/lexicon.ts';
import type { Direction } from '../understanding/english.ts';
import { matchRef, related, type GridScene } from '../understanding/match.ts';
import { negatedAt } from '../understanding/negation.ts';
import type { Reading } from '../understanding/reading.ts';
import { readDest, readRef, readValues, isBare, type RefSpec } from '../understanding/spans.ts';
import type { Role } from '../understanding/tags.ts';

/** An answer: what it picked, or that it picked nothing the question offered. */
export type Answer<T> = { ok: T } | { narrowed: number[] } | { none: true; only?: number } | { unclear: true };

function phrases(reading: Reading, roles: readonly Role[], whole = true): string[][] {
  // "Red, if you please; I do not care for green": a value ruled out is no answer.
  const spans = reading.clauses.flatMap((c) => c.spans.filter((s) => roles.includes(s.role) && !(s.role === 'VAL' && negatedAt(reading.utterance.words, s.start))).map((s) => s.words));
  return spans.length || !whole ? spans : [reading.utterance.words.filter((w) => !/^[.,!?;:]$/.test(w))];
}

/** Which of the candidates the answer picks ("the left one", "the striped one", "both", "the second"). */
export function whichAnswer(reading: Reading, scene: GridScene, lex: Lexicon, candidates: readonly number[], referent: readonly number[] | null): Answer<number[]> {
  let unclear = true;
  for (const words of phrases(reading, ['TGT', 'TGT2', 'SRC', 'DEST'])) {
    const ref = readRef(words, lex);
    if (ref.number === 'both' || ref.number === 'all' || (typeof ref.number === 'number' && ref.number >= candidates.length)) {
      if (isBare(ref) || ref.pronoun) return { ok: [...candidates] };
    }
    if (isBare(ref) && !ref.other) continue;
    unclear = false;
    if (ref.ordinal && Math.abs(ref.ordinal.n) > candidates.length) return { none: true, only: candidates.length };
    // "the one I just changed": what the last turn was about, if it is one of those offered.
    const cells = ref.pronoun ? (referent ?? []).filter((c) => candidates.includes(c))
      : matchRef(scene, ref, lex.schema, { referent, within: candidates });
    if (cells.length === 1) return { ok: cells };
    if (cells.length > 1 && (ref.number === 'all' || ref.number === 'both')) return { ok: cells };
    if (cells.length > 1 && cells.length < candidates.length) return { narrowed: cells };
  }
  return unclear ? { unclear: true } : { none: true };
}

/** The values an answer gives for an attribute ("red", "make it bigger", "dotted please"). */
export function valueAnswer(reading: Reading, lex: Lexicon, attr: string | null, choices?: readonly string[]): Answer<{ attr: string; value: string }[]> {
  const out: { attr: string; value: string }[] = [];
  // Values said beside another answer ("top left, in red") must be tagged: "right of the star" names no value.
  for (const words of phrases(reading, ['VAL', 'CUR'], attr !== null)) {
    for (const v of readValues(words, lex).values) {
      if (v.kind !== 'set' || (choices && v.attr === attr && !choices.includes(v.value))) continue;
      out.push({ attr: v.attr, value: v.value });
    }
  }
  // The asked attribute must be among them ("pink, with dots" answers "what colour?" and adds the dots).
  return out.some((v) => !attr || v.attr === attr) ? { ok: out } : { unclear: true };
}

/** The cell an answer to "where?" names, among the free candidates. */
export function whereAnswer(reading: Reading, scene: GridScene, lex: Lexicon, candidates: readonly number[], it: readonly number[] = []): Answer<number> {
  // The whole answer first ("top right" may come tagged in two pieces), then each phrase.
  const all = reading.utterance.words.filter((w) => !/^[.,!?;:]$/.test(w) && w !== 'please');
  for (const words of [all, ...phrases(reading, ['DEST', 'TGT'])]) {
    const { dest } = readDest(words, lex);
    const rel = dest?.kind === 'rel' && dest.dir !== 'next' ? relativeAnswer(dest.dir, dest.landmark, scene, lex, candidates, it) : null;
    if (rel) return rel;
    if (!dest || dest.kind !== 'place' || !('cells' in dest.place)) continue;
    const cells = dest.place.cells.filter((c) => candidates.includes(c));
    if (cells.length === 1) return { ok: cells[0]! };
    if (cells.length > 1) return { narrowed: cells };
    return { none: true };
  }
  return { unclear: true };
}

/** How many steps an undo or redo asks for ("go back two steps", "undo x3"); 1 when it names none. */
export function stepCount(words: readonly string[], lex: Lexicon): number {
  for (const w of words) {
    const m = /^x(\d)$/.exec(w);
    if (m) return Number(m[1]);
    const e = lex.match([w], 0)?.entries.find((x) => x.k === 'number');
    if (e && e.k === 'number' && w !== 'one' && w !== 'once') return e.n;
  }
  return 1;
}

const OPPOSITE = { left: 'right', right: 'left', up: 'down', down: 'up' } as const;

/**
 * "above it", "to its right", "to the right of the square" as the answer to "where?": the offered cells on that
 * side of the landmark. "It" is what the request placed the object next to (`it`), else any object.
 */
function relativeAnswer(dir: Direction, landmark: RefSpec, scene: GridScene, lex: Lexicon, candidates: readonly number[], it: readonly number[]): Answer<number> | null {
  const { rows, cols } = lex.schema.grid ?? { rows: 1, cols: scene.cells.length };
  const marks = landmark.pronoun ? (it.length ? new Set(it) : null) : new Set(matchRef(scene, landmark, lex.schema, { referent: null }));
  const cells = candidates.filter((c) => related(c, OPPOSITE[dir], rows, cols).some((l) => scene.cells[l] && (!marks || marks.has(l))));
  if (cells.length === 1) return { ok: cells[0]! };
  return cells.length > 1 ? { narrowed: cells } : null;
}
