/** Text normalization of the interpreter: sentences, typo correction, politeness and filler removal. */
import { ANSWER_PREFIXES, DEGREE, PREFIXES, SOFT_PREFIXES, SUFFIXES, allOf } from './lexicon.ts';
import { COMPARATIVE_TABLE, PhraseTable } from './phrase-table.ts';
import { KNOWN_WORDS, words } from './tokenizer.ts';
import { correctWord } from './typos.ts';

const EXTRA_PREFIXES = ['and', 'also', 'then', 'and then', 'actually', 'well', 'oh', 'sorry', 'i mean', 'i meant', 'no'];
const PREFIX_TABLE = new PhraseTable<true>();
[...allOf(PREFIXES), ...allOf(SOFT_PREFIXES), ...allOf(ANSWER_PREFIXES), ...EXTRA_PREFIXES]
  .filter((p) => p.length > 0)
  .forEach((p) => PREFIX_TABLE.add(p, true));
const SUFFIX_LIST = allOf(SUFFIXES)
  .map((s) => s.split(' '))
  .sort((a, b) => b.length - a.length);
const DEGREE_TABLE = new PhraseTable<true>();
allOf(DEGREE).forEach((d) => DEGREE_TABLE.add(d, true));

// Function words are never correction targets: "what" must not become "that", nor "then" "them".
const STOPWORDS = new Set(['that', 'this', 'these', 'those', 'them', 'then', 'with', 'into', 'also', 'each', 'both',
  'more', 'have', 'need', 'well', 'mean', 'meant', 'which', 'there', 'could', 'would', 'like', 'want', 'from', 'same', 'ones']);
/** Vocabulary words a typo may be corrected to. */
export const CORRECTABLE_WORDS: ReadonlySet<string> = new Set([...KNOWN_WORDS].filter((w) => !STOPWORDS.has(w)));

/** Replaces unknown words by their unique correctable neighbour at edit distance 1 (typos). */
export function correctTypos(ws: readonly string[]): string[] {
  return ws.map((w) => (KNOWN_WORDS.has(w) ? w : (correctWord(w, CORRECTABLE_WORDS) ?? w)));
}

/** Drops politeness and filler at the ends, "please" anywhere, and degree words before comparatives. */
export function stripFiller(ws: readonly string[]): string[] {
  let w = ws.filter((x) => x !== 'please');
  for (let changed = true; changed; ) {
    changed = false;
    const p = PREFIX_TABLE.match(w, 0);
    // Keep a prefix word that is the whole sentence ("no" alone is an answer, not filler).
    if (p && p.n < w.length) [w, changed] = [w.slice(p.n), true];
    for (const s of SUFFIX_LIST) {
      if (s.length < w.length && s.every((x, k) => w[w.length - s.length + k] === x)) {
        [w, changed] = [w.slice(0, w.length - s.length), true];
        break;
      }
    }
  }
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const d = DEGREE_TABLE.match(w, i);
    if (d && COMPARATIVE_TABLE.match(w, i + d.n)) i += d.n - 1;
    else out.push(w[i]!);
  }
  return out;
}

/** Splits a turn into sentences of normalized words (on . ! ? ; and on "then"). */
export function sentences(text: string): string[][] {
  const out: string[][] = [];
  for (const part of text.split(/[.!?;]+/)) {
    let cur: string[] = [];
    for (const w of correctTypos(words(part))) {
      if (w === 'then' && cur.length > 0) {
        if (cur[cur.length - 1] === 'and') cur.pop();
        out.push(cur);
        cur = [];
      } else cur.push(w);
    }
    out.push(cur);
  }
  return out.map(stripFiller).filter((s) => s.length > 0);
}

/** Undo, redo or reset, when the sentence is one of those commands. */
export function metaCommand(w: readonly string[]): 'undo' | 'redo' | 'reset' | null {
  const s = ` ${w.join(' ')} `;
  if (/ (reset|start over|from scratch|original) /.test(s)) return 'reset';
  if (/ (redo|reapply) /.test(s)) return 'redo';
  if (/ (undo|revert|go back|take that back|scratch that|cancel) /.test(s)) return 'undo';
  return null;
}
