/**
 * Model inputs from normalized words: a word id from the model's vocabulary and hashed character n-grams
 * (fastText-style), so a misspelt or unseen word still lands near the words it resembles.
 * Hashing lives only here: training shards are written with these ids, so Python never re-implements it.
 */
import { CONTEXTS, type Context } from './tags.ts';

/** Longest input in tokens, the context token included. */
export const SEQ_LEN = 48;
/** Hash buckets for character n-grams (id 0 = none). */
export const NGRAM_BUCKETS = 4096;
/** N-grams kept per word. */
export const NGRAMS_PER_WORD = 12;
/** Word ids: 0 pad, 1 unknown, then one per context, then the vocabulary. */
export const PAD = 0;
export const UNK = 1;
const FIRST_WORD = 2 + CONTEXTS.length;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Hashed 3- to 5-grams of "<word>", shortest first, at most NGRAMS_PER_WORD, ids in 1..NGRAM_BUCKETS-1. */
export function ngramIds(word: string): number[] {
  const s = `<${word.slice(0, 24)}>`;
  const out: number[] = [];
  for (let n = 3; n <= 5 && out.length < NGRAMS_PER_WORD; n++) {
    for (let i = 0; i + n <= s.length && out.length < NGRAMS_PER_WORD; i++) out.push(1 + (fnv1a(s.slice(i, i + n)) % (NGRAM_BUCKETS - 1)));
  }
  return out;
}

/** The model's inputs for one turn. */
export interface Features {
  words: Int32Array; // (SEQ_LEN)
  ngrams: Int32Array; // (SEQ_LEN, NGRAMS_PER_WORD)
  length: number; // tokens used, context included
}

/** Encodes a turn: the context token, then up to SEQ_LEN - 1 words. */
export function encodeFeatures(words: readonly string[], context: Context, vocab: ReadonlyMap<string, number>): Features {
  const n = Math.min(words.length, SEQ_LEN - 1);
  const ids = new Int32Array(SEQ_LEN);
  const grams = new Int32Array(SEQ_LEN * NGRAMS_PER_WORD);
  ids[0] = 2 + CONTEXTS.indexOf(context);
  for (let i = 0; i < n; i++) {
    const v = vocab.get(words[i]!);
    ids[i + 1] = v === undefined ? UNK : FIRST_WORD + v;
    ngramIds(words[i]!).forEach((g, k) => (grams[(i + 1) * NGRAMS_PER_WORD + k] = g));
  }
  return { words: ids, ngrams: grams, length: n + 1 };
}

/** The id table of a vocabulary list (index = position in the list). */
export function vocabMap(list: readonly string[]): Map<string, number> {
  return new Map(list.map((w, i) => [w, i]));
}

/** Size of the word-embedding table for a vocabulary of `n` words. */
export function wordTableSize(n: number): number {
  return FIRST_WORD + n;
}
