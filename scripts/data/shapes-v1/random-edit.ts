/** Random valid edits of a scene: every edit changes the scene. */
import { describeGroup } from './describe.ts';
import { EDIT_OPS, resizedSize, type Edit, type EditOp, type ResizeTo } from '../../../src/domains/shapes-v1/edits.ts';
import { randomObject } from '../../../src/domains/shapes-v1/generate-scene.ts';
import type { Ref } from '../../../src/domains/shapes-v1/refs.ts';
import type { Rng } from '../../../src/domain/rng.ts';
import {
  COLORS, SHAPES, SIZES, TEXTURES, emptyCells, objectAt, objectsEqual, occupiedCells, type Scene, type SceneObject,
} from '../../../src/domains/shapes-v1/scene.ts';

/** Ops that take one or more target cells (the ones that can be plural or use a pronoun). */
export const TARGET_OPS = ['recolor', 'reshape', 'resize', 'retexture', 'remove'] as const;
/** An op with targets. */
export type TargetOp = (typeof TARGET_OPS)[number];

/** A random edit and, for plural edits, the reference that picked the group. */
export interface EditChoice {
  edit: Edit;
  group?: Ref;
}

/** Options of randomEdit. */
export interface RandomEditOptions {
  ops?: readonly EditOp[];
  /** Probability of a plural edit ("all the circles") when the op and scene allow it. */
  plural?: number;
  /** Restrict single-target ops and moves to this cell. */
  target?: number;
}

function pickValue<T>(rng: Rng, all: readonly T[], current: readonly T[]): T | null {
  const options = all.filter((v) => current.some((c) => c !== v));
  return options.length ? rng.pick(options) : null;
}

/** A value for a target op that changes at least one of the objects, or null. */
export function targetEdit(rng: Rng, scene: Scene, op: TargetOp, cells: number[]): Edit | null {
  const objs = cells.map((c) => objectAt(scene, c));
  const attr = <K extends keyof SceneObject>(k: K) => objs.map((o) => o[k]);
  switch (op) {
    case 'recolor': {
      const color = pickValue(rng, COLORS, attr('color'));
      return color && { op, cells, color };
    }
    case 'reshape': {
      const shape = pickValue(rng, SHAPES, attr('shape'));
      return shape && { op, cells, shape };
    }
    case 'retexture': {
      const texture = pickValue(rng, TEXTURES, attr('texture'));
      return texture && { op, cells, texture };
    }
    case 'resize': {
      const valid = ([...SIZES, 'bigger', 'smaller'] as ResizeTo[]).filter((to) => objs.some((o) => resizedSize(o.size, to) !== o.size));
      return valid.length ? { op, cells, size: rng.pick(valid) } : null;
    }
    case 'remove':
      return occupiedCells(scene).length > cells.length ? { op, cells } : null;
  }
}

/** A random edit that changes the scene, or null when the scene allows none of the requested ops. */
export function randomEdit(rng: Rng, scene: Scene, opts: RandomEditOptions = {}): EditChoice | null {
  const occ = occupiedCells(scene);
  const empty = emptyCells(scene);
  const from = opts.target !== undefined ? [opts.target] : occ;
  for (const op of rng.shuffle(opts.ops ?? EDIT_OPS)) {
    if ((TARGET_OPS as readonly string[]).includes(op)) {
      const top = op as TargetOp;
      if (opts.target === undefined && rng.chance(opts.plural ?? 0)) {
        const g = describeGroup(rng, scene);
        const e = g && targetEdit(rng, scene, top, g.cells);
        if (g && e) return { edit: e, group: g.ref };
      }
      const e = from.length ? targetEdit(rng, scene, top, [rng.pick(from)]) : null;
      if (e) return { edit: e };
    } else if (op === 'add' && empty.length && opts.target === undefined) {
      return { edit: { op, cell: rng.pick(empty), object: randomObject(rng) } };
    } else if (op === 'move' && empty.length && from.length) {
      return { edit: { op, from: rng.pick(from), to: rng.pick(empty) } };
    } else if (op === 'swap' && occ.length >= 2 && from.length) {
      const a = rng.pick(from);
      const others = occ.filter((c) => c !== a && !objectsEqual(scene.cells[c]!, scene.cells[a]!));
      if (others.length) return { edit: { op, a, b: rng.pick(others) } };
    }
  }
  return null;
}
