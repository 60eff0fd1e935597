/**
 * A tiny deterministic painter: shapes are inside-tests on doubles, painted with 4x4 supersampled coverage and
 * blended in order. Only +, -, *, / and sqrt (all exactly rounded in IEEE 754), no trigonometry or canvas, so
 * Node and every browser give bit-identical pixels.
 */

/** An inside-test and the box (x0, y0, x1, y1) outside which it is false. */
export interface Region {
  inside: (x: number, y: number) => boolean;
  box: readonly [number, number, number, number];
}

const S = 4;
const OFFSETS = Array.from({ length: S }, (_, i) => (i + 0.5) / S);

export function ellipse(cx: number, cy: number, rx: number, ry: number): Region {
  return { inside: (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1, box: [cx - rx, cy - ry, cx + rx, cy + ry] };
}

export function rect(x0: number, y0: number, x1: number, y1: number): Region {
  return { inside: (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1, box: [x0, y0, x1, y1] };
}

/** A rectangle with corners rounded to radius r. */
export function roundRect(x0: number, y0: number, x1: number, y1: number, r: number): Region {
  return {
    inside: (x, y) => {
      if (x < x0 || x > x1 || y < y0 || y > y1) return false;
      const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
      const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
      return dx * dx + dy * dy <= r * r;
    },
    box: [x0, y0, x1, y1],
  };
}

/** Points within `half` of the curve y = f(x) for x in [x0, x1] (vertical distance: the curves are shallow). */
export function band(f: (x: number) => number, half: number, x0: number, x1: number): Region {
  let lo = Infinity;
  let hi = -Infinity;
  for (let x = x0; x <= x1; x += 0.5) [lo, hi] = [Math.min(lo, f(x)), Math.max(hi, f(x))];
  return { inside: (x, y) => x >= x0 && x <= x1 && Math.abs(y - f(x)) <= half, box: [x0, lo - half, x1, hi + half] };
}

/** Points of `a` that are also in `b` (the box is a's). */
export function both(a: Region, b: Region): Region {
  return { inside: (x, y) => a.inside(x, y) && b.inside(x, y), box: a.box };
}

/** Points of `a` outside `b`. */
export function without(a: Region, b: Region): Region {
  return { inside: (x, y) => a.inside(x, y) && !b.inside(x, y), box: a.box };
}

/** Points in any of the regions. */
export function any(...rs: Region[]): Region {
  return {
    inside: (x, y) => rs.some((r) => r.inside(x, y)),
    box: [Math.min(...rs.map((r) => r.box[0])), Math.min(...rs.map((r) => r.box[1])), Math.max(...rs.map((r) => r.box[2])), Math.max(...rs.map((r) => r.box[3]))],
  };
}

/** Points inside a predicate, within a box. */
export function where(inside: (x: number, y: number) => boolean, box: Region['box']): Region {
  return { inside, box };
}

/** An RGB canvas of doubles, painted layer by layer. */
export class Canvas {
  readonly rgb: Float64Array;

  constructor(readonly size: number, fill: readonly number[]) {
    this.rgb = new Float64Array(size * size * 3);
    for (let p = 0; p < size * size; p++) this.rgb.set(fill, p * 3);
  }

  /** Blends `color` over the region with its per-pixel coverage. */
  paint(region: Region, color: readonly number[]): void {
    const [x0, y0, x1, y1] = region.box;
    const px0 = Math.max(0, Math.floor(x0));
    const py0 = Math.max(0, Math.floor(y0));
    const px1 = Math.min(this.size - 1, Math.floor(x1));
    const py1 = Math.min(this.size - 1, Math.floor(y1));
    for (let py = py0; py <= py1; py++) {
      for (let px = px0; px <= px1; px++) {
        let n = 0;
        for (const oy of OFFSETS) for (const ox of OFFSETS) if (region.inside(px + ox, py + oy)) n++;
        if (n === 0) continue;
        const a = n / (S * S);
        const at = (py * this.size + px) * 3;
        for (let k = 0; k < 3; k++) this.rgb[at + k] = this.rgb[at + k]! * (1 - a) + color[k]! * a;
      }
    }
  }

  /** The picture as RGBA bytes. */
  rgba(): Uint8ClampedArray {
    const out = new Uint8ClampedArray(this.size * this.size * 4);
    for (let p = 0; p < this.size * this.size; p++) {
      out[p * 4] = Math.round(this.rgb[p * 3]!);
      out[p * 4 + 1] = Math.round(this.rgb[p * 3 + 1]!);
      out[p * 4 + 2] = Math.round(this.rgb[p * 3 + 2]!);
      out[p * 4 + 3] = 255;
    }
    return out;
  }
}

/** Parses '#RRGGBB'. */
export function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** `a` mixed toward `b` by t (0 = a). */
export function mix(a: readonly number[], b: readonly number[], t: number): number[] {
  return a.map((v, k) => v * (1 - t) + b[k]! * t);
}
