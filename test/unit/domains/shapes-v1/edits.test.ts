import { describe, expect, it } from 'vitest';
import { EDIT_OPS, applyEdit, editCells, editFocus, resizedSize, type Edit } from '../../../../src/domains/shapes-v1/edits.ts';
import { DomainError } from '../../../../workers/errors.ts';
import { randomEdit } from '../../../../scripts/data/shapes-v1/random-edit.ts';
import { randomScene } from '../../../../src/domains/shapes-v1/generate-scene.ts';
import { Rng } from '../../../../src/domain/rng.ts';
import { emptyScene, scenesEqual, type Scene, type SceneObject } from '../../../../src/domains/shapes-v1/scene.ts';

const circle: SceneObject = { shape: 'circle', color: 'red', size: 'medium', texture: 'solid' };
const star: SceneObject = { shape: 'star', color: 'blue', size: 'small', texture: 'striped' };
function base(): Scene {
  const s = emptyScene();
  s.cells[0] = { ...circle };
  s.cells[4] = { ...star };
  return s;
}

describe('applyEdit', () => {
  it('has the shard op order of SHARDS.md', () => {
    expect(EDIT_OPS).toEqual(['recolor', 'reshape', 'resize', 'retexture', 'remove', 'add', 'move', 'swap']);
  });

  it('recolors, reshapes and retextures only the targets', () => {
    const s = base();
    expect(applyEdit(s, { op: 'recolor', cells: [0], color: 'green' }).cells[0]).toEqual({ ...circle, color: 'green' });
    expect(applyEdit(s, { op: 'reshape', cells: [4], shape: 'heart' }).cells[4]).toEqual({ ...star, shape: 'heart' });
    const t = applyEdit(s, { op: 'retexture', cells: [0, 4], texture: 'dotted' });
    expect(t.cells[0]!.texture).toBe('dotted');
    expect(t.cells[4]!.texture).toBe('dotted');
    expect(t.cells.filter(Boolean)).toHaveLength(2);
  });

  it('resizes by steps (stopping at the ends) and to absolute sizes', () => {
    const s = base();
    expect(applyEdit(s, { op: 'resize', cells: [0], size: 'bigger' }).cells[0]!.size).toBe('large');
    expect(applyEdit(s, { op: 'resize', cells: [0], size: 'smaller' }).cells[0]!.size).toBe('small');
    expect(applyEdit(s, { op: 'resize', cells: [4], size: 'smaller' }).cells[4]!.size).toBe('small');
    expect(applyEdit(s, { op: 'resize', cells: [4], size: 'large' }).cells[4]!.size).toBe('large');
    expect(resizedSize('large', 'bigger')).toBe('large');
  });

  it('removes, adds, moves and swaps', () => {
    const s = base();
    expect(applyEdit(s, { op: 'remove', cells: [0] }).cells[0]).toBeNull();
    expect(applyEdit(s, { op: 'add', cell: 8, object: circle }).cells[8]).toEqual(circle);
    const m = applyEdit(s, { op: 'move', from: 0, to: 2 });
    expect([m.cells[0], m.cells[2]]).toEqual([null, circle]);
    const w = applyEdit(s, { op: 'swap', a: 0, b: 4 });
    expect([w.cells[0], w.cells[4]]).toEqual([star, circle]);
  });

  it('never modifies its input', () => {
    const s = base();
    const copy = JSON.stringify(s);
    for (const e of [
      { op: 'recolor', cells: [0], color: 'pink' }, { op: 'remove', cells: [4] }, { op: 'move', from: 4, to: 5 },
      { op: 'swap', a: 0, b: 4 }, { op: 'add', cell: 1, object: star },
    ] as Edit[]) applyEdit(s, e);
    expect(JSON.stringify(s)).toBe(copy);
  });

  it('rejects edits the scene does not allow', () => {
    const s = base();
    expect(() => applyEdit(s, { op: 'recolor', cells: [1], color: 'red' })).toThrow(RangeError);
    expect(() => applyEdit(s, { op: 'add', cell: 0, object: star })).toThrow(DomainError);
    expect(() => applyEdit(s, { op: 'move', from: 0, to: 4 })).toThrow(DomainError);
    expect(() => applyEdit(s, { op: 'remove', cells: [] })).toThrow(DomainError);
  });

  it('reports the focus ("it" next turn) and the changed cells', () => {
    expect(editFocus({ op: 'move', from: 0, to: 2 })).toEqual([2]);
    expect(editFocus({ op: 'swap', a: 0, b: 4 })).toEqual([4]);
    expect(editFocus({ op: 'remove', cells: [0] })).toBeNull();
    expect(editCells({ op: 'swap', a: 0, b: 4 })).toEqual([0, 4]);
  });
});

describe('randomEdit', () => {
  it('always changes the scene and covers every op', () => {
    const rng = new Rng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const s = randomScene(rng);
      const c = randomEdit(rng, s, { plural: 0.2 })!;
      seen.add(c.edit.op);
      expect(scenesEqual(applyEdit(s, c.edit), s), JSON.stringify(c.edit)).toBe(false);
    }
    expect([...seen].sort()).toEqual([...EDIT_OPS].sort());
  });
});
