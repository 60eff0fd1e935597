/** shapes-v1's dialogue rules and words (src/dialogue/dialogue-domain.ts), as one value for SHAPES_V1.dialogue. */
import type { DialogueDomain } from '../../../dialogue/dialogue-domain.ts';
import { applyEdit, editCells, type Edit } from '../edits.ts';
import { changeToEdit, editToChange } from '../language.ts';
import { differingCells, type Scene } from '../scene.ts';
import { canonicalInstruction, pastTense, splitEdit } from './canonical.ts';
import { exactReading } from './exact-reading.ts';
import { answerTurn } from './question-answer.ts';
import { SHAPES_REPLIES } from './replies.ts';

/** Cells an edit reads (recognizer confidence matters there). */
export function targetCells(e: Edit): number[] {
  if (e.op === 'add') return [];
  if (e.op === 'move') return [e.from];
  if (e.op === 'swap') return [e.a, e.b];
  return e.cells;
}

/** What "it" is after undoing an edit: the object it was about, where it was before. */
function undoFocus(e: Edit): number[] | null {
  if (e.op === 'add') return null;
  if (e.op === 'move') return [e.from];
  if (e.op === 'swap') return [e.a];
  return e.cells.slice();
}

/**
 * Edits that turn `seen` into `expected` cell by cell: removals first (they free cells), then attributes, then
 * adds, each a kind the model does most reliably. With `rebuild`, a wrong shape is removed and drawn anew instead
 * of edited attribute by attribute.
 */
export function repairEdits(expected: Scene, seen: Scene, rebuild: boolean): Edit[] {
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

export const SHAPES_DIALOGUE: DialogueDomain<Edit> = {
  applyEdit,
  toEdit: changeToEdit,
  toChange: editToChange,
  splitEdit,
  readCells: targetCells,
  changedCells: editCells,
  undoFocus,
  pixelSwap: (e) => (e.op === 'move' ? [e.from, e.to] : e.op === 'swap' ? [e.a, e.b] : null),
  repairEdits,
  instruction: canonicalInstruction,
  pastTense,
  answer: answerTurn,
  exactReading,
  replies: SHAPES_REPLIES,
};
