/** Phrase tables of the interpreter, built from the lexicon (train and held-out phrasings alike). */
import {
  ATTRIBUTE_NOUNS, COLOR_WORDS, COMPARATIVES, EXTREMES, GENERIC_NOUNS, PLURAL_PRONOUNS, POSITION_NAMES, PRONOUNS,
  RELATIONS, SHAPE_NOUNS, SIZE_WORDS, STEP_UNITS, STEP_WORDS, TEXTURE_NOUNS, TEXTURE_WORDS, allOf, type Lex,
} from './lexicon.ts';
import type { Attribute, Color, Direction, Shape, Size, Texture } from './scene.ts';

/** Multi-word phrase lookup with longest match. */
export class PhraseTable<T> {
  private readonly map = new Map<string, T>();
  private maxWords = 1;

  /** Adds a phrase; the first meaning added for a phrase wins. */
  add(phrase: string, value: T): this {
    if (!this.map.has(phrase)) this.map.set(phrase, value);
    this.maxWords = Math.max(this.maxWords, phrase.split(' ').length);
    return this;
  }

  /** Longest phrase starting at words[i] (not reaching past `end`): its value and word count. */
  match(words: readonly string[], i: number, end = words.length): { value: T; n: number } | null {
    for (let n = Math.min(this.maxWords, end - i); n >= 1; n--) {
      const v = this.map.get(words.slice(i, i + n).join(' '));
      if (v !== undefined) return { value: v, n };
    }
    return null;
  }
}

function fromRecord<K extends string, T>(rec: Readonly<Record<K, Lex<T>>>, key: (t: T) => string, val: (k: K, t: T) => unknown) {
  const table = new PhraseTable<ReturnType<typeof val>>();
  for (const k of Object.keys(rec) as K[]) for (const t of allOf(rec[k])) table.add(key(t), val(k, t));
  return table;
}

const id = (s: string) => s;

/** Shape nouns, singular and plural. */
export const SHAPE_TABLE = new PhraseTable<{ shape: Shape; plural: boolean }>();
for (const shape of Object.keys(SHAPE_NOUNS) as Shape[]) {
  for (const [s, p] of allOf(SHAPE_NOUNS[shape])) SHAPE_TABLE.add(s, { shape, plural: false }).add(p, { shape, plural: true });
}
/** Generic nouns ("one", "shapes"). */
export const GENERIC_TABLE = new PhraseTable<{ plural: boolean }>();
for (const [s, p] of allOf(GENERIC_NOUNS)) GENERIC_TABLE.add(s, { plural: false }).add(p, { plural: true });

/** Color adjectives. */
export const COLOR_TABLE = fromRecord(COLOR_WORDS, id, (k) => k) as PhraseTable<Color>;
/** Size adjectives. */
export const SIZE_TABLE = fromRecord(SIZE_WORDS, id, (k) => k) as PhraseTable<Size>;
/** Texture adjectives. */
export const TEXTURE_TABLE = fromRecord(TEXTURE_WORDS, id, (k) => k) as PhraseTable<Texture>;
/** Texture nouns ("stripes"). */
export const TEXTURE_NOUN_TABLE = fromRecord(TEXTURE_NOUNS, id, (k) => k) as PhraseTable<'striped' | 'dotted'>;
/** Relations ("left of"). */
export const RELATION_TABLE = fromRecord(RELATIONS, id, (k) => k) as PhraseTable<Direction>;
/** Relative extremes ("upper"). */
export const EXTREME_TABLE = fromRecord(EXTREMES, id, (k) => k) as PhraseTable<Direction>;
/** Step directions ("up"). */
export const STEP_TABLE = fromRecord(STEP_WORDS, id, (k) => k) as PhraseTable<Direction>;
/** Attribute nouns ("color", "pattern"). */
export const ATTRIBUTE_TABLE = fromRecord(ATTRIBUTE_NOUNS, id, (k) => k) as PhraseTable<Attribute>;
/** Comparatives: one size step. */
export const COMPARATIVE_TABLE = fromRecord(COMPARATIVES, id, (k) => k) as PhraseTable<'bigger' | 'smaller'>;

/** Cell names. */
export const POSITION_TABLE = new PhraseTable<number>();
POSITION_NAMES.forEach((l, cell) => allOf(l).forEach((name) => POSITION_TABLE.add(name, cell)));
/** Single side words: an extreme in answers and before nouns, a cell after a preposition elsewhere. */
export const SIDE_DIRECTION: Readonly<Record<string, Direction>> = { left: 'left', right: 'right', top: 'up', bottom: 'down' };

/** Step units ("one cell"). */
export const STEP_UNIT_TABLE = new PhraseTable<true>();
allOf(STEP_UNITS).forEach((u) => STEP_UNIT_TABLE.add(u, true));

/** Pronouns: singular or plural reference to the previous referent. */
export const PRONOUN_TABLE = new PhraseTable<'one' | 'all'>();
allOf(PRONOUNS).forEach((p) => PRONOUN_TABLE.add(p, 'one'));
allOf(PLURAL_PRONOUNS).forEach((p) => PRONOUN_TABLE.add(p, 'all'));

/** Definite determiners and the number they give a noun phrase (null: taken from the noun). */
export const DETERMINER_TABLE = new PhraseTable<'one' | 'all' | 'both' | null>()
  .add('all of the', 'all').add('all the', 'all').add('all', 'all').add('every', 'all').add('each', 'all')
  .add('both of the', 'both').add('both the', 'both').add('both', 'both').add('the two', 'both').add('the', null);

/** Indefinite determiners of new objects. */
export const INDEFINITE_TABLE = new PhraseTable<true>().add('a', true).add('an', true).add('another', true).add('one more', true);
