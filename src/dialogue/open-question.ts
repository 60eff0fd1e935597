/**
 * Answers to the manager's own questions that the interpreter does not read: "the first one", "the second",
 * "both" / "all of them" for "Which square: ...?", and a place for "Where should it go?".
 */
import { parseNounPhrase } from '../domain/chunk.ts';
import type { Edit } from '../domain/edits.ts';
import { interpret, type Interpretation, type Pending } from '../domain/interpret.ts';
import { sentences } from '../domain/normalize.ts';
import type { Scene } from '../domain/scene.ts';
import { words } from '../domain/tokenizer.ts';
import { CELL_NAMES } from './phrases.ts';

/** Edits an answer resolved to, or why it could not be done (the question stays open). */
export type Resolved = { edits: Edit[]; referent: number[] | null } | { failure: string };

const ORDINALS: Readonly<Record<string, number>> = { first: 0, former: 0, second: 1, latter: 1, third: 2 };
const ALL_ANSWERS = new Set(['both', 'all', 'all of them', 'both of them', 'each', 'each of them', 'them all', 'all three', 'every one', 'all 3']);
// Failures that show the turn was a request of its own, not an attempt at answering.
const REQUEST_FAILURES = new Set(['that place is taken', 'that place is off the grid', 'this edit needs a single object',
  'where should it go?', 'a new object needs a shape and a color']);

/** "the first one" / "the second" / "both" as an answer to a which-question over `pending.candidates`. */
export function answerWhich(text: string, scene: Scene, referent: number[] | null, pending: Pending): Resolved | null {
  // Raw words: ordinals are no instruction words, and typo correction must not turn them into some.
  const ws = words(text).filter((w) => !['one', 'ones', 'the', 'i', 'mean', 'meant', 'please'].includes(w));
  const s = ws.join(' ');
  const cands = pending.candidates;
  const ord = s === 'last' || s === 'last one' ? cands.length - 1 : ORDINALS[s];
  const pick = (c: number) => interpret(`the one in the ${CELL_NAMES[c]}`, { scene, referent, pending });
  if (ord !== undefined) {
    if (ord >= cands.length) return { failure: `there are only ${cands.length}` };
    const r = pick(cands[ord]!);
    return r.kind === 'edit' ? { edits: r.edits, referent: r.referent } : null;
  }
  if (!ALL_ANSWERS.has(s)) return null;
  const merged = mergeTargets(cands.map(pick).map((r) => (r.kind === 'edit' && r.edits.length === 1 ? r.edits[0]! : null)));
  if (!merged) return { failure: 'one at a time' };
  return { edits: [merged], referent: merged.op === 'remove' ? null : [...cands] };
}

/** One edit over the union of the targets when every edit is the same single-target change, else null. */
function mergeTargets(edits: readonly (Edit | null)[]): Edit | null {
  const first = edits[0];
  if (!first || first.op === 'add' || first.op === 'move' || first.op === 'swap') return null;
  const cells: number[] = [];
  for (const e of edits) {
    if (!e || e.op !== first.op || e.cells.length !== 1) return null;
    if (JSON.stringify({ ...e, cells: [] }) !== JSON.stringify({ ...first, cells: [] })) return null;
    cells.push(e.cells[0]!);
  }
  return { ...first, cells: cells.sort((a, b) => a - b) };
}

/** A place ("top right", "in the middle", "left of the star") completing `asked` ("add a pink star"). */
export function answerWhere(text: string, asked: string, scene: Scene, referent: number[] | null): Resolved | null {
  const ans = sentences(text).flat();
  if (ans.length === 0) return null;
  const lead = ['to', 'in', 'into', 'at', 'on', 'left', 'right', 'above', 'below', 'under', 'up', 'down'].includes(ans[0]!);
  const to = lead ? '' : ans[0] === 'the' ? 'to ' : 'to the ';
  const r = interpret(`${asked.replace(/[.!?]+\s*$/, '')} ${to}${ans.join(' ')}`, { scene, referent });
  if (r.kind === 'edit') return { edits: r.edits, referent: r.referent };
  if (r.kind === 'unknown' && (r.reason === 'that place is taken' || r.reason === 'that place is off the grid')) return { failure: r.reason };
  return null;
}

/**
 * True when a turn that is no answer stands as a request of its own ("move the star up" while a question is
 * open): it is more than a noun phrase, and on its own it asks a question back or fails for a reason of its own.
 */
export function isOwnRequest(fresh: Interpretation, text: string): boolean {
  const ss = sentences(text);
  const w = ss[0] ?? [];
  const np = ss.length === 1 ? parseNounPhrase(w, 0, w.length, true) : null;
  if (np && np.end === w.length) return false;
  if (fresh.kind === 'clarify') return true;
  if (fresh.kind !== 'unknown') return false;
  return REQUEST_FAILURES.has(fresh.reason) || /^the same \w+ as what\?$/.test(fresh.reason) || fresh.reason.startsWith('nothing matches');
}
