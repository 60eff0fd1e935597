/**
 * Touch-up edits: after the model ran, the recognizer's reading of the result is compared with the scene the turn
 * asked for, and every cell that came out wrong becomes one or more edits of the reading (the domain picks the
 * model's most reliable kinds, DialogueDomain.repairEdits). The conversation runs them as further model steps, so a
 * half-done edit ("the circle is only half red") is finished rather than reported.
 */
import type { Scene, SceneObject } from '../domain/scene.ts';
import type { DialogueDomain } from './dialogue-domain.ts';
import type { EditStep } from './history.ts';

/** How far a cell's reading is from what it should hold: differing attributes, all of them for a missing or extra object. */
export function cellDistance(want: SceneObject | null, have: SceneObject | null): number {
  if (!want || !have) return want === have ? 0 : Object.keys((want ?? have)!).length;
  return [...new Set([...Object.keys(want), ...Object.keys(have)])].filter((k) => want[k] !== have[k]).length;
}

/**
 * Model steps that would turn the reading `seen` into `expected`; each step's `expected` is the scene after it,
 * the last one equal to `expected`. Empty when the two agree or when more than `maxSteps` would be needed
 * (a result that far off is shown as it is, with the shortfall note, rather than repainted).
 */
export function repairSteps(rules: DialogueDomain, expected: Scene, seen: Scene, { rebuild = false, wording = 0, maxSteps = 6 } = {}): EditStep[] {
  const edits = rules.repairEdits(expected, seen, rebuild);
  if (edits.length > maxSteps) return [];
  const steps: EditStep[] = [];
  let cur = seen;
  for (const edit of edits) {
    const next = rules.applyEdit(cur, edit);
    steps.push({ edit, instruction: rules.instruction(edit, cur, wording)!, expected: next });
    cur = next;
  }
  return steps;
}
