/** Touch-up steps: what the conversation asks the model to redo when a result reads differently from the request. */
import { describe, expect, it } from 'vitest';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { cellDistance, repairSteps } from '../../../src/dialogue/index.ts';
import { interpret } from '../../../src/domains/shapes-v1/interpret.ts';
import { applyEdit } from '../../../src/domains/shapes-v1/edits.ts';
import { cloneScene, differingCells, emptyScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';

const wanted = (): Scene => {
  const s = emptyScene();
  s.cells[0] = { shape: 'star', color: 'red', size: 'large', texture: 'striped' };
  s.cells[4] = { shape: 'heart', color: 'green', size: 'small', texture: 'solid' };
  return s;
};

/** A reading with every kind of miss: wrong shape and color at 0, an extra shape at 2, the heart at 4 missing. */
const misread = (): Scene => {
  const s = cloneScene(wanted());
  s.cells[0] = { shape: 'circle', color: 'orange', size: 'large', texture: 'striped' };
  s.cells[2] = { shape: 'square', color: 'blue', size: 'medium', texture: 'solid' };
  s.cells[4] = null;
  return s;
};

describe('repairSteps', () => {
  it('is empty when the reading matches', () => {
    expect(repairSteps(SHAPES_DIALOGUE, wanted(), wanted())).toEqual([]);
    expect(differingCells(wanted(), wanted())).toEqual([]);
    expect(differingCells(wanted(), misread())).toEqual([0, 2, 4]);
  });

  it('removes extras first, then edits attributes (shape first), then adds, and ends at the wanted scene', () => {
    const steps = repairSteps(SHAPES_DIALOGUE, wanted(), misread());
    expect(steps.map((s) => s.instruction)).toEqual([
      'remove the square in the top right',
      'turn the circle in the top left into a star',
      'make the star in the top left red',
      'add a small green heart in the middle',
    ]);
    expect(steps.at(-1)!.expected).toEqual(wanted());
  });

  it('redraws a wrong shape from scratch when asked to rebuild', () => {
    const steps = repairSteps(SHAPES_DIALOGUE, wanted(), misread(), { rebuild: true });
    expect(steps.map((s) => s.instruction)).toEqual([
      'remove the circle in the top left',
      'remove the square in the top right',
      'add a large red striped star in the top left',
      'add a small green heart in the middle',
    ]);
    expect(steps.at(-1)!.expected).toEqual(wanted());
  });

  it('asks in other train-split words when told to', () => {
    expect(repairSteps(SHAPES_DIALOGUE, wanted(), misread(), { wording: 1 }).map((s) => s.instruction)).toEqual([
      'delete the square in the top right',
      'change the circle in the top left into a star',
      'paint the star in the top left red',
      'draw a small green heart in the middle',
    ]);
  });

  it('gives up on a result that is too far off', () => {
    expect(repairSteps(SHAPES_DIALOGUE, wanted(), misread(), { maxSteps: 3 })).toEqual([]);
  });

  it('writes instructions the grammar reads back as the same edits, in every wording', () => {
    for (const wording of [0, 1, 2]) {
      for (const rebuild of [false, true]) {
        let scene = misread();
        for (const step of repairSteps(SHAPES_DIALOGUE, wanted(), misread(), { rebuild, wording })) {
          const it = interpret(step.instruction, { scene });
          expect(it.kind, step.instruction).toBe('edit');
          if (it.kind === 'edit') scene = it.edits.reduce(applyEdit, scene);
          expect(scene).toEqual(step.expected);
        }
        expect(scene).toEqual(wanted());
      }
    }
  });
});

describe('cellDistance', () => {
  it('counts differing attributes; a missing or extra shape counts as all four', () => {
    const [star, circle] = [wanted().cells[0]!, misread().cells[0]!];
    expect(cellDistance(star, star)).toBe(0);
    expect(cellDistance(star, circle)).toBe(2);
    expect(cellDistance(star, null)).toBe(4);
    expect(cellDistance(null, circle)).toBe(4);
    expect(cellDistance(null, null)).toBe(0);
  });
});
