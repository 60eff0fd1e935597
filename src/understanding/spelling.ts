/**
 * Spelling correction against a known vocabulary, in time linear in the input: a symmetric-delete index
 * (SymSpell) finds every known word within edit distance 2 by hashing deletions, never by scanning.
 * Why: the old corrector built every insertion and substitution of the word (quadratic, issue 24 item 2).
 */

/** Words longer than this are never corrected (and never indexed): no real typo of our words is that long. */
export const MAX_CORRECTABLE = 20;

function deletes(w: string, depth: number, out: Set<string>): void {
  if (depth === 0 || w.length <= 1) return;
  for (let i = 0; i < w.length; i++) {
    const d = w.slice(0, i) + w.slice(i + 1);
    if (!out.has(d)) {
      out.add(d);
      deletes(d, depth - 1, out);
    }
  }
}

/** Optimal-string-alignment distance (adjacent swaps count 1), stopping early past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row.push(v);
      best = Math.min(best, v);
    }
    if (i > 0 && best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** How far a word of a given length may be from its correction: short words collide too easily ("red"/"bed"). */
export function allowedDistance(length: number): number {
  return length >= 7 ? 2 : length >= 4 ? 1 : 0;
}

/** A corrector for one vocabulary. */
export class SpellingCorrector {
  private readonly index = new Map<string, string[]>();
  private readonly known: ReadonlySet<string>;

  /**
   * `preferred` words win a tie ("yelow": "yellow" over "below"): the domain's own words are likelier. `english`
   * words are never corrected: one the vocabulary lacks is a word, not a typo ("cover" is not "over").
   */
  constructor(
    words: Iterable<string>,
    private readonly preferred: ReadonlySet<string> = new Set(),
    private readonly english: ReadonlySet<string> = new Set(),
  ) {
    this.known = new Set(words);
    for (const w of this.known) {
      if (w.length > MAX_CORRECTABLE || w.length < 3) continue;
      const keys = new Set([w]);
      deletes(w, 2, keys);
      for (const k of keys) {
        const list = this.index.get(k);
        if (list) list.push(w);
        else this.index.set(k, [w]);
      }
    }
  }

  /** True when the word is in the vocabulary. */
  has(word: string): boolean {
    return this.known.has(word);
  }

  /**
   * The known word closest to `word`, when exactly one lies at the smallest distance allowed for its length
   * (an adjacent swap is allowed in 3-letter words: "teh"); null for known, English, too long or ambiguous words.
   */
  correct(word: string): string | null {
    if (this.known.has(word) || this.english.has(word) || word.length > MAX_CORRECTABLE || word.length < 3 || /\d/.test(word)) return null;
    const max = Math.max(allowedDistance(word.length), word.length === 3 ? 1 : 0);
    const keys = new Set([word]);
    deletes(word, max, keys);
    let best = max + 1;
    let found: string[] = [];
    for (const k of keys) {
      for (const cand of this.index.get(k) ?? []) {
        if (cand.length < 3 || (word.length === 3 && !isSwap(word, cand))) continue;
        const d = editDistance(word, cand, max);
        if (d > max || d > allowedDistance(cand.length) + (word.length === 3 ? 1 : 0)) continue;
        if (d < best) [best, found] = [d, [cand]];
        else if (d === best && !found.includes(cand)) found.push(cand);
      }
    }
    if (found.length > 1) {
      // Typos keep the first letter far more often than not ("evry": "every", not "very").
      const sameStart = found.filter((w) => w[0] === word[0]);
      const preferred = found.filter((w) => this.preferred.has(w));
      found = sameStart.length === 1 ? sameStart : preferred.length === 1 ? preferred : sameStart.filter((w) => this.preferred.has(w));
    }
    return found.length === 1 ? found[0]! : null;
  }
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}
