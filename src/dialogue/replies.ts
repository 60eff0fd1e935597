/** The dialogue's own sentences: clarifying questions, why nothing changed, help, and acknowledgements. */
import type { Edit } from '../domain/edits.ts';
import { PRONOUN_TABLE } from '../domain/phrase-table.ts';
import { COLORS, differingCells, emptyCells, objectAt, occupiedCells, type Scene } from '../domain/scene.ts';
import { words } from '../domain/tokenizer.ts';
import { CELL_NAMES, capitalize, inCell, joinAnd, joinOr, objectRef, objectWords, shapeNoun, valueWord, withArticle } from './phrases.ts';

/** "Which square: the red one in the top left or the blue one in the bottom right?" (candidates in cell order). */
export function whichQuestion(scene: Scene, asked: readonly number[]): string {
  // Only cells that still hold an object (the app may hand in a fresh reading of the picture).
  const candidates = asked.filter((c) => scene.cells[c]);
  if (candidates.length === 0) return 'Which one do you mean? Please name it by its shape and place.';
  const objs = candidates.map((c) => objectAt(scene, c));
  const first = objs[0]!;
  const sameShape = objs.every((o) => o.shape === first.shape);
  const varying = (['size', 'color', 'texture'] as const).filter((a) => objs.some((o) => o[a] !== first[a]));
  const names = candidates.map((c, i) => {
    const o = objs[i]!;
    return `the ${[...varying.map((a) => valueWord(a, o)), sameShape ? 'one' : shapeNoun(o.shape)].join(' ')} ${inCell(c)}`;
  });
  return `Which ${sameShape ? shapeNoun(first.shape) : 'one'}: ${joinOr(names)}?`;
}

/** "Free spots: the top right and the bottom left." */
function freeSpots(scene: Scene): string {
  const free = emptyCells(scene);
  return free.length ? `Free spots: ${joinAnd(free.map((c) => `the ${CELL_NAMES[c]}`))}.` : 'The grid is full.';
}

/** "Where should it go? Free spots: ..." */
export function whereQuestion(scene: Scene): string {
  return `Where should it go? ${freeSpots(scene)}`;
}

/** A reply that says what can be said, with examples that fit the scene. */
export function helpReply(scene: Scene, lead = "Sorry, I didn't understand that."): string {
  const occ = occupiedCells(scene);
  if (occ.length === 0) return `${lead} The picture is empty; try "add a red circle in the middle".`;
  const c = occ[0]!;
  const o = objectAt(scene, c);
  const color = COLORS.find((k) => k !== o.color)!;
  const shape = shapeNoun(o.shape);
  return `${lead} Try something like "make the ${shape} ${inCell(c)} ${color}", "move it right", "undo", ` +
    `or ask "how many ${shapeNoun(o.shape, true)} are there?".`;
}

/** Why an interpretation failed, as a reply; `impossible` when the request was understood but cannot be done. */
export function failureReply(reason: string, scene: Scene): { impossible: boolean; reply: string } {
  const m = /^nothing matches "(.*)"$/.exec(reason);
  if (m) {
    const phrase = m[1]!;
    const w = words(phrase);
    const pronoun = PRONOUN_TABLE.match(w, 0)?.n === w.length || ['that', 'this', 'those', 'these'].includes(w[0]!);
    if (pronoun) {
      return { impossible: false, reply: `I'm not sure what "${phrase}" refers to here; please name the shape, like "${objectRefExample(scene)}".` };
    }
    return { impossible: true, reply: `I can't find ${phrase} in the picture, so nothing changed.` };
  }
  if (reason === 'that place is taken') {
    const full = emptyCells(scene).length === 0;
    return { impossible: true, reply: full ? 'The grid is full, so nothing changed.' : `That spot is already taken, so nothing changed. ${freeSpots(scene)}` };
  }
  if (reason === 'that place is off the grid') return { impossible: true, reply: 'That would go off the grid, so nothing changed.' };
  if (reason === 'this edit needs a single object') return { impossible: false, reply: 'That works on one shape at a time; please name just one.' };
  if (reason === 'a new object needs a shape and a color') {
    return { impossible: false, reply: 'To add a shape, tell me its shape, color and place, like "add a red star in the top right".' };
  }
  const same = /^the same (\w+) as what\?$/.exec(reason);
  if (same) return { impossible: false, reply: `The same ${same[1]} as which shape? Please name it, like "the same ${same[1]} as ${objectRefExample(scene)}".` };
  if (/^cell \d+ is (occupied|empty)$/.test(reason)) return { impossible: true, reply: "That can't be done in this picture, so nothing changed." };
  return { impossible: false, reply: helpReply(scene) };
}

function objectRefExample(scene: Scene): string {
  const occ = occupiedCells(scene);
  return occ.length ? objectRef(scene, occ[0]!) : 'the circle';
}

/** "OK, the heart in the bottom left. What should I do with it?" */
export function focusReply(scene: Scene, cells: readonly number[]): string {
  const live = cells.filter((c) => scene.cells[c]);
  return `OK, ${joinAnd(live.map((c) => objectRef(scene, c)))}. What should I do with ${live.length > 1 ? 'them' : 'it'}?`;
}

/** Why an edit that changes nothing was not run: "The circle in the top left is already red." */
export function alreadyReply(edit: Edit, scene: Scene): string {
  if (edit.op === 'add' || edit.op === 'move') return 'That changes nothing, so I left the picture as it is.';
  if (edit.op === 'swap') return `${capitalize(objectRef(scene, edit.a))} and ${objectRef(scene, edit.b)} look the same, so swapping them changes nothing.`;
  const many = edit.cells.length > 1;
  const subject = many ? 'They are' : `${capitalize(objectRef(scene, edit.cells[0]!))} is`;
  const o = objectAt(scene, edit.cells[0]!);
  switch (edit.op) {
    case 'recolor':
      return `${subject} already ${edit.color}.`;
    case 'reshape':
      return `${subject} already ${many ? `${shapeNoun(edit.shape, true)}` : withArticle(shapeNoun(edit.shape))}.`;
    case 'resize':
      if (edit.size === 'bigger') return `${subject} already as big as ${many ? 'they get' : 'it gets'}.`;
      if (edit.size === 'smaller') return `${subject} already as small as ${many ? 'they get' : 'it gets'}.`;
      return `${subject} already ${edit.size}.`;
    case 'retexture':
      return `${subject} already ${valueWord('texture', { ...o, texture: edit.texture })}.`;
    case 'remove':
      return 'That changes nothing, so I left the picture as it is.';
  }
}

/**
 * After the model ran: where the recognizer's reading of the result differs from the scene the turn asked for,
 * say so ("It may not have come out right: the top left shows a small blue circle."), so a weak result is never
 * reported as done. Empty when the two agree.
 */
export function shortfallNote(expected: Scene, seen: Scene, limit = 2): string {
  const off = differingCells(expected, seen);
  if (off.length === 0) return '';
  const parts = off.slice(0, limit).map((c) => {
    const o = seen.cells[c];
    return o ? `the ${CELL_NAMES[c]} shows ${withArticle(objectWords(o))}` : `the ${CELL_NAMES[c]} looks empty`;
  });
  const more = off.length - parts.length;
  if (more > 0) parts.push(`${more} more spot${more > 1 ? 's' : ''} differ${more > 1 ? '' : 's'}`);
  return `It may not have come out right: ${joinAnd(parts)}. Say "undo" or try other words.`;
}
