/**
 * Canonical instructions: the fully resolved English the editing model receives for one edit, written with the
 * grammar's TRAIN-split frames and words (the model was trained on those), naming every target unambiguously.
 * The reply summary is the same sentence in the past tense.
 */
import { capitalize } from '../../../dialogue/wording.ts';
import type { Edit } from '../edits.ts';
import { COLOR_WORDS, COMPARATIVES, SIZE_WORDS, TEXTURE_WORDS } from '../lexicon.ts';
import type { Scene, SceneObject } from '../scene.ts';
import { FRAMES, type FrameKey } from '../templates.ts';
import { CELL_NAMES, descWords, groupDesc, inCell, objectRef, shapeNoun, withArticle } from './phrases.ts';

/** Frames of the train split, checked at load time so a template edit cannot silently leak held-out frames. */
function trainFrames(key: FrameKey, frames: string[]): string[] {
  for (const f of frames) if (!(FRAMES[key].both as readonly string[]).includes(f)) throw new Error(`"${f}" is not a train frame of ${key}`);
  return frames;
}

/** Per family, the train frames the model reads best first; touch-up rounds may ask in the other words. */
const FRAME = {
  recolor: trainFrames('recolor', ['make {R} {C}', 'paint {R} {C}', 'color {R} {C}']),
  reshape: trainFrames('reshape', ['turn {R} into {A}', 'change {R} into {A}', 'replace {R} with {A}']),
  resizeAbsolute: trainFrames('resizeAbsolute', ['make {R} {Z}', 'resize {R} to {Z}', 'change the size of {R} to {Z}']),
  bigger: trainFrames('bigger', ['make {R} {X}']),
  smaller: trainFrames('smaller', ['make {R} {X}']),
  retexture: trainFrames('retexture', ['make {R} {T}', 'change {R} to {T}', 'change the texture of {R} to {T}']),
  remove: trainFrames('remove', ['remove {R}', 'delete {R}', 'erase {R}']),
  add: trainFrames('add', ['add {O} {P}', 'draw {O} {P}', 'place {O} {P}']),
  move: trainFrames('move', ['move {R} {P}']),
  swap: trainFrames('swap', ['swap {R} and {R2}']),
};

const PAST: Readonly<Record<string, string>> = {
  make: 'made', turn: 'turned', remove: 'removed', add: 'added', move: 'moved', swap: 'swapped',
};

function fill(frames: string[], slots: Record<string, string>, wording: number): string {
  return frames[wording % frames.length]!.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '');
}

/** Names of the targets: "the circle in the top left", "all the red circles"; null when no single name fits. */
function targetsRef(scene: Scene, cells: readonly number[]): string | null {
  if (cells.length === 1) return objectRef(scene, cells[0]!);
  const d = groupDesc(scene, cells);
  return d ? `all the ${descWords(d, true)}` : null;
}

/** "a red circle", "a small blue striped star": medium and solid go unsaid (the defaults the grammar assumes). */
export function newObjectPhrase(o: SceneObject): string {
  const words: string[] = [];
  if (o.size !== 'medium') words.push(SIZE_WORDS[o.size].both[0]!);
  words.push(COLOR_WORDS[o.color].both[0]!);
  if (o.texture !== 'solid') words.push(TEXTURE_WORDS[o.texture].both[0]!);
  words.push(shapeNoun(o.shape));
  return withArticle(words.join(' '));
}

/**
 * The canonical instruction for an edit of `scene` ("make the circle in the top left red"), or null when the
 * edit's targets have no single name (a plural edit over an arbitrary set of cells: split it with splitEdit).
 * `wording` 1, 2 pick other train frames ("paint the circle in the top left red") for a retry in other words.
 */
export function canonicalInstruction(edit: Edit, scene: Scene, wording = 0): string | null {
  switch (edit.op) {
    case 'add':
      return fill(FRAME.add, { O: newObjectPhrase(edit.object), P: inCell(edit.cell) }, wording);
    case 'move':
      return fill(FRAME.move, { R: objectRef(scene, edit.from), P: `to the ${CELL_NAMES[edit.to]}` }, wording);
    case 'swap':
      return fill(FRAME.swap, { R: objectRef(scene, edit.a), R2: objectRef(scene, edit.b) }, wording);
    default:
  }
  const R = targetsRef(scene, edit.cells);
  if (R === null) return null;
  switch (edit.op) {
    case 'recolor':
      return fill(FRAME.recolor, { R, C: COLOR_WORDS[edit.color].both[0]! }, wording);
    case 'reshape':
      return fill(FRAME.reshape, { R, A: withArticle(shapeNoun(edit.shape)) }, wording);
    case 'resize':
      if (edit.size === 'bigger' || edit.size === 'smaller') {
        return fill(FRAME[edit.size], { R, X: COMPARATIVES[edit.size].both[0]! }, wording);
      }
      return fill(FRAME.resizeAbsolute, { R, Z: SIZE_WORDS[edit.size].both[0]! }, wording);
    case 'retexture':
      return fill(FRAME.retexture, { R, T: TEXTURE_WORDS[edit.texture].both[0]! }, wording);
    case 'remove':
      return fill(FRAME.remove, { R }, wording);
  }
}

/** Splits a plural edit into one edit per target cell (other edits come back unchanged, in a list of one). */
export function splitEdit(edit: Edit): Edit[] {
  if (edit.op === 'add' || edit.op === 'move' || edit.op === 'swap' || edit.cells.length <= 1) return [edit];
  return edit.cells.map((c) => ({ ...edit, cells: [c] }));
}

/** A canonical instruction in the past tense, as a reply sentence: "Made the circle in the top left red." */
export function pastTense(instruction: string): string {
  const [verb, ...rest] = instruction.split(' ');
  return `${capitalize(PAST[verb!] ?? verb!)} ${rest.join(' ')}.`;
}
