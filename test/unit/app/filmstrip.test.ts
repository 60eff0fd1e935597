import { describe, expect, it } from 'vitest';
import { layoutHistory, nodeDescription, nodeLabel } from '../../../src/app/filmstrip.ts';
import { HistoryTree } from '../../../src/dialogue/history.ts';
import { emptyScene } from '../../../src/domains/shapes-v1/scene.ts';

const edit = (user: string) => ({ kind: 'edit' as const, user, summary: `${user}.`, steps: [], scene: emptyScene(), referent: null });

describe('layoutHistory', () => {
  it('puts a straight history on one row, one column per step', () => {
    const h = HistoryTree.start(emptyScene());
    h.add(edit('a'));
    h.add(edit('b'));
    const { items, rows } = layoutHistory(h.all(), h.current.id);
    expect(rows).toBe(1);
    expect(items.map((i) => [i.node.id, i.row, i.col])).toEqual([['n0', 0, 0], ['n1', 0, 1], ['n2', 0, 2]]);
    expect(items.map((i) => i.current)).toEqual([false, false, true]);
    expect(items.map((i) => i.label)).toEqual(['Original', '#1', '#2']);
  });

  it('opens a new row for a branch made after undo, keeps the old one, and marks the path to the current picture', () => {
    const h = HistoryTree.start(emptyScene());
    h.add(edit('a')); // n1
    h.add(edit('b')); // n2
    h.undo(1);
    h.add(edit('c')); // n3, a sibling of n2
    h.undo(2);
    h.add(edit('d')); // n4, a sibling of n1
    h.jump('n3');
    const { items, rows } = layoutHistory(h.all(), h.current.id);
    expect(rows).toBe(3);
    const at = Object.fromEntries(items.map((i) => [i.node.id, [i.row, i.col, i.fork, i.onPath]]));
    expect(at).toEqual({
      n0: [0, 0, false, true], n1: [0, 1, false, true], n2: [0, 2, false, false],
      n3: [1, 2, true, true], n4: [2, 1, true, false],
    });
    expect(items.map((i) => i.node.id)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });

  it('describes pictures for screen readers', () => {
    const h = HistoryTree.start(emptyScene());
    const n = h.add(edit('Made the circle red'));
    expect(nodeDescription(h.root)).toBe('The original picture');
    expect(nodeDescription(n)).toBe('Made the circle red');
    expect(nodeLabel(n)).toBe('#1');
  });

  it('lays out a damaged history with a cycle without hanging, each node once', () => {
    const h = HistoryTree.start(emptyScene());
    h.add(edit('a'));
    h.add(edit('b'));
    const nodes = h.all().map((n) => ({ ...n, children: [...n.children] }));
    nodes[2]!.children.push('n1', 'n0');
    const { items } = layoutHistory(nodes, 'n2');
    expect(items.map((i) => i.node.id).sort()).toEqual(['n0', 'n1', 'n2']);
    nodes[1]!.parent = 'n2';
    expect(layoutHistory(nodes, 'n1').items.length).toBe(3);
  });
});
