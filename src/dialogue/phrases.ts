/** English building blocks of the dialogue layer, all drawn from the grammar's train-split words. */
import { matchDesc, type Desc } from '../domains/shapes-v1/refs.ts';
import { CELL_NAMES } from '../domains/shapes-v1/cell-names.ts';
import { COLOR_WORDS, SHAPE_NOUNS, SIZE_WORDS, TEXTURE_WORDS } from '../domains/shapes-v1/lexicon.ts';
import { article } from '../domains/shapes-v1/realize.ts';
import { ATTRIBUTES, occupiedCells, type Attribute, type Scene, type SceneObject, type Shape } from '../domains/shapes-v1/scene.ts';

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

/** "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "a, b or c". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Capitalizes the first letter. */
export function capitalize(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
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
