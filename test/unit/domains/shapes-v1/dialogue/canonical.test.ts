import { describe, expect, it } from 'vitest';
import { canonicalInstruction, newObjectPhrase, pastTense, splitEdit } from '../../../../../src/domains/shapes-v1/dialogue/canonical.ts';
import { CELL_NAMES, groupDesc } from '../../../../../src/domains/shapes-v1/dialogue/phrases.ts';
import { applyEdit, type Edit } from '../../../../../src/domains/shapes-v1/edits.ts';
import { randomScene } from '../../../../../src/domains/shapes-v1/generate-scene.ts';
import { heldoutOnlyWords } from '../../../../../scripts/data/shapes-v1/grammar-words.ts';
import { interpret } from '../../../../../src/domains/shapes-v1/interpret.ts';
import * as lexicon from '../../../../../src/domains/shapes-v1/lexicon.ts';
import { randomEdit, targetEdit, TARGET_OPS } from '../../../../../scripts/data/shapes-v1/random-edit.ts';
import { Rng } from '../../../../../src/domain/rng.ts';
import { emptyScene, occupiedCells, type Scene } from '../../../../../src/domains/shapes-v1/scene.ts';
import { words } from '../../../../../src/domains/shapes-v1/tokenizer.ts';

function scene(): Scene {
  const s = emptyScene();
  s.cells[0] = { shape: 'circle', color: 'red', size: 'medium', texture: 'solid' };
  s.cells[4] = { shape: 'cross', color: 'blue', size: 'small', texture: 'striped' };
  s.cells[8] = { shape: 'circle', color: 'orange', size: 'large', texture: 'dotted' };
  return s;
}

describe('canonicalInstruction', () => {
  it('names targets by shape and cell with train frames', () => {
    const s = scene();
    expect(canonicalInstruction({ op: 'recolor', cells: [0], color: 'green' }, s)).toBe('make the circle in the top left green');
    expect(canonicalInstruction({ op: 'reshape', cells: [4], shape: 'hexagon' }, s)).toBe('turn the cross in the middle into a hexagon');
    expect(canonicalInstruction({ op: 'resize', cells: [8], size: 'smaller' }, s)).toBe('make the circle in the bottom right smaller');
    expect(canonicalInstruction({ op: 'retexture', cells: [4], texture: 'solid' }, s)).toBe('make the cross in the middle solid');
    expect(canonicalInstruction({ op: 'move', from: 0, to: 3 }, s)).toBe('move the circle in the top left to the middle left');
    expect(canonicalInstruction({ op: 'swap', a: 0, b: 4 }, s)).toBe('swap the circle in the top left and the cross in the middle');
    expect(canonicalInstruction({ op: 'add', cell: 2, object: { shape: 'heart', color: 'orange', size: 'large', texture: 'dotted' } }, s))
      .toBe('add a large orange dotted heart in the top right');
    expect(canonicalInstruction({ op: 'remove', cells: [0, 8] }, s)).toBe('remove all the circles');
    expect(canonicalInstruction({ op: 'recolor', cells: [0, 4, 8], color: 'pink' }, s)).toBe('make all the shapes pink');
    expect(newObjectPhrase({ shape: 'star', color: 'orange', size: 'medium', texture: 'solid' })).toBe('an orange star');
  });

  it('uses one two-word train-split name per cell', () => {
    CELL_NAMES.forEach((name, cell) => expect(lexicon.POSITION_NAMES[cell]!.both).toContain(name));
  });

  it('round-trips through the interpreter for thousands of random scenes and edits', () => {
    const rng = new Rng(20240607);
    const leaked = heldoutOnlyWords();
    expect(leaked.has('scarlet')).toBe(true); // the leakage check has teeth
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const s = randomScene(rng, { minObjects: 1, maxObjects: 9 });
      const c = randomEdit(rng, s, { plural: 0.3 });
      if (!c) continue;
      const text = canonicalInstruction(c.edit, s);
      expect(text, JSON.stringify(c.edit)).not.toBeNull();
      const r = interpret(text!, { scene: s });
      expect(r.kind === 'edit' && r.edits, text!).toEqual([c.edit]);
      expect(words(text!).filter((w) => leaked.has(w)), text!).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(2900);
  });

  it('returns null for a target set no description picks out, and its split round-trips cell by cell', () => {
    const rng = new Rng(99);
    let nulls = 0;
    for (let i = 0; i < 1500; i++) {
      const s = randomScene(rng, { minObjects: 3, maxObjects: 9 });
      const occ = occupiedCells(s);
      const cells = rng.shuffle(occ).slice(0, 2 + rng.int(occ.length - 2)).sort((a, b) => a - b);
      const e = targetEdit(rng, s, rng.pick(TARGET_OPS), cells);
      if (!e) continue;
      const text = canonicalInstruction(e, s);
      if (text !== null) {
        expect(groupDesc(s, cells)).not.toBeNull();
        expect(interpret(text, { scene: s })).toMatchObject({ kind: 'edit', edits: [e] });
        continue;
      }
      nulls++;
      let cur = s;
      for (const part of splitEdit(e)) {
        const t = canonicalInstruction(part, cur)!;
        expect(interpret(t, { scene: cur })).toMatchObject({ kind: 'edit', edits: [part] });
        cur = applyEdit(cur, part);
      }
      expect(cur).toEqual(applyEdit(s, e));
    }
    expect(nulls).toBeGreaterThan(100);
  });

  it('writes the reply summary in the past tense', () => {
    expect(pastTense('make the circle in the top left red')).toBe('Made the circle in the top left red.');
    expect(pastTense('swap the circle in the top left and the star in the middle')).toBe('Swapped the circle in the top left and the star in the middle.');
    const ops: Edit[] = [{ op: 'remove', cells: [0] }, { op: 'move', from: 0, to: 1 }, { op: 'reshape', cells: [0], shape: 'star' }];
    expect(ops.map((e) => pastTense(canonicalInstruction(e, scene())!).split(' ')[0])).toEqual(['Removed', 'Moved', 'Turned']);
  });
});
