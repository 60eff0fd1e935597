/** Edit operations on shapes-v1 scenes: types, application and the cells an edit focuses on. */
import { DomainError } from '../../../workers/errors.ts';
import {
  SIZES, cloneScene, objectAt,
  type Color, type Scene, type SceneObject, type Shape, type Size, type Texture,
} from './scene.ts';

/** Edit ops in shard index order (models/SHARDS.md `op`); never reorder. */
export const EDIT_OPS = ['recolor', 'reshape', 'resize', 'retexture', 'remove', 'add', 'move', 'swap'] as const;
/** One of the eight edit ops. */
export type EditOp = (typeof EDIT_OPS)[number];
/** Resize target: an absolute size or one step up or down. */
export type ResizeTo = Size | 'bigger' | 'smaller';

/** A resolved edit: every target is a cell index. */
export type Edit =
  | { op: 'recolor'; cells: number[]; color: Color }
  | { op: 'reshape'; cells: number[]; shape: Shape }
  | { op: 'resize'; cells: number[]; size: ResizeTo }
  | { op: 'retexture'; cells: number[]; texture: Texture }
  | { op: 'remove'; cells: number[] }
  | { op: 'add'; cell: number; object: SceneObject }
  | { op: 'move'; from: number; to: number }
  | { op: 'swap'; a: number; b: number };

/** The size after a resize; bigger/smaller stop at large/small (the object is left as it is). */
export function resizedSize(current: Size, to: ResizeTo): Size {
  const i = SIZES.indexOf(current);
  if (to === 'bigger') return SIZES[Math.min(i + 1, SIZES.length - 1)]!;
  if (to === 'smaller') return SIZES[Math.max(i - 1, 0)]!;
  return to;
}

function requireEmpty(scene: Scene, cell: number): void {
  if (scene.cells[cell]) throw new DomainError(`cell ${cell} is occupied`);
}

/** Applies an edit to a scene and returns the new scene (the input is not modified). */
export function applyEdit(scene: Scene, edit: Edit): Scene {
  const next = cloneScene(scene);
  switch (edit.op) {
    case 'recolor':
    case 'reshape':
    case 'resize':
    case 'retexture':
    case 'remove':
      if (edit.cells.length === 0) throw new DomainError(`${edit.op} without targets`);
      for (const c of edit.cells) {
        const o = { ...objectAt(scene, c) };
        if (edit.op === 'remove') next.cells[c] = null;
        else if (edit.op === 'recolor') next.cells[c] = { ...o, color: edit.color };
        else if (edit.op === 'reshape') next.cells[c] = { ...o, shape: edit.shape };
        else if (edit.op === 'resize') next.cells[c] = { ...o, size: resizedSize(o.size, edit.size) };
        else next.cells[c] = { ...o, texture: edit.texture };
      }
      return next;
    case 'add':
      requireEmpty(scene, edit.cell);
      next.cells[edit.cell] = { ...edit.object };
      return next;
    case 'move':
      requireEmpty(scene, edit.to);
      next.cells[edit.to] = { ...objectAt(scene, edit.from) };
      next.cells[edit.from] = null;
      return next;
    case 'swap': {
      const a = objectAt(scene, edit.a);
      next.cells[edit.a] = { ...objectAt(scene, edit.b) };
      next.cells[edit.b] = { ...a };
      return next;
    }
  }
}

/** Cells holding the edited object(s) after the edit: what "it" refers to next; null when they are gone. */
export function editFocus(edit: Edit): number[] | null {
  switch (edit.op) {
    case 'remove':
      return null;
    case 'add':
      return [edit.cell];
    case 'move':
      return [edit.to];
    case 'swap':
      return [edit.b]; // the first-named object now sits where the second was
    default:
      return edit.cells.slice();
  }
}

/** Cells whose object changes under the edit. */
export function editCells(edit: Edit): number[] {
  switch (edit.op) {
    case 'add':
      return [edit.cell];
    case 'move':
      return [edit.from, edit.to];
    case 'swap':
      return [edit.a, edit.b];
    default:
      return edit.cells.slice();
  }
}
