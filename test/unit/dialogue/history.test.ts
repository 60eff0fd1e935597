import { describe, expect, it } from 'vitest';
import { HistoryTree, type NewNode } from '../../../src/dialogue/history.ts';
import { emptyScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';

function sceneWith(color: 'red' | 'blue' | 'green' | 'pink' | 'gray'): Scene {
  const s = emptyScene();
  s.cells[4] = { shape: 'star', color, size: 'medium', texture: 'solid' };
  return s;
}

const edit = (color: 'red' | 'blue' | 'green' | 'pink'): NewNode => ({
  kind: 'edit', user: `make it ${color}`, summary: `Made it ${color}.`, steps: [], scene: sceneWith(color), referent: [4],
});

describe('HistoryTree', () => {
  it('undoes to the parent, redoes along the most recent child, and stops at both ends', () => {
    const h = HistoryTree.start(sceneWith('gray'));
    expect(h.undo(1)).toEqual([]);
    expect(h.redo(1)).toEqual([]);
    const a = h.add(edit('red'));
    const b = h.add(edit('blue'));
    expect(h.depth).toBe(2);
    expect(h.undo(1).map((n) => n.id)).toEqual([b.id]);
    expect(h.current.id).toBe(a.id);
    expect(h.redo(1).map((n) => n.id)).toEqual([b.id]);
    expect(h.undo(5).map((n) => n.id)).toEqual([b.id, a.id]);
    expect(h.current.id).toBe('n0');
    expect(h.redo(2).map((n) => n.id)).toEqual([a.id, b.id]);
    expect(h.redo(1)).toEqual([]);
  });

  it('keeps the old branch when an edit follows an undo, and redo follows the newest branch', () => {
    const h = HistoryTree.start(sceneWith('gray'));
    const a = h.add(edit('red'));
    const b = h.add(edit('blue'));
    h.undo(1);
    const c = h.add(edit('green'));
    expect(h.node(a.id)!.children).toEqual([b.id, c.id]);
    expect(h.node(b.id)!.scene.cells[4]!.color).toBe('blue');
    h.undo(1);
    expect(h.redo(1)[0]!.id).toBe(c.id);
    // Jumping to the old branch makes redo lead back there.
    expect(h.jump(b.id)).toBe(true);
    expect(h.current.scene.cells[4]!.color).toBe('blue');
    h.undo(1);
    expect(h.redo(1)[0]!.id).toBe(b.id);
    h.jump('n0');
    expect(h.redo(2).map((n) => n.id)).toEqual([a.id, b.id]);
    expect(h.jump('n404')).toBe(false);
    expect(h.current.id).toBe(b.id);
  });

  it('lets the recognizer replace the current scene, and round-trips through JSON', () => {
    const h = HistoryTree.start(sceneWith('gray'));
    h.add(edit('red'));
    h.setScene(sceneWith('pink'));
    h.add({ ...edit('blue'), kind: 'reset', image: 'n0' });
    const copy = HistoryTree.fromJSON(JSON.parse(JSON.stringify(h.toJSON())));
    expect(copy.toJSON()).toEqual(h.toJSON());
    expect(copy.current.image).toBe('n0');
    copy.undo(1);
    expect(copy.current.scene.cells[4]!.color).toBe('pink');
    expect(h.current.kind).toBe('reset'); // the copy is independent
    expect(copy.add(edit('green')).id).toBe('n3');
    expect(() => HistoryTree.fromJSON({ ...h.toJSON(), current: 'nope' })).toThrow(RangeError);
  });

  it('refuses to restore anything but one tree rooted at n0', () => {
    const h = HistoryTree.start(sceneWith('gray'));
    h.add(edit('red'));
    h.add(edit('blue'));
    const good = h.toJSON();
    expect(HistoryTree.fromJSON(good).depth).toBe(2);
    const spoilt = (f: (s: typeof good) => void) => {
      const s = structuredClone(good);
      f(s);
      return () => HistoryTree.fromJSON(s);
    };
    expect(spoilt((s) => Object.assign(s.nodes[1]!, { parent: 'n2' }))).toThrow(/node n1 is missing from its parent n2's children|lists/);
    expect(spoilt((s) => {
      Object.assign(s.nodes[1]!, { parent: 'n2' });
      Object.assign(s.nodes[2]!, { children: ['n1'], redoChild: 'n1' });
      Object.assign(s.nodes[0]!, { children: [], redoChild: null });
    })).toThrow(/has a cycle: node n1 cannot be reached from n0/);
    expect(spoilt((s) => (s.nextId = 2))).toThrow(/nextId must be a whole number above 2/);
    expect(spoilt((s) => (s.nodes[2]!.id = 'constructor'))).toThrow(/node id "constructor"/);
    expect(spoilt((s) => s.nodes.push({ ...s.nodes[2]! }))).toThrow(/two nodes with id n2/);
    expect(spoilt((s) => (s.nodes[0]!.redoChild = 'n2'))).toThrow(/redoes to n2, which is not its child/);
  });
});
