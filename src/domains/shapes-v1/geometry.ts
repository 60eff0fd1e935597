/** Shape outlines and texture patterns of shapes-v1, shared by the rasterizer and the SVG renderer. */
import { CELL_SIZE, SIZE_FRACTION, cellCol, cellRow, type SceneObject, type Shape } from './scene.ts';

/** Diagonal stripe period along x (px); bands of half the period are colored (~2.1 px wide across). */
export const STRIPE_PERIOD = 6;
/** Dot grid spacing (px); one dot sits on the object centre. */
export const DOT_PERIOD = 5;
/** Dot radius (px). */
export const DOT_RADIUS = 1.4;
/** Outline width (px), spec: 1 px. */
export const OUTLINE_WIDTH = 1;

type Pt = readonly [number, number];

function regular(n: number, start: number, radius: (k: number) => number): Pt[] {
  return Array.from({ length: n }, (_, k) => {
    const a = start + (2 * Math.PI * k) / n;
    const r = radius(k);
    return [r * Math.cos(a), r * Math.sin(a)] as const;
  });
}

// Scale so the larger bbox side is 1 and centre the bbox on the origin: sizes are bbox fractions (spec).
function normalize(pts: Pt[]): Pt[] {
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const s = 1 / Math.max(x1 - x0, y1 - y0);
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  // Round so the SVG text and the rasterizer use exactly the same vertices.
  return pts.map(([x, y]) => [round6((x - mx) * s), round6((y - my) * s)] as const);
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

const UP = -Math.PI / 2;
const ARM = 1 / 6;

/** Unit outlines (y down, bbox max side 1, centred), one closed polygon per shape. */
export const UNIT_SHAPES: Readonly<Record<Shape, readonly Pt[]>> = {
  // 48 sides: within 0.02 px of a true circle at the largest size.
  circle: normalize(regular(48, 0, () => 1)),
  square: normalize([[-1, -1], [1, -1], [1, 1], [-1, 1]]),
  triangle: normalize([[0, -1], [1, 1], [-1, 1]]),
  diamond: normalize([[0, -1], [0.8, 0], [0, 1], [-0.8, 0]]),
  star: normalize(regular(10, UP, (k) => (k % 2 === 0 ? 1 : 0.45))),
  hexagon: normalize(regular(6, UP, () => 1)),
  cross: normalize([
    [-ARM, -0.5], [ARM, -0.5], [ARM, -ARM], [0.5, -ARM], [0.5, ARM], [ARM, ARM],
    [ARM, 0.5], [-ARM, 0.5], [-ARM, ARM], [-0.5, ARM], [-0.5, -ARM], [-ARM, -ARM],
  ]),
  heart: normalize(
    Array.from({ length: 40 }, (_, k) => {
      const t = (2 * Math.PI * k) / 40;
      const x = 16 * Math.sin(t) ** 3;
      const y = -(13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t));
      return [x, y] as const;
    }),
  ),
};

/** Pixel-space centre of a cell. */
export function cellCenter(cell: number): [number, number] {
  return [(cellCol(cell) + 0.5) * CELL_SIZE, (cellRow(cell) + 0.5) * CELL_SIZE];
}

/** The object's outline in pixel coordinates, as a flat [x0, y0, x1, y1, ...] array. */
export function objectPolygon(obj: SceneObject, cell: number): Float64Array {
  const [cx, cy] = cellCenter(cell);
  const side = SIZE_FRACTION[obj.size] * CELL_SIZE;
  const unit = UNIT_SHAPES[obj.shape];
  const out = new Float64Array(unit.length * 2);
  unit.forEach(([x, y], k) => {
    out[2 * k] = cx + x * side;
    out[2 * k + 1] = cy + y * side;
  });
  return out;
}

/** True when the texture paints the object's color at (x, y); false means white (spec: color on white). */
export function textureInk(texture: SceneObject['texture'], x: number, y: number, cx: number, cy: number): boolean {
  if (texture === 'solid') return true;
  if (texture === 'striped') {
    const v = x - cx + (y - cy);
    const m = v - STRIPE_PERIOD * Math.floor(v / STRIPE_PERIOD);
    return m < STRIPE_PERIOD / 2;
  }
  const dx = wrapCentered(x - cx, DOT_PERIOD);
  const dy = wrapCentered(y - cy, DOT_PERIOD);
  return dx * dx + dy * dy <= DOT_RADIUS * DOT_RADIUS;
}

function wrapCentered(v: number, p: number): number {
  return v - p * Math.round(v / p);
}
