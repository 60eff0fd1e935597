/** Edits as the model's steps: canonical instructions, the scene after each, and notes on what is already so. */
import { scenesEqual, type Scene } from '../domain/scene.ts';
import type { DialogueDomain, DomainEdit } from './dialogue-domain.ts';
import type { EditStep } from './history.ts';
import { capitalize } from './wording.ts';

/** The steps the model runs for edits (each with its canonical instruction), and what is already true. */
export function planSteps(rules: DialogueDomain, edits: readonly DomainEdit[], scene: Scene): { steps: EditStep[]; notes: string[]; end: Scene } {
  const steps: EditStep[] = [];
  const notes: string[] = [];
  let cur = scene;
  for (const whole of edits) {
    for (const e of rules.instruction(whole, cur) === null ? rules.splitEdit(whole) : [whole]) {
      const next = rules.applyEdit(cur, e);
      if (scenesEqual(next, cur)) notes.push(rules.replies.already(e, cur));
      else steps.push({ edit: e, instruction: rules.instruction(e, cur)!, expected: next });
      cur = next;
    }
  }
  return { steps, notes, end: cur };
}

/** "Make the circle in the middle bigger?" for a turn Parley is not sure it read right. */
export function confirmQuestion(steps: readonly EditStep[]): string {
  const parts = steps.map((s) => s.instruction.replace(/\.$/, ''));
  return `${capitalize(parts.join(', then '))}?`;
}
