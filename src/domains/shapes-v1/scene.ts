/** The shapes-v1 scene model (spec/shapes-v1.md): constants, types and small pure helpers. */
import { neighborIn, type Direction } from '../../domain/grid.ts';
import type { Scene as CoreScene } from '../../domain/scene.ts';

export { cloneScene, differingCells, emptyCells, objectAt, objectsEqual, occupiedCells, scenesEqual } from '../../domain/scene.ts';

/** Domain tag written in every scene. */
export const DOMAIN = 'shapes-v1';
/** Image side in pixels. */
export const IMAGE_SIZE = 64;
/** Grid side in cells. */
export const GRID = 3;
/** Cell side in pixels (64/3, not an integer: objects sit at sub-pixel centres). */
export const CELL_SIZE = IMAGE_SIZE / GRID;

// Orders below are the index orders of the shard format (models/SHARDS.md); never reorder.
/** Shapes in spec order. */
export const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon', 'cross', 'heart'] as const;
/** Colors in spec order. */
export const COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'gray'] as const;
/** Sizes in spec order (small < medium < large). */
export const SIZES = ['small', 'medium', 'large'] as const;
/** Textures in spec order. */
export const TEXTURES = ['solid', 'striped', 'dotted'] as const;

/** A shape name. */
export type Shape = (typeof SHAPES)[number];
/** A color name. */
export type Color = (typeof COLORS)[number];
/** A size name. */
export type Size = (typeof SIZES)[number];
/** A texture name. */
export type Texture = (typeof TEXTURES)[number];
/** The four attributes of an object, as named in the scene JSON. */
export type Attribute = 'shape' | 'color' | 'size' | 'texture';
/** The attributes in their canonical order. */
export const ATTRIBUTES: readonly Attribute[] = ['shape', 'color', 'size', 'texture'];

/** Hex values of the colors (spec). */
export const COLOR_HEX: Readonly<Record<Color, string>> = {
  red: '#E53935',
  orange: '#FB8C00',
  yellow: '#FDD835',
  green: '#43A047',
  blue: '#1E88E5',
  purple: '#8E24AA',
  pink: '#F06292',
  gray: '#757575',
};
/** Bounding box of each size as a fraction of the cell side (spec). */
export const SIZE_FRACTION: Readonly<Record<Size, number>> = { small: 0.45, medium: 0.65, large: 0.85 };
/** Outline color of every object (spec). */
export const OUTLINE_HEX = '#212121';

/** One object on the grid (a type, not an interface, so that it is a generic SceneObject too). */
export type SceneObject = {
  shape: Shape;
  color: Color;
  size: Size;
  texture: Texture;
};

/** A shapes-v1 scene: nine cells, row-major, row 0 at the top. */
export interface Scene extends CoreScene<SceneObject> {
  domain: typeof DOMAIN;
}

export type { Direction } from '../../domain/grid.ts';

/** Row of a cell index. */
export function cellRow(cell: number): number {
  return Math.floor(cell / GRID);
}

/** Column of a cell index. */
export function cellCol(cell: number): number {
  return cell % GRID;
}

/** The adjacent cell in a direction, or null at the border. */
export function neighbor(cell: number, dir: Direction): number | null {
  return neighborIn({ rows: GRID, cols: GRID }, cell, dir);
}

/** A scene with all cells empty. */
export function emptyScene(): Scene {
  return { domain: DOMAIN, cells: Array.from({ length: GRID * GRID }, () => null) };
}

/** Shard encoding of the cells: 9 x (shape, color, size, texture) indices, -1 for empty (SHARDS.md). */
export function encodeCells(scene: Scene, out: Int8Array = new Int8Array(GRID * GRID * 4), offset = 0): Int8Array {
  scene.cells.forEach((o, i) => {
    const at = offset + i * 4;
    if (!o) {
      out.fill(-1, at, at + 4);
      return;
    }
    out[at] = SHAPES.indexOf(o.shape);
    out[at + 1] = COLORS.indexOf(o.color);
    out[at + 2] = SIZES.indexOf(o.size);
    out[at + 3] = TEXTURES.indexOf(o.texture);
  });
  return out;
}

/** Canonical JSON of a scene (key order fixed), as written in the evaluation files. */
export function sceneToJson(scene: Scene): { domain: string; cells: (SceneObject | null)[] } {
  return {
    domain: DOMAIN,
    cells: scene.cells.map((o) => (o ? { shape: o.shape, color: o.color, size: o.size, texture: o.texture } : null)),
  };
}
