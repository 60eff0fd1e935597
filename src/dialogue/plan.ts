/** Edits as the model's steps: canonical instructions, the scene after each, and notes on what is already so. */
import { applyEdit, type Edit } from '../domains/shapes-v1/edits.ts';
import { scenesEqual, type Scene } from '../domains/shapes-v1/scene.ts';
import { canonicalInstruction, splitEdit } from './canonical.ts';
import type { EditStep } from './history.ts';
import { alreadyReply } from './replies.ts';

/** The steps the model runs for edits (each with its canonical instruction), and what is already true. */
export function planSteps(edits: readonly Edit[], scene: Scene): { steps: EditStep[]; notes: string[]; end: Scene } {
  const steps: EditStep[] = [];
  const notes: string[] = [];
  let cur = scene;
  for (const whole of edits) {
    for (const e of canonicalInstruction(whole, cur) === null ? splitEdit(whole) : [whole]) {
      const next = applyEdit(cur, e);
      if (scenesEqual(next, cur)) notes.push(alreadyReply(e, cur));
      else steps.push({ edit: e, instruction: canonicalInstruction(e, cur)!, expected: next });
      cur = next;
    }
  }
  return { steps, notes, end: cur };
}

/** Cells an edit reads (recognizer confidence matters there). */
export function targetCells(e: Edit): number[] {
  if (e.op === 'add') return [];
  if (e.op === 'move') return [e.from];
  if (e.op === 'swap') return [e.a, e.b];
  return e.cells;
}
