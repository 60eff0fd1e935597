/** Lays the history tree out as filmstrip rows: a branch continues its parent's row, later branches open new rows. */
import type { HistoryNode } from '../dialogue/index.ts';

/** One picture in the filmstrip. */
export interface StripItem {
  node: HistoryNode;
  /** Row (0 = the first timeline) and column (= number of steps from the original). */
  row: number;
  col: number;
  /** On the path from the original to the current picture. */
  onPath: boolean;
  current: boolean;
  /** First item of a branch row (drawn with a fork marker). */
  fork: boolean;
  /** Short label: "Original" or "#3". */
  label: string;
}

/** "Original" for the root, "#k" for node `nk`. */
export function nodeLabel(node: HistoryNode): string {
  return node.parent === null ? 'Original' : `#${node.id.replace(/^n/, '')}`;
}

/** What a picture is, for its accessible name and tooltip. */
export function nodeDescription(node: HistoryNode): string {
  if (node.parent === null) return 'The original picture';
  return node.summary.replace(/\.$/, '');
}

/** Filmstrip items in row-major order (the keyboard's Tab order), with `rows` the number of rows. */
export function layoutHistory(nodes: readonly HistoryNode[], currentId: string): { items: StripItem[]; rows: number } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Visited sets keep a damaged history (a cycle) from hanging the page; stored histories are checked on load too.
  const path = new Set<string>();
  for (let n = byId.get(currentId); n && !path.has(n.id); n = n.parent === null ? undefined : byId.get(n.parent)) path.add(n.id);
  const items: StripItem[] = [];
  let rows = 0;
  const root = nodes.find((n) => n.parent === null);
  if (!root) return { items, rows };
  // Depth-first: the first child stays on its parent's row, every further child opens the next free row.
  const placed = new Set<string>();
  const stack: { node: HistoryNode; row: number | null; col: number; fork: boolean }[] = [{ node: root, row: null, col: 0, fork: false }];
  while (stack.length > 0) {
    const { node, row: given, col, fork } = stack.pop()!;
    if (placed.has(node.id)) continue;
    placed.add(node.id);
    const row = given ?? rows++;
    items.push({ node, row, col, fork, onPath: path.has(node.id), current: node.id === currentId, label: nodeLabel(node) });
    const kids = node.children.map((id) => byId.get(id)).filter((k): k is HistoryNode => !!k);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, row: i === 0 ? row : null, col: col + 1, fork: i > 0 });
  }
  items.sort((a, b) => a.row - b.row || a.col - b.col);
  return { items, rows };
}
