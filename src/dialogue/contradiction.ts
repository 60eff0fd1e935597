/**
 * A last check before an edit runs: does it go against the words of the request? "too big" or "shrink" must
 * never make something bigger, and "make it red" must never paint it blue. When the words and the edit
 * disagree, Parley asks instead (issue 23: some edits did the opposite of the request).
 */
import type { Scene } from '../domain/scene.ts';
import type { Change } from '../understanding/changes.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import type { Reading } from '../understanding/reading.ts';

const GROW = new Set(['enlarge', 'grow', 'expand', 'increase', 'magnify', 'bigger', 'larger', 'upsize', 'supersize', 'inflate']);
const SHRINK = new Set(['shrink', 'reduce', 'decrease', 'smaller', 'tinier', 'littler', 'downsize', 'minimize', 'compress']);
const EXCESS = new Set(['too', 'overly', 'overwhelming', 'overpowering', 'hogging']);

/** The size direction the words ask for (+1, -1), or 0 when they say none or both. */
export function askedDirection(words: readonly string[], lex: Lexicon): number {
  const dirs = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (GROW.has(w)) dirs.add(1);
    if (SHRINK.has(w)) dirs.add(-1);
    // "too small" asks for bigger; "too big" for smaller.
    if (EXCESS.has(w)) {
      const next = lex.match(words, i + 1)?.entries.find((e) => e.k === 'value' && e.attr === 'size');
      if (next && next.k === 'value') dirs.add(next.value === 'small' ? 1 : next.value === 'large' ? -1 : 0);
    }
  }
  dirs.delete(0);
  return dirs.size === 1 ? [...dirs][0]! : 0;
}

/** True when a change goes against the request's words. */
export function contradicts(reading: Reading, changes: readonly Change[], lex: Lexicon, sizeOf: (cell: number) => string | undefined): boolean {
  const words = reading.utterance.words;
  const dir = askedDirection(words, lex);
  const sizes = lex.schema.attributes.find((a) => a.name === 'size')?.values ?? [];
  for (const ch of changes) {
    if (ch.op === 'step' && dir !== 0 && ch.dir !== dir) return true;
    if (ch.op === 'set' && ch.attr === 'size' && dir !== 0) {
      if (ch.cells.some((c) => Math.sign(sizes.indexOf(ch.value) - sizes.indexOf(sizeOf(c) ?? '')) === -dir)) return true;
    }
  }
  return false;
}

/** The changes turned the way the words ask (the proposal a confirmation offers instead of a contradiction). */
export function alongWords(reading: Reading, changes: readonly Change[], lex: Lexicon): Change[] {
  const dir = askedDirection(reading.utterance.words, lex);
  if (dir === 0) return [...changes];
  return changes.map((ch) => (ch.op === 'step' ? { ...ch, dir: dir as 1 | -1 } : ch.op === 'set' && ch.attr === 'size' ? { op: 'step', cells: ch.cells, attr: 'size', dir: dir as 1 | -1 } : ch));
}

/** The same check for changes read by other means (a domain's exact reading), against the sizes in `scene`. */
export function contradictsIn(reading: Reading, changes: readonly Change[], lex: Lexicon, scene: Scene): boolean {
  return contradicts(reading, changes, lex, (c) => scene.cells[c]?.size);
}
