/**
 * Words and phrases of the instruction grammar. `both` entries appear in train and held-out instructions,
 * `heldout` entries only in held-out ones (the interpreter understands all of them).
 */
import type { Rng } from '../../domain/rng.ts';
import type { Color, Direction, Shape, Size, Texture } from './scene.ts';

/** Phrasing split: train instructions never contain held-out phrasings. */
export type Split = 'train' | 'heldout';
/** A set of interchangeable phrasings, split into shared and held-out-only ones. */
export interface Lex<T = string> {
  both: readonly T[];
  heldout: readonly T[];
}

function lex<T>(both: readonly T[], heldout: readonly T[] = []): Lex<T> {
  return { both, heldout };
}

/** Picks a phrasing usable in the split (held-out instructions draw from both lists). */
export function choose<T>(rng: Rng, l: Lex<T>, split: Split): T {
  return split === 'train' || l.heldout.length === 0 || rng.chance(0.5) ? rng.pick(l.both) : rng.pick(l.heldout);
}

/** Every phrasing of a Lex, for the interpreter and the vocabulary. */
export function allOf<T>(l: Lex<T>): T[] {
  return [...l.both, ...l.heldout];
}

/** [singular, plural] nouns per shape. */
export const SHAPE_NOUNS: Readonly<Record<Shape, Lex<readonly [string, string]>>> = {
  circle: lex([['circle', 'circles']], [['disc', 'discs']]),
  square: lex([['square', 'squares'], ['box', 'boxes']], [['block', 'blocks']]),
  triangle: lex([['triangle', 'triangles']]),
  diamond: lex([['diamond', 'diamonds']], [['rhombus', 'rhombuses']]),
  star: lex([['star', 'stars']]),
  hexagon: lex([['hexagon', 'hexagons']]),
  cross: lex([['cross', 'crosses'], ['plus sign', 'plus signs']]),
  heart: lex([['heart', 'hearts']]),
};
/** Nouns that stand for any object. */
export const GENERIC_NOUNS = lex<readonly [string, string]>(
  [['one', 'ones'], ['shape', 'shapes'], ['thing', 'things']],
  [['object', 'objects'], ['item', 'items']],
);
/** Color adjectives. */
export const COLOR_WORDS: Readonly<Record<Color, Lex>> = {
  red: lex(['red'], ['scarlet']),
  orange: lex(['orange']),
  yellow: lex(['yellow']),
  green: lex(['green']),
  blue: lex(['blue']),
  purple: lex(['purple'], ['violet']),
  pink: lex(['pink']),
  gray: lex(['gray', 'grey']),
};
/** Size adjectives (also absolute resize values). */
export const SIZE_WORDS: Readonly<Record<Size, Lex>> = {
  small: lex(['small', 'little'], ['tiny']),
  medium: lex(['medium', 'medium sized'], ['mid sized']),
  large: lex(['large', 'big'], ['huge']),
};
/** Comparatives for resize by one step. */
export const COMPARATIVES = { bigger: lex(['bigger', 'larger']), smaller: lex(['smaller'], ['tinier']) };
/** Words softening a comparative ("a bit bigger"). */
export const DEGREE = lex(['a bit', 'a little'], ['slightly', 'somewhat']);
/** Texture adjectives. */
export const TEXTURE_WORDS: Readonly<Record<Texture, Lex>> = {
  solid: lex(['solid', 'plain'], ['filled']),
  striped: lex(['striped', 'stripy']),
  dotted: lex(['dotted', 'spotted'], ['polka dot']),
};
/** Texture nouns ("give it stripes", "the circle with dots"); 'pattern' names any texture. */
export const TEXTURE_NOUNS: Readonly<Record<'striped' | 'dotted', Lex>> = {
  striped: lex(['stripes'], ['lines']),
  dotted: lex(['dots', 'spots'], ['polka dots']),
};
/** Attribute nouns ("the same color", "change the size of"). */
export const ATTRIBUTE_NOUNS = {
  color: lex(['color'], ['colour']),
  shape: lex(['shape']),
  size: lex(['size']),
  texture: lex(['texture', 'pattern'], ['fill']),
};

