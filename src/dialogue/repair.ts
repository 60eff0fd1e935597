/**
 * Touch-up edits: after the model ran, the recognizer's reading of the result is compared with the scene the turn
 * asked for, and every cell that came out wrong becomes one or more single-attribute edits of the reading (the
 * model's most reliable kinds: recolor, reshape, resize, retexture, remove, add). The conversation runs them as
 * further model steps, so a half-done edit ("the circle is only half red") is finished rather than reported.
 */
import { applyEdit, type Edit } from '../domains/shapes-v1/edits.ts';
import { ATTRIBUTES, differingCells, type Scene, type SceneObject } from '../domains/shapes-v1/scene.ts';
import { canonicalInstruction } from './canonical.ts';
import type { EditStep } from './history.ts';

/** How far a cell's reading is from what it should hold: differing attributes, 4 for a missing or extra shape. */
export function cellDistance(want: SceneObject | null, have: SceneObject | null): number {
  if (!want || !have) return want === have ? 0 : 4;
  return ATTRIBUTES.filter((k) => want[k] !== have[k]).length;
}

/**
 * Edits that turn `seen` into `expected` cell by cell: removals first (they free cells), then attributes, then
 * adds. With `rebuild`, a wrong shape is removed and drawn anew instead of edited attribute by attribute.
 */
function repairEdits(expected: Scene, seen: Scene, rebuild: boolean): Edit[] {
  const removes: Edit[] = [];
  const changes: Edit[] = [];
  const adds: Edit[] = [];
  for (const c of differingCells(expected, seen)) {
    const want = expected.cells[c] ?? null;
    const have = seen.cells[c] ?? null;
    if (!want || (have && rebuild)) removes.push({ op: 'remove', cells: [c] });
    if (want && (!have || rebuild)) adds.push({ op: 'add', cell: c, object: { ...want } });
    if (want && have && !rebuild) {
      // Shape first: the next steps name the object by its (new) shape noun.
      if (have.shape !== want.shape) changes.push({ op: 'reshape', cells: [c], shape: want.shape });
      if (have.color !== want.color) changes.push({ op: 'recolor', cells: [c], color: want.color });
      if (have.size !== want.size) changes.push({ op: 'resize', cells: [c], size: want.size });
      if (have.texture !== want.texture) changes.push({ op: 'retexture', cells: [c], texture: want.texture });
    }
  }
  return [...removes, ...changes, ...adds];
}

/**
 * Model steps that would turn the reading `seen` into `expected`; each step's `expected` is the scene after it,
 * the last one equal to `expected`. Empty when the two agree or when more than `maxSteps` would be needed
 * (a result that far off is shown as it is, with the shortfall note, rather than repainted).
 */
export function repairSteps(expected: Scene, seen: Scene, { rebuild = false, wording = 0, maxSteps = 6 } = {}): EditStep[] {
  const edits = repairEdits(expected, seen, rebuild);
  if (edits.length > maxSteps) return [];
  const steps: EditStep[] = [];
  let cur = seen;
  for (const edit of edits) {
    const next = applyEdit(cur, edit);
    steps.push({ edit, instruction: canonicalInstruction(edit, cur, wording)!, expected: next });
    cur = next;
  }
  return steps;
}
