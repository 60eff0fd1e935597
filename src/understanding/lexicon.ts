/**
 * The lexicon: every word or phrase understanding knows, with what it can mean, built from a domain's
 * schema, its synonym table and the closed-class English words. Longest match over normalized words.
 */
import { DETERMINERS, EMPTY, EXCEPT, GENERIC_NOUNS, GRID_WORDS, MIDDLES, MODIFIERS, NUMBERS, ORDINALS, OTHER, PRONOUNS, RELATIONS, SIDES, type Direction } from './english.ts';
import type { LanguageSchema } from '../domain/schema.ts';

/** One meaning of a word or phrase. */
export type Entry =
  | { k: 'value'; attr: string; value: string; noun?: boolean; plural?: boolean }
  | { k: 'ambiguous'; attr: string; values: readonly string[] }
  | { k: 'unavailable'; attr: string; name: string }
  | { k: 'attr'; attr: string }
  | { k: 'cmp'; attr: string; dir: 1 | -1 }
  | { k: 'superlative'; attr: string; dir: 1 | -1 }
  | { k: 'generic'; plural: boolean }
  | { k: 'det'; number: 'one' | 'all' | 'both' | 'some' }
  | { k: 'pronoun'; number: 'one' | 'all' }
  | { k: 'rel'; dir: Direction | 'next' }
  | { k: 'side'; dir: Direction; extreme: boolean }
  | { k: 'middle' }
  | { k: 'grid'; what: 'row' | 'column' | 'corner' | 'corners' | 'edge' | 'cell' | 'grid' }
  | { k: 'ordinal'; n: number }
  | { k: 'number'; n: number }
  | { k: 'other' }
  | { k: 'except' }
  | { k: 'empty' }
  | { k: 'modifier' };

/** A lexicon match: the meanings and how many words it spans. */
export interface Match {
  entries: Entry[];
  n: number;
}

/** Every phrase of a domain, for longest-match lookup. */
export class Lexicon {
  private readonly map = new Map<string, Entry[]>();
  private maxWords = 1;

  constructor(readonly schema: LanguageSchema) {
    for (const a of schema.attributes) {
      for (const [value, ws] of Object.entries(a.words)) for (const w of ws) this.add(w, { k: 'value', attr: a.name, value, noun: a.noun });
      for (const [value, ws] of Object.entries(a.plurals ?? {})) for (const w of ws) this.add(w, { k: 'value', attr: a.name, value, noun: true, plural: true });
      for (const [value, ws] of Object.entries(a.valueNouns ?? {})) for (const w of ws) this.add(w, { k: 'value', attr: a.name, value, noun: true });
      for (const w of a.nouns) this.add(w, { k: 'attr', attr: a.name });
      for (const w of a.more ?? []) this.add(w, { k: 'cmp', attr: a.name, dir: 1 });
      for (const w of a.less ?? []) this.add(w, { k: 'cmp', attr: a.name, dir: -1 });
      for (const w of a.most ?? []) this.add(w, { k: 'superlative', attr: a.name, dir: 1 });
      for (const w of a.least ?? []) this.add(w, { k: 'superlative', attr: a.name, dir: -1 });
    }
    const syn = schema.synonyms;
    const noun = schema.attributes.find((a) => a.noun)?.name;
    for (const [w, [attr, value]] of [...Object.entries(schema.colloquial), ...Object.entries(syn.values)]) {
      this.add(w, { k: 'value', attr, value, noun: attr === noun });
      if (attr === noun && !w.endsWith('s')) this.add(`${w}${/(x|ch|sh)$/.test(w) ? 'es' : 's'}`, { k: 'value', attr, value, noun: true, plural: true });
    }
    for (const [w, value] of Object.entries(syn.textureNouns ?? {})) this.add(w, { k: 'value', attr: 'texture', value, noun: true });
    for (const [w, [attr, values]] of Object.entries(syn.ambiguous)) this.add(w, { k: 'ambiguous', attr, values });
    for (const [w, name] of Object.entries(syn.unavailable)) this.add(w, { k: 'unavailable', attr: 'color', name: w === name ? w : `${w} (${name})` });
    for (const [w, number] of Object.entries(DETERMINERS)) this.add(w, { k: 'det', number });
    for (const [w, number] of Object.entries(PRONOUNS)) this.add(w, { k: 'pronoun', number });
    for (const [w, dir] of Object.entries(RELATIONS)) this.add(w, { k: 'rel', dir });
    for (const [w, dir] of Object.entries(SIDES)) this.add(w, { k: 'side', dir, extreme: /most|est$|far |very |higher/.test(w) });
    for (const w of MIDDLES) this.add(w, { k: 'middle' });
    if (schema.grid) for (const [w, what] of Object.entries(GRID_WORDS)) this.add(w, { k: 'grid', what });
    for (const [w, n] of Object.entries(ORDINALS)) if (n !== 0) this.add(w, { k: 'ordinal', n });
    for (const [w, n] of Object.entries(NUMBERS)) this.add(w, { k: 'number', n });
    for (const [w, plural] of Object.entries(GENERIC_NOUNS)) this.add(w, { k: 'generic', plural });
    for (const w of OTHER) this.add(w, { k: 'other' });
    for (const w of EXCEPT) this.add(w, { k: 'except' });
    for (const w of EMPTY) this.add(w, { k: 'empty' });
    for (const w of MODIFIERS) this.add(w, { k: 'modifier' });
  }

  private add(phrase: string, e: Entry): void {
    const key = phrase.toLowerCase().replace(/-/g, ' ');
    const list = this.map.get(key);
    if (!list) this.map.set(key, [e]);
    else if (!list.some((x) => JSON.stringify(x) === JSON.stringify(e))) list.push(e);
    this.maxWords = Math.max(this.maxWords, key.split(' ').length);
  }

  /** The longest phrase at words[i] (not past `end`). */
  match(words: readonly string[], i: number, end = words.length): Match | null {
    for (let n = Math.min(this.maxWords, end - i); n >= 1; n--) {
      const e = this.map.get(words.slice(i, i + n).join(' '));
      if (e) return { entries: e, n };
    }
    return null;
  }

  /** Single words naming a value (colours, shapes, sizes, patterns): spelling correction prefers them. */
  valueWords(): Set<string> {
    const out = new Set<string>();
    for (const [k, es] of this.map) if (!k.includes(' ') && es.some((e) => e.k === 'value' || e.k === 'cmp')) out.add(k);
    return out;
  }

  /** Every single word the lexicon knows (for spelling correction). */
  words(): Set<string> {
    const out = new Set<string>();
    for (const k of this.map.keys()) for (const w of k.split(' ')) out.add(w);
    return out;
  }
}
