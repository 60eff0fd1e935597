/**
 * How sure Parley is that it read a turn right: the tagger's certainty about each clause's operation and
 * phrases, lowered for words it could not place. Below CONFIRM_BELOW it confirms before editing
 * ("Make the circle in the middle bigger?") instead of guessing (issue 23: ask, don't guess).
 */
import type { Lexicon } from '../understanding/lexicon.ts';
import type { Reading } from '../understanding/reading.ts';

/** Below this recognizer confidence a cell's reading is reported as uncertain. */
export const LOW_CONFIDENCE = 0.5;
/** Turns read with less confidence than this are confirmed first (calibrated on dev data: models/README). */
export const CONFIRM_BELOW = 0.3;
/** Each unknown word inside a phrase multiplies confidence by this. */
const UNKNOWN_WORD = 0.6;
/** A value word left outside every phrase ("make the star ... red" with "red" untagged) does the same. */
const STRAY_VALUE = 0.7;

const EMPTY_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'and', 'please', ',', '.', '!', '?']);

/** Confidence in [0, 1] of a reading whose phrases left `unknown` words unplaced. */
export function readingConfidence(reading: Reading, unknown: readonly string[], lex: Lexicon): number {
  let c = 1;
  for (const cl of reading.clauses) {
    // A phrase of only function words ("the" tagged as a value) says nothing either way.
    const meaningful = cl.spans.filter((s) => s.words.some((w) => !EMPTY_WORDS.has(w)));
    c = Math.min(c, cl.opProb, 1 - cl.alt.prob / 2, ...meaningful.map((s) => s.prob));
    const inSpan = new Set(cl.spans.flatMap((s) => Array.from({ length: s.end - s.start }, (_, k) => s.start + k)));
    for (let i = cl.start; i < cl.end; i++) {
      if (inSpan.has(i)) continue;
      const m = lex.match(reading.utterance.words, i, i + 1);
      if (m?.entries.some((e) => e.k === 'value' && !e.noun) && !m.entries.some((e) => e.k !== 'value')) c *= STRAY_VALUE;
    }
  }
  return c * UNKNOWN_WORD ** new Set(unknown).size;
}
