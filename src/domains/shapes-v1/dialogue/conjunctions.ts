/**
 * Coordination the interpreter reads one sentence at a time: "make the circle red and the square blue" (gapping),
 * "remove the circle and the square" (coordinated objects), "make it red and bigger" (coordinated values),
 * "make the circle red and move the star up" (clauses). Rewritten as separate sentences when that reading works.
 */
import { parseNounPhrase } from '../chunk.ts';
import { interpret, type InterpretContext } from '../interpret.ts';
import { sentences } from '../normalize.ts';
import { INDEFINITE_TABLE } from '../phrase-table.ts';

// "swap the circle and the star", "let X and Y trade places": the "and" belongs to the verb.
const PAIR_WORDS = new Set(['swap', 'switch', 'exchange', 'trade', 'places', 'positions']);
const MAX_PARTS = 6;

function phraseAt(w: readonly string[], i: number): { end: number; definite: boolean } | null {
  const np = parseNounPhrase(w, i);
  if (np) return { end: np.end, definite: true };
  return INDEFINITE_TABLE.match(w, i) ? { end: i + 1, definite: false } : null;
}

function firstPhrase(w: readonly string[]): { start: number; end: number; definite: boolean } | null {
  for (let i = 0; i < w.length; i++) {
    const p = phraseAt(w, i);
    if (p) return { start: i, ...p };
  }
  return null;
}

function hasPhrase(w: readonly string[]): boolean {
  return w.some((_, i) => parseNounPhrase(w, i) !== null);
}

/** Splits one sentence at its first "and" into sentences that each carry a verb (recursively). */
function splitSentence(w: string[], depth = 0): string[][] {
  const k = w.indexOf('and');
  if (k <= 0 || k === w.length - 1 || depth >= MAX_PARTS || w.some((x) => PAIR_WORDS.has(x))) return [w];
  const left = w.slice(0, k);
  const right = w.slice(k + 1);
  const head = firstPhrase(left);
  if (!head) return [w];
  const prefix = left.slice(0, head.start);
  const rightHead = phraseAt(right, 0);
  let parts: string[][];
  if (rightHead && head.definite && head.end === left.length) {
    // "remove the circle and the square", "make the circle and the square red": the rest is shared.
    parts = [[...left, ...right.slice(rightHead.end)], [...prefix, ...right]];
  } else if (rightHead) {
    parts = [left, [...prefix, ...right]]; // "make the circle red and the square blue"
  } else if (!hasPhrase(right) && head.definite) {
    parts = [left, [...left.slice(0, head.end), ...right]]; // "make it red and bigger"
  } else {
    parts = [left, right]; // "make the circle red and move the star up"
  }
  return [parts[0]!, ...splitSentence(parts[1]!, depth + 1)];
}

/**
 * The turn's text with coordinated edits as separate sentences, when the interpreter reads that version as
 * edits (or a question about one of them); otherwise the text unchanged.
 */
export function splitConjunctions(text: string, ctx: InterpretContext): string {
  const ss = sentences(text);
  if (!ss.some((s) => s.includes('and'))) return text;
  const out = ss.flatMap((s) => splitSentence(s));
  if (out.length === ss.length) return text;
  const candidate = `${out.map((s) => s.join(' ')).join('. ')}.`;
  const r = interpret(candidate, { scene: ctx.scene, referent: ctx.referent ?? null });
  return r.kind === 'edit' || r.kind === 'clarify' ? candidate : text;
}
