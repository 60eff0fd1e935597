/**
 * Domain-independent English words understanding reads references, places and counts with. Hand-typed on
 * purpose: these are closed-class words (determiners, pronouns, prepositions, ordinals), not synonyms.
 */

/** Compass direction on the grid; 'next' is either side. */
export type Direction = 'left' | 'right' | 'up' | 'down';

/** Determiners and quantifiers: how many objects a reference wants. */
export const DETERMINERS: Readonly<Record<string, 'one' | 'all' | 'both' | 'some'>> = {
  the: 'one', a: 'one', an: 'one', that: 'one', this: 'one', 'the one': 'one', all: 'all', 'all the': 'all', 'all of the': 'all',
  every: 'all', each: 'all', 'each of the': 'all', 'all of them': 'all', 'both': 'both', 'both the': 'both', 'both of the': 'both',
  those: 'all', these: 'all', any: 'some', some: 'some',
};
/** Pronouns that point back at the previous referent. */
export const PRONOUNS: Readonly<Record<string, 'one' | 'all'>> = {
  it: 'one', 'that one': 'one', 'this one': 'one', 'that': 'one', 'this': 'one', its: 'one', 'the same one': 'one',
  them: 'all', em: 'all', they: 'all', those: 'all', these: 'all', 'those ones': 'all', 'these ones': 'all', 'both of them': 'all',
  'all of them': 'all', 'the same ones': 'all', 'the two of them': 'all', 'both of em': 'all', 'all of em': 'all', him: 'one', her: 'one', he: 'one', she: 'one',
};
/** Relations to a landmark: the neighbouring cell in that direction ('next' = left or right). */
export const RELATIONS: Readonly<Record<string, Direction | 'next'>> = {
  'left of': 'left', 'to the left of': 'left', 'on the left of': 'left', 'just left of': 'left', 'directly left of': 'left',
  'right of': 'right', 'to the right of': 'right', 'on the right of': 'right', 'just right of': 'right', 'directly right of': 'right',
  above: 'up', over: 'up', 'on top of': 'up', 'directly above': 'up', 'just above': 'up', 'right above': 'up',
  below: 'down', under: 'down', beneath: 'down', underneath: 'down', 'directly below': 'down', 'just below': 'down',
  'right below': 'down', 'right under': 'down', 'directly under': 'down',
  'next to': 'next', beside: 'next', 'by': 'next', 'adjacent to': 'next', 'alongside': 'next', 'near': 'next',
};
/** Side words: an extreme among matches ("the left circle"), a step ("move it left"), or a place ("on the left"). */
export const SIDES: Readonly<Record<string, Direction>> = {
  left: 'left', right: 'right', top: 'up', bottom: 'down', upper: 'up', lower: 'down', up: 'up', down: 'down',
  leftmost: 'left', rightmost: 'right', topmost: 'up', uppermost: 'up', highest: 'up', bottommost: 'down',
  lowest: 'down', 'left most': 'left', 'right most': 'right', 'top most': 'up', 'bottom most': 'down', 'far left': 'left',
  'far right': 'right', 'very top': 'up', 'very bottom': 'down', higher: 'up', 'left hand': 'left', 'right hand': 'right',
};
/** Words that make a side word an extreme ("leftmost", "the one furthest left"). */
export const EXTREME_SIDES = new Set(['leftmost', 'rightmost', 'topmost', 'uppermost', 'highest', 'bottommost', 'lowest',
  'left most', 'right most', 'top most', 'bottom most', 'far left', 'far right', 'very top', 'very bottom']);
/** Middle words: the centre column or row, or the centre cell. */
export const MIDDLES = new Set(['middle', 'center', 'centre', 'central', 'very middle', 'dead center', 'dead centre', 'mid',
  'halfway', 'halfway down', 'halfway up', 'half way down', 'in between']);
/** Ordinals (1-based; -1 = last). */
export const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, sixth: 6, '6th': 6,
  last: -1, final: -1, 'second to last': -2, 'second last': -2, penultimate: -2, middle: 0,
};
/** Cardinal numbers. */
export const NUMBERS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, once: 1, twice: 2, thrice: 3,
  '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9, couple: 2, 'a couple': 2, 'a couple of': 2,
};
/** Nouns for any object. */
export const GENERIC_NOUNS: Readonly<Record<string, boolean>> = {
  one: false, ones: true, thing: false, things: true, shape: false, shapes: true, object: false, objects: true,
  item: false, items: true, guy: false, guys: true, figure: false, figures: true, symbol: false, symbols: true,
  piece: false, pieces: true, fella: false, dude: false, icon: false, icons: true, element: false, elements: true,
  thingy: false, thingie: false, thingies: true, stuff: true, everything: true, 'every shape': true, 'every thing': true,
};
/** Grid words: rows, columns, corners, edges, cells. */
export const GRID_WORDS: Readonly<Record<string, 'row' | 'column' | 'corner' | 'corners' | 'edge' | 'cell' | 'grid'>> = {
  row: 'row', line: 'row', column: 'column', col: 'column', corner: 'corner', corners: 'corners', edge: 'edge', side: 'edge',
  cell: 'cell', spot: 'cell', square: 'cell', place: 'cell', position: 'cell', slot: 'cell', box: 'cell', space: 'cell',
  grid: 'grid', picture: 'grid', image: 'grid', canvas: 'grid',
};
/** Words that exclude ("all the circles except the red one"). */
export const EXCEPT = new Set(['except', 'but', 'other than', 'apart from', 'besides', 'excluding', 'except for', 'but not', 'not']);
/** "the other one": excludes what was referred to last. */
export const OTHER = new Set(['other', 'another', 'remaining', 'rest']);
/** Words for empty cells ("the empty corner"). */
export const EMPTY = new Set(['empty', 'free', 'blank', 'open', 'vacant', 'unused', 'available']);
/** Words that soften or shade a value and carry no meaning for the palette ("light blue", "nice big"). */
export const MODIFIERS = new Set(['light', 'dark', 'pale', 'bright', 'deep', 'vivid', 'nice', 'lovely', 'pretty', 'darker',
  'lighter', 'brighter', 'more', 'very', 'really', 'quite', 'kinda', 'kind of', 'sort of', 'bit', 'a bit', 'a little',
  'slightly', 'somewhat', 'much', 'lot', 'a lot', 'way', 'super', 'extra', 'even', 'too', 'so', 'little bit', 'tad', 'ish',
  'like', 'colored', 'coloured', 'one', 'again', 'instead', 'too', 'also', 'as well']);
