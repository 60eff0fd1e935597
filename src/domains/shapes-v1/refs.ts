/** Referring expressions as data, and what they pick out in a scene (shared by generator and interpreter). */
import {
  cellCol, cellRow, neighbor, occupiedCells,
  type Color, type Direction, type Scene, type Shape, type Size, type Texture,
} from './scene.ts';

/** Attribute filters and positional constraints of a description ("the big red circle left of the star"). */
export interface Desc {
  shape?: Shape;
  color?: Color;
  size?: Size;
  texture?: Texture;
  /** Absolute cell ("in the top left"). */
  cell?: number;
  /** The referent is `dir` of (adjacent to) the landmark. */
  rel?: { dir: Direction; landmark: Ref };
  /** Relative extreme among the matches ("the left circle", "the upper one"). */
  extreme?: Direction;
}

/** A reference to one object, all matching objects, exactly two ("both"), or the previous referent. */
export type Ref =
  | (Desc & { kind: 'desc'; number: 'one' | 'all' | 'both' })
  | (Desc & { kind: 'pronoun'; number: 'one' | 'all' });

/** Outcome of resolving a reference in a scene. */
export type Resolution =
  | { status: 'ok'; cells: number[] }
  | { status: 'ambiguous'; cells: number[] }
  | { status: 'none' };

/** Cells whose objects carry all of the description's attributes (no position or relation). */
function attributeMatches(scene: Scene, d: Desc, within: readonly number[]): number[] {
  return within.filter((c) => {
    const o = scene.cells[c];
    if (!o) return false;
    return (
      (d.shape === undefined || o.shape === d.shape) &&
      (d.color === undefined || o.color === d.color) &&
      (d.size === undefined || o.size === d.size) &&
      (d.texture === undefined || o.texture === d.texture)
    );
  });
}

/** Key that orders cells along a direction; the extreme is the minimum. */
function extremeKey(cell: number, dir: Direction): number {
  if (dir === 'left') return cellCol(cell);
  if (dir === 'right') return -cellCol(cell);
  if (dir === 'up') return cellRow(cell);
  return -cellRow(cell);
}

/** Cells of `cells` that lie furthest in `dir` (several when tied). */
export function extremes(cells: readonly number[], dir: Direction): number[] {
  if (cells.length === 0) return [];
  const best = Math.min(...cells.map((c) => extremeKey(c, dir)));
  return cells.filter((c) => extremeKey(c, dir) === best);
}

/**
 * Every cell a description picks out, before number is checked. `within` restricts the candidates
 * (a clarification answer only chooses among the cells the question offered).
 */
export function matchDesc(scene: Scene, d: Desc, within: readonly number[] = occupiedCells(scene), referent: readonly number[] | null = null): number[] {
  let cells = attributeMatches(scene, d, within);
  if (d.cell !== undefined) cells = cells.filter((c) => c === d.cell);
  if (d.rel) {
    const rel = d.rel;
    const landmarks = matchRef(scene, rel.landmark, referent);
    cells = cells.filter((c) => landmarks.some((l) => neighbor(l, rel.dir) === c));
  }
  if (d.extreme) cells = extremes(cells, d.extreme);
  return cells;
}

/** Every cell a reference picks out (pronouns pick the previous referent, filtered by their noun). */
export function matchRef(scene: Scene, ref: Ref, referent: readonly number[] | null, within?: readonly number[]): number[] {
  if (ref.kind === 'pronoun') {
    const live = (referent ?? []).filter((c) => scene.cells[c] && (!within || within.includes(c)));
    return attributeMatches(scene, ref, live);
  }
  return matchDesc(scene, ref, within, referent);
}

/** Resolves a reference: singular references need exactly one match, "both" exactly two. */
export function resolveRef(scene: Scene, ref: Ref, referent: readonly number[] | null, within?: readonly number[]): Resolution {
  const cells = matchRef(scene, ref, referent, within);
  if (cells.length === 0) return { status: 'none' };
  if (ref.number === 'one' && cells.length > 1) return { status: 'ambiguous', cells };
  if (ref.number === 'both' && cells.length !== 2) return cells.length > 2 ? { status: 'ambiguous', cells } : { status: 'none' };
  return { status: 'ok', cells };
}

/** True when the description names the object by no attribute, position or relation at all. */
export function isBareDesc(d: Desc): boolean {
  return d.shape === undefined && d.color === undefined && d.size === undefined && d.texture === undefined &&
    d.cell === undefined && d.rel === undefined && d.extreme === undefined;
}
