/** Center-crop to a square and area-resample RGBA pixels to `size` x `size` on white, for the Node CLIs. */
import type { RgbaImage } from './png.ts';

/** Each output pixel averages the source area it covers (exact box filter), so down- and up-sampling are both clean. */
export function toSquare(image: RgbaImage, size: number): Uint8ClampedArray {
  const side = Math.min(image.width, image.height);
  const x0 = (image.width - side) / 2;
  const y0 = (image.height - side) / 2;
  const scale = side / size;
  const out = new Uint8ClampedArray(size * size * 4);
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      const acc = [0, 0, 0];
      let weight = 0;
      const sx0 = x0 + ox * scale, sx1 = sx0 + scale, sy0 = y0 + oy * scale, sy1 = sy0 + scale;
      for (let y = Math.floor(sy0); y < Math.ceil(sy1); y++) {
        const wy = Math.min(y + 1, sy1) - Math.max(y, sy0);
        for (let x = Math.floor(sx0); x < Math.ceil(sx1); x++) {
          const w = wy * (Math.min(x + 1, sx1) - Math.max(x, sx0));
          const i = (y * image.width + x) * 4;
          const a = image.data[i + 3]! / 255;
          for (let c = 0; c < 3; c++) acc[c] += w * (image.data[i + c]! * a + 255 * (1 - a));
          weight += w;
        }
      }
      const o = (oy * size + ox) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(acc[c]! / weight);
      out[o + 3] = 255;
    }
  }
  return out;
}
