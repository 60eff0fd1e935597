/**
 * Proof that a stored or imported history is one tree rooted at n0: ids of the form n<k> below nextId, every
 * node reachable from n0 exactly once, parent and child links agreeing. A cycle or a second root would hang or
 * overflow every walk over the history (undo, depth, the filmstrip), so nothing is restored without this.
 */
import type { HistoryState } from './history-state.ts';

/** Most nodes a history may hold (a long session has a few hundred). */
export const MAX_HISTORY_NODES = 10_000;
const ID = /^n(0|[1-9]\d{0,8})$/;

/** The first structural problem of a history's node links, or null. Assumes ids, parents and children are strings. */
export function historyProblem(state: HistoryState): string | null {
  const { nodes, current, nextId } = state;
  if (nodes.length === 0) return 'has no nodes';
  if (nodes.length > MAX_HISTORY_NODES) return `has ${nodes.length} nodes (at most ${MAX_HISTORY_NODES})`;
  const byId = new Map<string, (typeof nodes)[number]>();
  let highest = 0;
  for (const n of nodes) {
    const m = ID.exec(n.id);
    if (!m) return `has a node id "${n.id.slice(0, 40)}" (ids are n0, n1, ...)`;
    if (byId.has(n.id)) return `has two nodes with id ${n.id}`;
    byId.set(n.id, n);
    highest = Math.max(highest, Number(m[1]));
  }
  if (!Number.isInteger(nextId) || nextId <= highest || nextId > 1e9) return `nextId must be a whole number above ${highest} (the highest node id), not ${nextId}`;
  const root = byId.get('n0');
  if (!root) return 'has no node n0 (the original picture)';
  if (root.parent !== null) return 'has a parent for n0 (the original picture must be the root)';
  for (const n of nodes) {
    if (n.id !== 'n0' && (n.parent === null || !byId.has(n.parent))) return `node ${n.id} has no parent in the history`;
    const seen = new Set<string>();
    for (const c of n.children) {
      const child = byId.get(c);
      if (!child) return `node ${n.id} refers to a missing node ${c.slice(0, 40)}`;
      if (seen.has(c)) return `node ${n.id} lists child ${c} twice`;
      if (child.parent !== n.id) return `node ${n.id} lists ${c} as a child, but ${c}'s parent is ${String(child.parent)}`;
      seen.add(c);
    }
    if (n.redoChild !== null && !seen.has(n.redoChild)) return `node ${n.id} redoes to ${String(n.redoChild).slice(0, 40)}, which is not its child`;
    if (n.id !== 'n0' && !byId.get(n.parent!)!.children.includes(n.id)) return `node ${n.id} is missing from its parent ${n.parent}'s children`;
  }
  // Links agree both ways, so a walk from n0 along children meets each node once unless a cycle cuts some off.
  const reached = new Set<string>(['n0']);
  const stack = ['n0'];
  while (stack.length > 0) {
    for (const c of byId.get(stack.pop()!)!.children) {
      if (reached.has(c)) return `has a cycle through node ${c}`;
      reached.add(c);
      stack.push(c);
    }
  }
  if (reached.size !== nodes.length) {
    const cut = nodes.find((n) => !reached.has(n.id))!;
    return `has a cycle: node ${cut.id} cannot be reached from n0`;
  }
  if (!byId.has(current)) return `current node ${String(current).slice(0, 40)} is not a node of the history`;
  return null;
}
