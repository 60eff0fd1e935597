/**
 * CoSaL rebuilt (spec/shapes-v1.md, LBIE sec. 4.1 and its make_data.py): nine shapes on a 3x3 grid of 16 px
 * cells, six colors, nine sentences (k direct, 9-k relational), silhouette source, colored target, labels.
 */
import { hashString, Rng } from '../../domain/rng.ts';
import { neighborIn, type Direction } from '../../domain/grid.ts';

/** The CoSaL grid. */
export const COSAL_GRID = { rows: 3, cols: 3 } as const;

/** The nine LBIE shapes in spec (shard index) order. */
export const COSAL_SHAPES = [
  'rectangle', 'half fat ellipse', 'fat ellipse', 'triangle', 'reverse triangle', 'thin ellipse', 'half thin ellipse',
  'diamond', 'circle',
] as const;
/** The six colors in spec order; label = index + 1. */
export const COSAL_COLORS = ['blue', 'light green', 'red', 'black', 'grey', 'yellow'] as const;
/** A CoSaL shape name. */
export type CosalShape = (typeof COSAL_SHAPES)[number];
/** A CoSaL color name. */
export type CosalColor = (typeof COSAL_COLORS)[number];
/** RGB of the colors (spec). */
export const COSAL_RGB: Readonly<Record<CosalColor, readonly [number, number, number]>> = {
  blue: [0, 0, 255], 'light green': [0, 255, 0], red: [255, 0, 0], black: [0, 0, 0], grey: [128, 128, 128], yellow: [255, 255, 0],
};
/** Image side (px). */
export const COSAL_SIZE = 48;
/** Cell side (px). */
export const COSAL_CELL = 16;
/** Relation words: "COLOR below SHAPE" = the cell below SHAPE has COLOR. */
export const COSAL_RELATIONS: Readonly<Record<string, Direction>> = { below: 'down', above: 'up', left: 'left', right: 'right' };
/** Every word of CoSaL sentences (for the vocabulary). */
export const COSAL_WORDS: readonly string[] = [...COSAL_SHAPES, ...COSAL_COLORS, 'is', ...Object.keys(COSAL_RELATIONS)];

/** One cosal-v1 record. */
export interface CosalRecord {
  id: string;
  cells: { shape: CosalShape; color: CosalColor }[];
  sentences: string[];
}
/** A parsed sentence: direct ("circle is red") or relational ("red below triangle"). */
export type CosalSentence =
  | { kind: 'direct'; shape: CosalShape; color: CosalColor }
  | { kind: 'rel'; color: CosalColor; dir: Direction; shape: CosalShape };

/** Parses a CoSaL sentence, or returns null when it is neither form. */
export function parseCosalSentence(s: string): CosalSentence | null {
  const t = s.trim().replace(/\s+/g, ' ');
  const shape = COSAL_SHAPES.find((x) => t.startsWith(`${x} is `));
  if (shape) {
    const color = COSAL_COLORS.find((c) => t === `${shape} is ${c}`);
    return color ? { kind: 'direct', shape, color } : null;
  }
  for (const color of COSAL_COLORS) {
    for (const [word, dir] of Object.entries(COSAL_RELATIONS)) {
      const rest = t.startsWith(`${color} ${word} `) ? t.slice(color.length + word.length + 2) : null;
      const target = COSAL_SHAPES.find((x) => x === rest);
      if (target) return { kind: 'rel', color, dir, shape: target };
    }
  }
  return null;
}

/** The cell a sentence gives a color to, or null when it points off the grid. */
export function sentenceCell(rec: Pick<CosalRecord, 'cells'>, s: CosalSentence): number | null {
  const at = rec.cells.findIndex((c) => c.shape === s.shape);
  if (at < 0) return null;
  return s.kind === 'direct' ? at : neighborIn(COSAL_GRID, at, s.dir);
}

type Inside = (x: number, y: number) => boolean;

// Point in a convex polygon (either winding), boundary included.
function convex(pts: readonly (readonly [number, number])[]): Inside {
  return (x, y) => {
    let pos = false;
    let neg = false;
    for (let i = 0; i < pts.length; i++) {
      const [ax, ay] = pts[i]!;
      const [bx, by] = pts[(i + 1) % pts.length]!;
      const cr = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      if (cr > 0) pos = true;
      if (cr < 0) neg = true;
    }
    return !(pos && neg);
  };
}

// Geometry and jitter ranges of make_data.py, as fractions of the 16 px cell.
function shapeTest(rng: Rng, shape: CosalShape): Inside {
  const s = COSAL_CELL;
  const u = (lo: number, hi: number) => rng.uniform(lo, hi) * s;
  const p = (x: [number, number], y: [number, number]) => [u(...x), u(...y)] as const;
  switch (shape) {
    case 'rectangle': {
      const [x0, y0, x1, y1] = [u(0.1, 0.3), u(0.1, 0.3), u(0.7, 0.9), u(0.7, 0.9)];
      return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
    }
    case 'triangle':
      return convex([p([0.2, 0.4], [0.7, 0.8]), p([0.7, 0.8], [0.7, 0.8]), p([0.4, 0.6], [0.2, 0.3])]);
    case 'reverse triangle':
      return convex([p([0.2, 0.4], [0.2, 0.3]), p([0.7, 0.8], [0.2, 0.3]), p([0.4, 0.6], [0.7, 0.8])]);
    case 'diamond':
      return convex([p([0.2, 0.3], [0.45, 0.55]), p([0.45, 0.55], [0.2, 0.3]), p([0.7, 0.8], [0.45, 0.55]), p([0.45, 0.55], [0.7, 0.8])]);
    case 'circle': {
      const [cx, cy, r] = [u(0.45, 0.55), u(0.45, 0.55), u(0.3, 0.4)];
      return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    }
    default: {
      const [cx, cy] = [u(0.45, 0.55), u(0.45, 0.55)];
      const thin = shape.includes('thin');
      const [a, b] = thin ? [s / 6, s / 3] : [s / 3, s / 6];
      const half = shape.startsWith('half');
      // cv2.ellipse(0..180 degrees) with y down: the lower half.
      return (x, y) => ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1 && (!half || y >= cy);
    }
  }
}

/** Source silhouettes, colored target and 7-class labels (0 background, 1..6 colors); jitter seeded by the id. */
export function renderCosal(rec: CosalRecord): { src: Uint8Array; tgt: Uint8Array; labels: Uint8Array } {
  const n = COSAL_SIZE * COSAL_SIZE;
  const src = new Uint8Array(n * 3).fill(255);
  const tgt = new Uint8Array(n * 3).fill(255);
  const labels = new Uint8Array(n);
  const rng = new Rng(hashString(`cosal:${rec.id}`));
  rec.cells.forEach((cell, i) => {
    const inside = shapeTest(rng, cell.shape);
    const rgb = COSAL_RGB[cell.color];
    const [ox, oy] = [(i % 3) * COSAL_CELL, Math.floor(i / 3) * COSAL_CELL];
    for (let y = 0; y < COSAL_CELL; y++) {
      for (let x = 0; x < COSAL_CELL; x++) {
        if (!inside(x + 0.5, y + 0.5)) continue;
        const p = (oy + y) * COSAL_SIZE + ox + x;
        src.fill(0, p * 3, p * 3 + 3);
        tgt.set(rgb, p * 3);
        labels[p] = COSAL_COLORS.indexOf(cell.color) + 1;
      }
    }
  });
  return { src, tgt, labels };
}
