/** Test helper: decodes the PNGs our encoder writes (8-bit RGB/grey, filter 0) with node:zlib. */
import { inflateSync } from 'node:zlib';

/** Decoded pixels of a PNG written by src/domain/png.ts. */
export function readPng(file: Uint8Array): { width: number; height: number; channels: number; pixels: Uint8Array } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let o = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (o < file.length) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...file.subarray(o + 4, o + 8));
    const data = file.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(o + 8);
      height = view.getUint32(o + 12);
      channels = data[9] === 2 ? 3 : 1;
    } else if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error('only filter type 0 is supported');
    pixels.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, channels, pixels };
}
