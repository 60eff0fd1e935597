/** Typo injection for the generator and typo correction for the interpreter (single-edit, OSA distance 1). */
import type { Rng } from '../../domain/rng.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Minimum word length for typos and corrections: shorter words collide too easily ("red" / "bed"). */
export const TYPO_MIN_LENGTH = 4;

const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function keyNeighbors(ch: string): string {
  for (let r = 0; r < KEY_ROWS.length; r++) {
    const i = KEY_ROWS[r]!.indexOf(ch);
    if (i >= 0) return (KEY_ROWS[r]![i - 1] ?? '') + (KEY_ROWS[r]![i + 1] ?? '');
  }
  return '';
}

/** All strings one deletion, adjacent transposition, substitution or insertion away. */
function variants(w: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= w.length; i++) {
    if (i < w.length) out.add(w.slice(0, i) + w.slice(i + 1));
    if (i < w.length - 1) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    for (const c of LETTERS) {
      if (i < w.length) out.add(w.slice(0, i) + c + w.slice(i + 1));
      out.add(w.slice(0, i) + c + w.slice(i));
    }
  }
  out.delete(w);
  return out;
}

/** The unique known word one edit away from `word` (one swap of adjacent letters for 3-letter words), or null. */
export function correctWord(word: string, known: ReadonlySet<string>): string | null {
  if (word.length < 3 || known.has(word)) return null;
  // Short words collide too easily ("bed" / "red"); of their typos only swapped letters ("teh") are safe.
  const short = word.length < TYPO_MIN_LENGTH;
  const candidates = short ? [...word].slice(1).map((_, i) => word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)) : variants(word);
  let found: string | null = null;
  for (const v of candidates) {
    if (!known.has(v) || (!short && v.length < TYPO_MIN_LENGTH)) continue;
    if (found !== null && found !== v) return null;
    found = v;
  }
  return found;
}

function mutate(rng: Rng, w: string): string {
  const i = rng.int(w.length);
  switch (rng.int(4)) {
    case 0:
      return w.slice(0, i) + w.slice(i + 1);
    case 1:
      return i < w.length - 1 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, -1);
    case 2: {
      const n = keyNeighbors(w[i]!);
      return n ? w.slice(0, i) + rng.pick([...n]) + w.slice(i + 1) : w;
    }
    default:
      return w.slice(0, i + 1) + w[i] + w.slice(i + 1);
  }
}

/**
 * Puts one typo into a content word of the sentence that the interpreter can still recover (the typo is no
 * known word and its only correctable neighbour is the original); null when no word qualifies.
 */
export function addTypo(rng: Rng, sentence: string, correctable: ReadonlySet<string>, known: ReadonlySet<string>): string | null {
  const words = sentence.split(' ');
  const idx = words.flatMap((w, i) => (w.length >= TYPO_MIN_LENGTH && correctable.has(w) ? [i] : []));
  for (let attempt = 0; attempt < 12 && idx.length > 0; attempt++) {
    const i = rng.pick(idx);
    const typo = mutate(rng, words[i]!);
    if (typo !== words[i] && !known.has(typo) && correctWord(typo, correctable) === words[i]) {
      words[i] = typo;
      return words.join(' ');
    }
  }
  return null;
}
