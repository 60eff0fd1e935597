/**
 * Deterministic supersampled rasterizer for shapes-v1. Pure arithmetic on doubles, no canvas or native code,
 * so Node and every browser produce bit-identical pixels by construction.
 */
import { cellCenter, objectPolygon, textureInk, OUTLINE_WIDTH } from './geometry.ts';
import { COLOR_HEX, IMAGE_SIZE, OUTLINE_HEX, type Scene, type SceneObject } from './scene.ts';

/** Samples per pixel side (SUPERSAMPLE^2 samples per pixel, on a regular grid). */
export const SUPERSAMPLE = 4;
/** Bytes of one RGB image. */
export const IMAGE_BYTES = IMAGE_SIZE * IMAGE_SIZE * 3;

/** Parses '#RRGGBB' into [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

const OUTLINE = hexToRgb(OUTLINE_HEX);
const WHITE: readonly [number, number, number] = [255, 255, 255];
const HALF_STROKE2 = (OUTLINE_WIDTH / 2) ** 2;
const OFFSETS = Array.from({ length: SUPERSAMPLE }, (_, i) => (i + 0.5) / SUPERSAMPLE);
// Farthest sample from the pixel centre; beyond this margin a pixel's samples all classify alike.
const SAMPLE_REACH = (0.5 - 0.5 / SUPERSAMPLE) * Math.SQRT2;

/** Renders a scene to a new 64x64 RGB byte array (row-major, 3 bytes a pixel). */
export function renderScene(scene: Scene): Uint8Array {
  const out = new Uint8Array(IMAGE_BYTES);
  renderSceneInto(scene, out, 0);
  return out;
}

/** Renders a scene into `out` at byte `offset` (for writing straight into shard buffers). */
export function renderSceneInto(scene: Scene, out: Uint8Array, offset: number): void {
  out.fill(255, offset, offset + IMAGE_BYTES);
  scene.cells.forEach((obj, cell) => {
    if (obj) drawObject(obj, cell, out, offset);
  });
}

// Squared distance from (px, py) to the polygon boundary; sets `inside` by the even-odd rule.
let inside = false;
function boundaryDist2(poly: Float64Array, px: number, py: number): number {
  const n = poly.length / 2;
  let best = Infinity;
  let odd = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = poly[2 * i]!;
    const yi = poly[2 * i + 1]!;
    const xj = poly[2 * j]!;
    const yj = poly[2 * j + 1]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) odd = !odd;
    const ex = xj - xi;
    const ey = yj - yi;
    const len2 = ex * ex + ey * ey;
    let t = len2 > 0 ? ((px - xi) * ex + (py - yi) * ey) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const dx = px - (xi + t * ex);
    const dy = py - (yi + t * ey);
    const d2 = dx * dx + dy * dy;
    if (d2 < best) best = d2;
  }
  inside = odd;
  return best;
}

function drawObject(obj: SceneObject, cell: number, out: Uint8Array, offset: number): void {
  const poly = objectPolygon(obj, cell);
  const [cx, cy] = cellCenter(cell);
  const ink = hexToRgb(COLOR_HEX[obj.color]);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < poly.length; k += 2) {
    x0 = Math.min(x0, poly[k]!);
    x1 = Math.max(x1, poly[k]!);
    y0 = Math.min(y0, poly[k + 1]!);
    y1 = Math.max(y1, poly[k + 1]!);
  }
  const pad = OUTLINE_WIDTH / 2;
  const px0 = Math.max(0, Math.floor(x0 - pad));
  const px1 = Math.min(IMAGE_SIZE - 1, Math.floor(x1 + pad));
  const py0 = Math.max(0, Math.floor(y0 - pad));
  const py1 = Math.min(IMAGE_SIZE - 1, Math.floor(y1 + pad));
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = py0; py <= py1; py++) {
    for (let px = px0; px <= px1; px++) {
      const dc = Math.sqrt(boundaryDist2(poly, px + 0.5, py + 0.5));
      const far = dc - SAMPLE_REACH > pad;
      if (far && !inside) continue;
      let r = 0;
      let g = 0;
      let b = 0;
      for (const oy of OFFSETS) {
        for (const ox of OFFSETS) {
          const sx = px + ox;
          const sy = py + oy;
          let c: readonly number[];
          if (far) c = textureInk(obj.texture, sx, sy, cx, cy) ? ink : WHITE;
          else if (boundaryDist2(poly, sx, sy) <= HALF_STROKE2) c = OUTLINE;
          else if (inside) c = textureInk(obj.texture, sx, sy, cx, cy) ? ink : WHITE;
          else c = WHITE;
          r += c[0]!;
          g += c[1]!;
          b += c[2]!;
        }
      }
      const at = offset + (py * IMAGE_SIZE + px) * 3;
      out[at] = Math.round(r / n);
      out[at + 1] = Math.round(g / n);
      out[at + 2] = Math.round(b / n);
    }
  }
}

/** Renders a scene as RGBA (the layout canvases and the engine use). */
export function renderSceneRgba(scene: Scene): Uint8ClampedArray {
  const rgb = renderScene(scene);
  const out = new Uint8ClampedArray(IMAGE_SIZE * IMAGE_SIZE * 4);
  for (let p = 0; p < IMAGE_SIZE * IMAGE_SIZE; p++) out.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, 255], p * 4);
  return out;
}
