/** Chooses referring expressions for the generator: unique, plural, ambiguous, and clarification answers. */
import { matchDesc, extremes, type Desc, type Ref } from '../../../src/domains/shapes-v1/refs.ts';
import type { Rng } from '../../../src/domain/rng.ts';
import { ATTRIBUTES, neighbor, objectAt, occupiedCells, type Attribute, type Direction, type Scene } from '../../../src/domains/shapes-v1/scene.ts';

const DIRS: readonly Direction[] = ['left', 'right', 'up', 'down'];
const OPPOSITE: Readonly<Record<Direction, Direction>> = { left: 'right', right: 'left', up: 'down', down: 'up' };

/** All subsets of the four attributes, smallest first. */
const SUBSETS: readonly Attribute[][] = Array.from({ length: 16 }, (_, m) => ATTRIBUTES.filter((_, i) => m & (1 << i)))
  .sort((a, b) => a.length - b.length);

function withAttrs(scene: Scene, cell: number, attrs: readonly Attribute[]): Desc {
  const o = objectAt(scene, cell);
  const d: Desc = {};
  for (const a of attrs) (d as Record<Attribute, unknown>)[a] = o[a];
  return d;
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function one(d: Desc): Ref {
  return { kind: 'desc', number: 'one', ...d };
}

// Smaller descriptions are likelier; naming the shape is likelier still, as people do.
function weightedPick(rng: Rng, descs: Desc[]): Desc {
  const w = descs.map((d) => {
    const n = ATTRIBUTES.filter((a) => d[a] !== undefined).length;
    return (d.shape !== undefined ? 2 : 1) / 2 ** Math.max(0, n - 1);
  });
  let r = rng.next() * w.reduce((s, x) => s + x, 0);
  for (let i = 0; i < descs.length; i++) {
    r -= w[i]!;
    if (r < 0) return descs[i]!;
  }
  return descs[descs.length - 1]!;
}

/** Attribute-only descriptions that pick out exactly this cell. */
export function attributeDescs(scene: Scene, cell: number): Desc[] {
  return SUBSETS.filter((s) => s.length > 0)
    .map((s) => withAttrs(scene, cell, s))
    .filter((d) => same(matchDesc(scene, d), [cell]));
}

/** Kinds of singular description, with their relative weights. */
export interface DescribeStyles {
  attr?: number;
  cell?: number;
  extreme?: number;
  rel?: number;
}

const DEFAULT_STYLES: Required<DescribeStyles> = { attr: 6, cell: 1.5, extreme: 1, rel: 1.5 };

function candidates(scene: Scene, cell: number, style: keyof DescribeStyles): Desc[] {
  if (style === 'attr') return attributeDescs(scene, cell);
  if (style === 'cell') return SUBSETS.filter((s) => s.length <= 2).map((s) => ({ ...withAttrs(scene, cell, s), cell }));
  if (style === 'extreme') {
    return SUBSETS.filter((s) => s.length > 0).flatMap((s) => {
      const d = withAttrs(scene, cell, s);
      const m = matchDesc(scene, d);
      if (m.length < 2) return [];
      return DIRS.filter((dir) => same(extremes(m, dir), [cell])).map((dir) => ({ ...d, extreme: dir }));
    });
  }
  return DIRS.flatMap((dir) => {
    const l = neighbor(cell, OPPOSITE[dir]);
    if (l === null || !scene.cells[l]) return [];
    const lds = attributeDescs(scene, l);
    if (lds.length === 0) return [];
    const landmark = one(lds[0]!);
    return SUBSETS.filter((s) => s.length <= 2)
      .map((s) => ({ ...withAttrs(scene, cell, s), rel: { dir, landmark } }))
      .filter((d) => same(matchDesc(scene, d), [cell]));
  });
}

/** A description that picks out exactly `cell`; always exists, since a cell position is unique. */
export function describeOne(rng: Rng, scene: Scene, cell: number, styles: DescribeStyles = {}): Ref {
  const w = { ...DEFAULT_STYLES, ...styles };
  const order = (Object.keys(w) as (keyof DescribeStyles)[]).filter((k) => w[k] > 0);
  let r = rng.next() * order.reduce((s, k) => s + w[k], 0);
  const first = order.find((k) => (r -= w[k]) < 0) ?? order[0]!;
  for (const style of [first, ...rng.shuffle(order.filter((k) => k !== first)), 'cell' as const]) {
    const c = candidates(scene, cell, style);
    if (c.length > 0) return one(style === 'attr' || style === 'extreme' ? weightedPick(rng, c) : rng.pick(c));
  }
  throw new Error('unreachable: a cell description always exists');
}

/** A plural reference ("all the red circles") matching two or more objects, or null when none exists. */
export function describeGroup(rng: Rng, scene: Scene): { ref: Ref; cells: number[] } | null {
  const occ = occupiedCells(scene);
  const options: { d: Desc; cells: number[] }[] = [];
  for (const s of SUBSETS.filter((x) => x.length === 1 || x.length === 2)) {
    const seen = new Set<string>();
    for (const c of occ) {
      const d = withAttrs(scene, c, s);
      const key = JSON.stringify(d);
      if (seen.has(key)) continue;
      seen.add(key);
      const cells = matchDesc(scene, d);
      if (cells.length >= 2) options.push({ d, cells });
    }
  }
  if (options.length === 0) return null;
  const { d, cells } = rng.pick(options);
  const number = cells.length === 2 && rng.chance(0.35) ? 'both' : 'all';
  return { ref: { kind: 'desc', number, ...d }, cells };
}

/** A singular description matching 2-3 objects (so it needs a clarifying question), with its candidates. */
export function describeAmbiguous(rng: Rng, scene: Scene): { ref: Ref; cells: number[] } | null {
  const options: { d: Desc; cells: number[] }[] = [];
  for (const s of SUBSETS.filter((x) => x.length === 1 || x.length === 2)) {
    for (const c of occupiedCells(scene)) {
      const d = withAttrs(scene, c, s);
      const cells = matchDesc(scene, d);
      if (cells.length >= 2 && cells.length <= 3 && cells[0] === c) options.push({ d, cells });
    }
  }
  if (options.length === 0) return null;
  // Shape-only references ("the square") are the typical ambiguous ones.
  const shapeOnly = options.filter((o) => o.d.shape !== undefined && Object.keys(o.d).length === 1);
  const { d, cells } = rng.pick(shapeOnly.length > 0 && rng.chance(0.7) ? shapeOnly : options);
  return { ref: one(d), cells };
}

/** Descriptions that single out `target` among the candidates of a clarifying question. */
export function answerDescs(scene: Scene, candidates: readonly number[], target: number): Desc[] {
  const out: Desc[] = DIRS.filter((dir) => same(extremes(candidates, dir), [target])).map((extreme) => ({ extreme }));
  for (const a of ATTRIBUTES) {
    const d = withAttrs(scene, target, [a]);
    if (same(matchDesc(scene, d, candidates), [target])) out.push(d);
  }
  out.push({ cell: target });
  return out;
}
