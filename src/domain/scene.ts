/** The scene every domain shares: objects with one value per schema attribute, in the cells of a grid. */

/** One object: its value for each attribute of its domain's schema (shapes-v1: shape, color, size, texture). */
export type SceneObject = Readonly<Record<string, string>>;

/** A scene: cells row-major, row 0 at the top; a domain with one object (a portrait) has one cell. */
export interface Scene<O extends SceneObject = SceneObject> {
  domain: string;
  cells: (O | null)[];
}

/** True when two objects have the same value for every attribute either has. */
export function objectsEqual(a: SceneObject | null, b: SceneObject | null): boolean {
  if (a === null || b === null) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/** True when two scenes hold the same objects in the same cells. */
export function scenesEqual(a: Scene, b: Scene): boolean {
  return a.cells.length === b.cells.length && a.cells.every((o, i) => objectsEqual(o, b.cells[i] ?? null));
}

/** Deep copy of a scene. */
export function cloneScene<S extends Scene>(scene: S): S {
  return { ...scene, cells: scene.cells.map((o) => (o ? { ...o } : null)) };
}

/** Cells whose objects differ between two scenes (an object against an empty cell counts). */
export function differingCells(a: Scene, b: Scene): number[] {
  return a.cells.flatMap((o, i) => (objectsEqual(o ?? null, b.cells[i] ?? null) ? [] : [i]));
}

/** Indices of the occupied cells. */
export function occupiedCells(scene: Scene): number[] {
  return scene.cells.flatMap((o, i) => (o ? [i] : []));
}

/** Indices of the empty cells. */
export function emptyCells(scene: Scene): number[] {
  return scene.cells.flatMap((o, i) => (o ? [] : [i]));
}

/** The object in a cell, throwing when the cell is empty (callers have checked occupancy). */
export function objectAt<O extends SceneObject>(scene: Scene<O>, cell: number): O {
  const o = scene.cells[cell];
  if (!o) throw new RangeError(`cell ${cell} is empty`);
  return o;
}
