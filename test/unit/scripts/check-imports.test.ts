/** The import-cycle check (scripts/check-imports.ts and its lib files) on small trees written to a temp folder. */
import { describe, expect, it } from 'vitest';
import { buildGraph, findCycles, formatCycle, stronglyConnected, type Edge } from '../../../scripts/lib/import-graph.ts';

const edge = (from: string, to: string, kind: Edge['kind'] = 'static', line = 1): Edge => ({ from, to, kind, line });
const paths = (cycles: Edge[][]) => cycles.map((c) => formatCycle(c).split('\n')[0]);

describe('import graph', () => {
  it('finds strongly connected components, including a file that imports itself', () => {
    const g = buildGraph(['a', 'b', 'c', 'd', 'e'], [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd'), edge('e', 'e')]);
    expect(stronglyConnected(g).map((c) => c.join(',')).sort()).toEqual(['a,b,c', 'd', 'e']);
    expect(paths(findCycles(g))).toEqual(['e -> e', 'a -> b -> c -> a']);
  });

  it('reports enough cycles to use every edge of a component, each once', () => {
    const g = buildGraph(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'a'), edge('b', 'c'), edge('c', 'a')]);
    expect(paths(findCycles(g))).toEqual(['a -> b -> a', 'a -> b -> c -> a']);
  });

  it('keeps one edge per pair, the one that runs soonest, and drops edges leaving the graph', () => {
    const g = buildGraph(['a', 'b'], [edge('a', 'b', 'type', 1), edge('a', 'b', 'static', 9), edge('a', 'x')]);
    expect(g.get('a')).toEqual([edge('a', 'b', 'static', 9)]);
  });

  it('goes back through runtime imports when it can, so a runtime cycle is not called type-only', () => {
    const g = buildGraph(['a', 'b', 'c'], [edge('a', 'b'), edge('b', 'a', 'type'), edge('b', 'c'), edge('c', 'a')]);
    const [first, second] = findCycles(g).map(formatCycle);
    expect(first!.split('\n')[0]).toBe('a -> b -> c -> a');
    expect(second!.split('\n')[0]).toMatch(/^a -> b -> a {2}\[type-only/);
  });
});