/** Names of the nine cells as users say them (spec), index = cell. */
export const POSITION_NAMES: readonly Lex[] = [
  lex(['top left', 'top left corner', 'upper left'], ['upper left corner']),
  lex(['top', 'top middle', 'top center'], ['upper middle']),
  lex(['top right', 'top right corner', 'upper right'], ['upper right corner']),
  lex(['left', 'middle left', 'center left'], ['left middle']),
  lex(['middle', 'center'], ['centre']),
  lex(['right', 'middle right', 'center right'], ['right middle']),
  lex(['bottom left', 'bottom left corner', 'lower left'], ['lower left corner']),
  lex(['bottom', 'bottom middle', 'bottom center'], ['lower middle']),
  lex(['bottom right', 'bottom right corner', 'lower right'], ['lower right corner']),
];
/** Relations: the target is `dir` of the landmark ("the one left of the star"). */
export const RELATIONS: Readonly<Record<Direction, Lex>> = {
  left: lex(['left of', 'to the left of'], ['just left of']),
  right: lex(['right of', 'to the right of'], ['just right of']),
  up: lex(['above', 'on top of'], ['directly above']),
  down: lex(['below', 'under'], ['beneath', 'underneath']),
};
/** Relative extremes among the matching objects ("the left circle", "the upper one"). */
export const EXTREMES: Readonly<Record<Direction, Lex>> = {
  left: lex(['left', 'leftmost']),
  right: lex(['right', 'rightmost']),
  up: lex(['top', 'upper'], ['topmost']),
  down: lex(['bottom', 'lower'], ['bottommost']),
};
/** Step directions for moves ("move it left", "one cell up"). */
export const STEP_WORDS: Readonly<Record<Direction, Lex>> = {
  left: lex(['left']),
  right: lex(['right']),
  up: lex(['up'], ['upward']),
  down: lex(['down'], ['downward']),
};
/** Units of a one-cell step ("one cell up"). */
export const STEP_UNITS = lex(['one cell', 'one step', 'one space'], ['one spot', 'a cell']);
/** Singular pronouns for the previous referent. */
export const PRONOUNS = lex(['it', 'that one', 'this one'], ['that', 'this']);
/** Plural pronouns for the previous referent. */
export const PLURAL_PRONOUNS = lex(['them', 'those'], ['these', 'those ones']);

/** Politeness and filler before an imperative. */
export const PREFIXES = lex(
  ['please', 'could you', 'can you', 'could you please', 'can you please', "i'd like you to", 'go ahead and',
    "let's", 'now', 'ok', 'okay', 'ok now', 'alright', 'next', 'and now', 'hmm'],
  ['would you kindly', 'would you', 'if you could', 'i need you to', 'hey', 'kindly', 'um', 'so'],
);
/** Filler before any sentence (imperative or not). */
export const SOFT_PREFIXES = lex(['now', 'ok', 'okay', 'alright', 'next', 'hmm'], ['um', 'so', 'hey']);
/** Politeness after a sentence. */
export const SUFFIXES = lex(['please', 'thanks', 'for me', 'now'], ['thank you', 'if you can', 'when you get a chance']);
/** Words that open a question-form prefix (the sentence then ends with '?'). */
export const QUESTION_OPENERS = ['could', 'can', 'would'];

/** Undo phrasings. */
export const UNDO_PHRASES = lex(
  ['undo', 'undo that', 'undo the last change', 'go back', 'revert that', 'take that back', 'undo it'],
  ['scratch that', 'cancel that', 'revert the last edit', 'oops undo', 'go back one step'],
);
/** Redo phrasings. */
export const REDO_PHRASES = lex(
  ['redo', 'redo that', 'redo the last change', 'redo it'],
  ['reapply that', 'redo the last edit', 'actually redo that'],
);
/** Reset phrasings (back to the first scene). */
export const RESET_PHRASES = lex(
  ['reset', 'start over', 'reset the picture', 'go back to the original'],
  ['restore the original image', 'start from scratch', 'reset everything'],
);
/** Lead-ins of a clarification answer ("i mean the left one"). */
export const ANSWER_PREFIXES = lex(['', '', 'i mean'], ['sorry', 'i meant', 'oh']);
