/** Typing noise for generated utterances: typos, a terse style without function words, dropped punctuation. */
import type { Rng } from '../../../src/domain/rng.ts';

const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbor(rng: Rng, ch: string): string {
  for (const row of KEY_ROWS) {
    const i = row.indexOf(ch);
    if (i >= 0) return rng.pick([row[i - 1] ?? row[i + 1]!, row[i + 1] ?? row[i - 1]!]);
  }
  return ch;
}

/** One typo in a word: drop, swap, neighbour key, double, or a dropped vowel. */
export function typo(rng: Rng, w: string): string {
  const i = rng.int(w.length);
  switch (rng.int(5)) {
    case 0:
      return w.slice(0, i) + w.slice(i + 1);
    case 1:
      return i < w.length - 1 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w;
    case 2:
      return w.slice(0, i) + neighbor(rng, w[i]!) + w.slice(i + 1);
    case 3:
      return w.slice(0, i + 1) + w[i] + w.slice(i + 1);
    default:
      return w.replace(/[aeiou](?=[^aeiou]*$)/, '');
  }
}

/** Words a terse typist leaves out ("move star top left", "heart red"). */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'to', 'in', 'at', 'on', 'of', 'is', 'are', 'please', 'into', 'make']);

/** A generated word with its tags (begin: starts its phrase; start: starts its clause). */
interface Tok {
  w: string;
  begin: boolean;
  role?: unknown;
  start?: boolean;
}

/** Applies noise; a dropped word hands its phrase start and clause start to the next word. */
export function noisy<T extends Tok>(rng: Rng, tokens: T[]): T[] {
  const level = rng.pick([0, 0, 0.03, 0.06, 0.12]);
  const terse = rng.chance(0.3);
  const dropThe = !terse && rng.chance(0.15);
  const out: T[] = [];
  let startNext = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const drop = (terse && FUNCTION_WORDS.has(t.w) && rng.chance(0.75) && !(t.w === 'make' && i === 0 && tokens.length < 3))
      || (dropThe && (t.w === 'the' || t.w === 'a') && rng.chance(0.7))
      || (/^[.,!?;:]$/.test(t.w) && rng.chance(0.3));
    if (drop) {
      startNext ||= !!t.start;
      continue;
    }
    let w = t.w;
    if (w.length >= 4 && /^[a-z]+$/.test(w) && rng.chance(level)) w = typo(rng, w);
    else if (/^(so|too|very|really|way)$/.test(w) && rng.chance(0.1)) w = w + w[w.length - 1]!.repeat(2);
    out.push({ ...t, w, ...(startNext ? { start: true } : {}) });
    startNext = false;
  }
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    const prev = out[i - 1];
    if (t.role && !t.begin && (!prev || prev.role !== t.role)) out[i] = { ...t, begin: true };
  }
  return out;
}
