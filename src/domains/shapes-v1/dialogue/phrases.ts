/** English building blocks of shapes-v1's replies, all drawn from the grammar's train-split words. */
import { matchDesc, type Desc } from '../refs.ts';
import { CELL_NAMES } from '../cell-names.ts';
import { COLOR_WORDS, SHAPE_NOUNS, SIZE_WORDS, TEXTURE_WORDS } from '../lexicon.ts';
import { article } from '../realize.ts';
import { ATTRIBUTES, occupiedCells, type Attribute, type Scene, type SceneObject, type Shape } from '../scene.ts';

export { CELL_NAMES };

/** "in the top left" (prepositional phrase naming a cell). */
export function inCell(cell: number): string {
  return `in the ${CELL_NAMES[cell]}`;
}

/** Singular or plural train-split noun of a shape. */
export function shapeNoun(shape: Shape, plural = false): string {
  return SHAPE_NOUNS[shape].both[0]![plural ? 1 : 0];
}

/** Train-split word of an attribute value ("red", "small", "striped", "circle"). */
export function valueWord(attr: Attribute, o: SceneObject): string {
  if (attr === 'shape') return shapeNoun(o.shape);
  if (attr === 'color') return COLOR_WORDS[o.color].both[0]!;
  if (attr === 'size') return SIZE_WORDS[o.size].both[0]!;
  return TEXTURE_WORDS[o.texture].both[0]!;
}

/** "small red striped circle": size, color, texture (when not solid) and shape. */
export function objectWords(o: SceneObject): string {
  const tex = o.texture === 'solid' ? '' : ` ${valueWord('texture', o)}`;
  return `${valueWord('size', o)} ${valueWord('color', o)}${tex} ${shapeNoun(o.shape)}`;
}

/** "a small red striped circle". */
export function withArticle(phrase: string): string {
  return `${article(phrase)} ${phrase}`;
}

/** "the circle in the top left": the unambiguous name of one object (shape + cell). */
export function objectRef(scene: Scene, cell: number): string {
  const o = scene.cells[cell];
  return `the ${o ? shapeNoun(o.shape) : 'shape'} ${inCell(cell)}`;
}

/** Noun phrase words of an attribute description, without determiner ("red circles", "striped shapes"). */
export function descWords(d: Desc, plural: boolean): string {
  const adjs: string[] = [];
  if (d.size) adjs.push(SIZE_WORDS[d.size].both[0]!);
  if (d.color) adjs.push(COLOR_WORDS[d.color].both[0]!);
  if (d.texture) adjs.push(TEXTURE_WORDS[d.texture].both[0]!);
  const noun = d.shape ? shapeNoun(d.shape, plural) : plural ? 'shapes' : 'shape';
  return [...adjs, noun].join(' ');
}

/** Attribute subsets, fewest first; among equals, those naming the shape first (people name shapes). */
const SUBSETS: readonly Attribute[][] = Array.from({ length: 16 }, (_, m) => ATTRIBUTES.filter((_, i) => m & (1 << i)))
  .sort((a, b) => a.length - b.length || Number(b.includes('shape')) - Number(a.includes('shape')));

/**
 * The smallest attribute description whose matches are exactly `cells` (2 or more), for "all the red circles";
 * null when no such description exists (the cells then have to be named one by one).
 */
export function groupDesc(scene: Scene, cells: readonly number[]): Desc | null {
  const want = [...cells].sort((a, b) => a - b);
  const objs = want.map((c) => scene.cells[c]);
  if (want.length < 2 || objs.some((o) => !o)) return null;
  for (const s of SUBSETS) {
    if (s.some((a) => objs.some((o) => o![a] !== objs[0]![a]))) continue;
    const d: Desc = {};
    for (const a of s) (d as Record<Attribute, unknown>)[a] = objs[0]![a];
    const m = matchDesc(scene, d, occupiedCells(scene));
    if (m.length === want.length && m.every((c, i) => c === want[i])) return d;
  }
  return null;
}
