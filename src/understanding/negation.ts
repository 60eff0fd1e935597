/** Values the words rule out: "not red", "rather than those little spots". */

/** Words between a negation and the value it rules out ("not care for green", "in place of those polka dots"). */
const BETWEEN = new Set(['the', 'those', 'these', 'that', 'its', 'their', 'any', 'a', 'an', 'all', 'little', 'care', 'for', 'like', 'want', 'fancy', 'keen', 'on', 'more']);

/** Words that deny what follows them. */
export const NEGATION = /^(not|no|nor|never|without)$/;

/** "not red", "I do not care for green", "rather than those little spots": a value the words rule out. */
export function negatedAt(words: readonly string[], at: number): boolean {
  let i = at;
  while (i > 0 && BETWEEN.has(words[i - 1]!)) i--;
  if (NEGATION.test(words[i - 1] ?? '')) return true;
  const before = (n: number) => words.slice(Math.max(0, i - n), i).join(' ');
  return /^(instead of|rather than|other than)$/.test(before(2)) || before(3) === 'in place of';
}
