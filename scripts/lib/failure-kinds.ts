/**
 * Why a turn of `npm run eval` failed (issue 23), one kind per failed turn:
 * - not_understood: the reply said it did not understand (kind 'unknown');
 * - unchanged: understood as something else that changes nothing (a question, "already", impossible...);
 * - wrong_edit: the dialogue meant to change the picture in a way the turn did not ask for;
 * - model_drew_wrong: the dialogue meant exactly the expected scene, but the picture reads otherwise;
 * - asked_unneeded: asked or confirmed where an edit was expected;
 * - did_not_ask: did something else where a question was expected;
 * - inherited: the turn did what it asked, but the picture was already wrong from an earlier turn (a dialogue
 *   is judged on its own output, so one miss is counted again on every turn after it).
 */
import { differingCells, objectsEqual, scenesEqual, type Scene } from '../../src/domains/shapes-v1/scene.ts';

/** A failure kind. */
export type FailureKind = 'not_understood' | 'unchanged' | 'wrong_edit' | 'model_drew_wrong' | 'asked_unneeded' | 'did_not_ask' | 'inherited';
export const FAILURE_KINDS: readonly FailureKind[] = ['not_understood', 'unchanged', 'wrong_edit', 'model_drew_wrong', 'asked_unneeded', 'did_not_ask', 'inherited'];

/** What the classification needs about a turn. */
export interface TurnFacts {
  kind: string;
  asked: boolean;
  clarifyExpected: boolean;
  success: boolean;
  /** The scene the dialogue saw and meant to show, and the expected scenes before and after the turn. */
  before: Scene;
  intended: Scene;
  expectedBefore: Scene;
  expected: Scene;
}

/**
 * True when the turn changed the picture in a way not asked: it edited where a question was expected, or its
 * change (cells and what they became) is not the expected change. Compared as changes, so a turn after an
 * earlier miss is judged on its own.
 */
export function isWrongEdit(t: TurnFacts): boolean {
  const made = differingCells(t.before, t.intended);
  if (!(t.kind === 'edit' || t.kind === 'answer') || made.length === 0) return false;
  if (t.clarifyExpected) return true;
  const asked = differingCells(t.expectedBefore, t.expected);
  return made.length !== asked.length || made.some((c) => !asked.includes(c) || !objectsEqual(t.intended.cells[c] ?? null, t.expected.cells[c] ?? null));
}

/** The failure kind of a failed turn; null for a success. */
export function failureKind(t: TurnFacts): FailureKind | null {
  if (t.success) return null;
  if (t.clarifyExpected) return t.asked ? null : 'did_not_ask';
  if (t.asked) return 'asked_unneeded';
  if (scenesEqual(t.intended, t.expected)) return 'model_drew_wrong';
  const inheritedState = !scenesEqual(t.before, t.expectedBefore);
  if (!isWrongEdit(t) && differingCells(t.before, t.intended).length > 0) return inheritedState ? 'inherited' : 'model_drew_wrong';
  if (inheritedState && differingCells(t.before, t.intended).length === 0 && differingCells(t.expectedBefore, t.expected).length === 0) return 'inherited';
  if (isWrongEdit(t)) return 'wrong_edit';
  return t.kind === 'unknown' ? 'not_understood' : 'unchanged';
}
