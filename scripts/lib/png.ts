/** Minimal PNG codec for the Node CLIs (zlib only): 8/16-bit gray, gray+alpha, RGB, RGBA and palette images. */
import { deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from '../../src/store/png-check.ts';

export { crc32 };

/** Decoded RGBA image. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** A PNG chunk: length, type, data and CRC. */
export function pngChunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** Encodes RGBA pixels as an 8-bit RGBA PNG. */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array())]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes a PNG to RGBA; throws an Error naming the problem for anything it cannot read. */
export function decodePng(file: Uint8Array, maxPixels = 64 * 1024 * 1024): RgbaImage {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file (bad signature)');
  let at = 8;
  let width = 0, height = 0, depth = 0, colorType = 0, interlace = 0;
  let palette: Uint8Array | null = null;
  let trns: Uint8Array | null = null;
  const idat: Buffer[] = [];
  while (at + 8 <= buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    if (at + 12 + len > buf.length) throw new Error(`PNG is truncated inside the ${type} chunk`);
    const body = buf.subarray(at + 8, at + 8 + len);
    if (crc32(buf.subarray(at + 4, at + 8 + len)) !== buf.readUInt32BE(at + 8 + len)) throw new Error(`PNG ${type} chunk is corrupt (CRC mismatch)`);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      [depth, colorType, , , interlace] = body.subarray(8, 13);
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  if (!width || !height) throw new Error('PNG has no IHDR or a zero size');
  if (width * height > maxPixels) throw new Error(`PNG is too large (${width}x${height})`);
  if (interlace) throw new Error('interlaced PNGs are not supported; re-save without interlacing');
  if (depth !== 8 && depth !== 16 && !(colorType === 3 && depth <= 8)) throw new Error(`unsupported PNG bit depth ${depth}`);
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (!channels) throw new Error(`unsupported PNG color type ${colorType}`);
  if (colorType === 3 && !palette) throw new Error('palette PNG without a PLTE chunk');
  if (idat.length === 0) throw new Error('PNG has no image data');
  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel / 8);
  let raw: Buffer;
  try {
    // Bounded by what the header promises: image data that inflates to more is a zlib bomb.
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * height + 65536 });
  } catch {
    throw new Error('PNG image data is corrupt (inflate failed or larger than its header says)');
  }
  if (raw.length < (stride + 1) * height) throw new Error('PNG image data is truncated');
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? rows[y * stride + x - bpp] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? rows[(y - 1) * stride + x - bpp] : 0;
      const v = line[x];
      const out = [v, v + a, v + b, v + ((a + b) >> 1), v + paeth(a, b, c)][filter];
      if (out === undefined) throw new Error(`PNG row ${y} has an unknown filter ${filter}`);
      rows[y * stride + x] = out & 0xff;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  const sample = (y: number, i: number): number => {
    if (depth === 16) return rows[y * stride + i * 2];
    if (depth === 8) return rows[y * stride + i];
    const bit = i * depth;
    return (rows[y * stride + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const s = (c: number) => sample(y, x * channels + c);
      if (colorType === 3) {
        const idx = s(0);
        data.set([palette![idx * 3], palette![idx * 3 + 1], palette![idx * 3 + 2], trns && idx < trns.length ? trns[idx] : 255], o);
      } else if (colorType === 0 || colorType === 4) {
        const g = depth < 8 ? Math.round((s(0) * 255) / ((1 << depth) - 1)) : s(0);
        data.set([g, g, g, colorType === 4 ? s(1) : 255], o);
      } else {
        data.set([s(0), s(1), s(2), colorType === 6 ? s(3) : 255], o);
      }
    }
  }
  return { width, height, data };
}
