/**
 * shapes-v1's dialogue sentences: clarifying questions, why nothing changed, help, and acknowledgements. Failures and
 * needs arrive as typed codes (src/understanding/outcome.ts); only this file puts them into words.
 */
import type { DialogueReplies } from '../../../dialogue/dialogue-domain.ts';
import { capitalize, joinAnd, joinOr } from '../../../dialogue/wording.ts';
import type { Failure, Need } from '../../../understanding/outcome.ts';
import type { Edit } from '../edits.ts';
import { COLORS, SHAPES, SIZES, TEXTURES, differingCells, emptyCells, objectAt, occupiedCells, type Scene } from '../scene.ts';
import { CELL_NAMES, inCell, objectRef, objectWords, shapeNoun, valueWord, withArticle } from './phrases.ts';

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

/** A reply to a remark that asks for no change: thanks, a greeting, or something Parley cannot do. */
export function remarkReply(words: readonly string[], scene: Scene): string {
  const said = ` ${words.join(' ')} `;
  if (/ (thanks|thank|cheers|ty|thx) /.test(said)) return "You're welcome. What next?";
  if (/ (hello|hi|hey|morning|afternoon|evening) /.test(said)) return helpReply(scene, 'Hello!');
  return helpReply(scene, 'I can change colors, shapes, sizes and patterns, and add, remove, move or swap shapes.');
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

const VALUES: Readonly<Record<string, readonly string[]>> = { color: COLORS, shape: SHAPES, size: SIZES, texture: TEXTURES };
const ATTR_WORD: Readonly<Record<string, string>> = { color: 'color', shape: 'shape', size: 'size', texture: 'pattern' };

function them(scene: Scene, cells: readonly number[]): string {
  const live = cells.filter((c) => scene.cells[c]);
  if (live.length === 0) return 'it';
  return live.length > 2 ? `the ${live.length} shapes` : joinAnd(live.map((c) => objectRef(scene, c)));
}

/** The question that resolves a need ("Which square: ...?", "What color should the star be?"). */
export function needQuestion(need: Need, scene: Scene): string {
  switch (need.need) {
    case 'which':
      return need.candidates.length ? whichQuestion(scene, need.candidates) : 'Which shape do you mean? Please name it by its shape or place.';
    case 'where': {
      const spots = need.candidates.map((c) => `the ${CELL_NAMES[c]}`);
      return `Where should it go? ${spots.length ? `Free spots: ${joinAnd(spots)}.` : 'The grid is full.'}`;
    }
    case 'what':
      return need.targets.length ? focusReply(scene, need.targets) : 'Which shape should I change, and how?';
    case 'value': {
      const what = need.op === 'add' ? 'the new shape' : them(scene, need.targets);
      if (need.choices) return `Do you mean ${joinOr([...need.choices])} for ${what}?`;
      if (!need.attr) return `What should I change about ${what}: its color, shape, size or pattern?`;
      const all = VALUES[need.attr] ?? [];
      const lead = need.unavailable ? `There is no ${need.unavailable} here. ` : '';
      return `${lead}What ${ATTR_WORD[need.attr] ?? need.attr} should ${what} be? (${joinOr([...all])})`;
    }
  }
}

/** A reply for a failure, and whether it means "understood, but it cannot be done". */
export function failureReply(f: Failure, scene: Scene): { reply: string; impossible: boolean } {
  switch (f.code) {
    case 'empty':
      return { reply: helpReply(scene, 'Please tell me what to change.'), impossible: false };
    case 'too-long':
      return { reply: `That is too long for me (over ${f.max} characters). Please say it in fewer words.`, impossible: false };
    case 'nothing-recognized':
      return { reply: helpReply(scene), impossible: false };
    case 'no-match':
      return { reply: `I can't find ${f.phrase} in the picture, so nothing changed.`, impossible: true };
    case 'unknown-pronoun':
      return { reply: `I'm not sure what "${f.phrase}" means here; please name the shape.`, impossible: false };
    case 'place-taken':
      return { reply: `The ${CELL_NAMES[f.cell]} is already taken, so nothing changed. ${freeSpots(scene)}`, impossible: true };
    case 'off-grid':
      return { reply: 'That would go off the grid, so nothing changed.', impossible: true };
    case 'grid-full':
      return { reply: 'The grid is full, so nothing changed.', impossible: true };
    case 'needs-one':
      return { reply: 'That works on one shape at a time; please name just one.', impossible: false };
    case 'unavailable-value':
      return { reply: `There is no ${f.name} here, so nothing changed.`, impossible: true };
    case 'unsupported':
      return { reply: helpReply(scene, "I can't do that here."), impossible: true };
    case 'nothing-to-repeat':
      return { reply: 'There is no earlier change to repeat yet.', impossible: true };
    case 'nothing-to-fix':
      return { reply: 'There is no change of mine to correct; please say what you want changed.', impossible: true };
  }
}

/** "(I wasn't sure what is in the top left and the middle.)" */
export function unsureNote(cells: readonly number[]): string {
  return `(I wasn't sure what is in the ${cells.map((c) => CELL_NAMES[c]).join(' and the ')}.)`;
}

/** shapes-v1's replies as the dialogue layer takes them. */
export const SHAPES_REPLIES: DialogueReplies<Edit> = {
  help: helpReply,
  remark: remarkReply,
  need: needQuestion,
  failure: failureReply,
  already: alreadyReply,
  unsure: unsureNote,
  shortfall: shortfallNote,
};
