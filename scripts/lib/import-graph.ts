/**
 * A file import graph, its strongly connected components (Tarjan) and the cycles in them, for scripts/check-imports.ts.
 * Pure: files are root-relative paths, and nothing here reads the disk.
 */

/** How one file uses another: a static import, a dynamic `import()`, a type-only import, or (Python) an import inside a function. */
export type EdgeKind = 'static' | 'dynamic' | 'type' | 'function';

/** One import of a file in the graph by another, at a 1-based line of the importer. */
export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  line: number;
}

/** Each file and its imports of other files in the graph (at most one edge per pair of files). */
export type Graph = Map<string, Edge[]>;

// When a file imports another twice (say `import type` and `import`), the edge that runs soonest at load time stands for both.
const RANK: Record<EdgeKind, number> = { static: 0, function: 1, dynamic: 2, type: 3 };

/** The graph of `files`, keeping edges between them only and one edge per pair (the most eager, then the first). */
export function buildGraph(files: Iterable<string>, edges: Iterable<Edge>): Graph {
  const graph: Graph = new Map();
  for (const f of [...files].sort()) graph.set(f, []);
  const best = new Map<string, Edge>();
  for (const e of edges) {
    if (!graph.has(e.from) || !graph.has(e.to)) continue;
    const key = `${e.from}\0${e.to}`;
    const had = best.get(key);
    if (!had || RANK[e.kind] < RANK[had.kind] || (RANK[e.kind] === RANK[had.kind] && e.line < had.line)) best.set(key, e);
  }
  for (const e of [...best.values()].sort((a, b) => a.to.localeCompare(b.to))) graph.get(e.from)!.push(e);
  return graph;
}

/** Strongly connected components (Tarjan, iterative so deep graphs cannot overflow the stack), in discovery order. */
export function stronglyConnected(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const enter = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
  };
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    enter(root);
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      const edges = graph.get(v) ?? [];
      if (i < edges.length) {
        frame[1]++;
        const w = edges[i]!.to;
        if (!index.has(w)) {
          enter(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const u = work[work.length - 1]![0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        components.push(component.sort());
      }
    }
  }
  return components;
}

/** The shortest path of edges from `from` to `to` inside `members`, using only edges `usable` accepts; null if none. */
function shortestPath(graph: Graph, members: Set<string>, from: string, to: string, usable: (e: Edge) => boolean): Edge[] | null {
  if (from === to) return [];
  const via = new Map<string, Edge>();
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    for (const e of graph.get(queue[q]!) ?? []) {
      if (!members.has(e.to) || via.has(e.to) || e.to === from || !usable(e)) continue;
      via.set(e.to, e);
      if (e.to === to) {
        const path: Edge[] = [];
        for (let at = to; at !== from; at = via.get(at)!.from) path.unshift(via.get(at)!);
        return path;
      }
      queue.push(e.to);
    }
  }
  return null;
}

/** A cycle as its edges, rotated to start at its smallest file so that one cycle found twice compares equal. */
function canonical(cycle: Edge[]): Edge[] {
  let start = 0;
  cycle.forEach((e, i) => {
    if (e.from < cycle[start]!.from) start = i;
  });
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

/**
 * Cycles that together use every edge inside every strongly connected component: for each such edge, the edge and
 * the shortest way back, through runtime edges when there is one (so a runtime cycle is not reported as type-only).
 */
export function findCycles(graph: Graph): Edge[][] {
  const cycles = new Map<string, Edge[]>();
  for (const component of stronglyConnected(graph)) {
    const members = new Set(component);
    for (const v of component) {
      for (const e of graph.get(v) ?? []) {
        if (!members.has(e.to)) continue;
        const back =
          shortestPath(graph, members, e.to, e.from, (x) => x.kind !== 'type') ?? shortestPath(graph, members, e.to, e.from, () => true)!;
        const cycle = canonical([e, ...back]);
        cycles.set(cycle.map((x) => x.from).join('\0'), cycle);
      }
    }
  }
  const runtimeFirst = (c: Edge[]) => (isTypeOnly(c) ? 1 : 0);
  return [...cycles.values()].sort((a, b) => runtimeFirst(a) - runtimeFirst(b) || a.length - b.length || a[0]!.from.localeCompare(b[0]!.from));
}

/** Whether a cycle goes through a type-only import (it cannot run in a loop, but the dependencies still point both ways). */
export function isTypeOnly(cycle: readonly Edge[]): boolean {
  return cycle.some((e) => e.kind === 'type');
}

const HOW: Record<EdgeKind, string> = { static: '', dynamic: ' (dynamic import())', type: ' (type-only)', function: ' (inside a function)' };

/** One edge as `file:line imports file (how)`. */
export function formatEdge(e: Edge): string {
  return `${e.from}:${e.line} imports ${e.to}${HOW[e.kind]}`;
}

/** A cycle as its path `a -> b -> a`, then each import on it on its own line. */
export function formatCycle(cycle: readonly Edge[]): string {
  const path = [...cycle.map((e) => e.from), cycle[0]!.from].join(' -> ');
  const head = isTypeOnly(cycle) ? `${path}  [type-only: no runtime cycle, but dependencies must point one way]` : path;
  return [head, ...cycle.map((e) => `    ${formatEdge(e)}`)].join('\n');
}
