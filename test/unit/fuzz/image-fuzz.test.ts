/**
 * Issue 24: 1,000 damaged or hostile image files through the app's decodeImage (header checks before decoding;
 * the browser decoder is stood in for by the Node PNG decoder) and the CLI's PNG decoder. Each case ends in time
 * with a picture or a clear message; none throws anything else, and none reaches the decoder when its header
 * already says it is too large.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, encodePng, pngChunk as chunk } from '../../../scripts/lib/png.ts';
import { readImageSize } from '../../../src/app/image-header.ts';
import { MAX_PIXELS, decodeImage } from '../../../src/app/image-io.ts';
import { renderSceneRgba } from '../../../src/domains/shapes-v1/raster.ts';
import { Rng } from '../../../src/domain/rng.ts';
import { EXAMPLES } from '../../../src/domains/shapes-v1/examples.ts';

const CASES = 1_000;

/** A PNG claiming width x height whose data inflates to a small or an enormous buffer. */
function claimedPng(width: number, height: number, rawBytes: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(rawBytes))), chunk('IEND', new Uint8Array())]);
}

const HEADERS: Uint8Array[] = [
  Buffer.from('GIF89a\xff\xff\xff\xff', 'latin1'),
  Buffer.concat([Buffer.from('BM'), Buffer.alloc(16), Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0x80])]),
  Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xff, 0xff, 0xff, 0xff, 0x03]),
  Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8X'), Buffer.alloc(8), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]),
];

function damaged(rng: Rng, bases: Uint8Array[]): Uint8Array {
  const base = Uint8Array.from(rng.pick(bases));
  switch (rng.int(6)) {
    case 0: return base.subarray(0, rng.int(base.length + 1));
    case 1: {
      for (let k = 1 + rng.int(8); k > 0; k--) base[rng.int(base.length)] = rng.int(256);
      return base;
    }
    case 2: return Uint8Array.from({ length: rng.int(2048) }, () => rng.int(256));
    case 3: return claimedPng(rng.pick([0, 1, 64, 16384, 16385, 40000, 2 ** 31]), rng.pick([0, 1, 64, 4096, 2 ** 32 - 1]), rng.int(4096));
    case 4: return Buffer.concat([base, Uint8Array.from({ length: rng.int(512) }, () => rng.int(256))]);
    default: return rng.pick(HEADERS);
  }
}

describe('image fuzz', () => {
  let decoded = 0;
  beforeAll(() => {
    // The browser's decoder, stood in for by the Node one; counted so that refusals before decoding show.
    (globalThis as { createImageBitmap?: unknown }).createImageBitmap = async (blob: Blob) => {
      decoded++;
      const img = decodePng(new Uint8Array(await blob.arrayBuffer()));
      return { width: img.width, height: img.height, close: () => undefined };
    };
  });
  afterAll(() => delete (globalThis as { createImageBitmap?: unknown }).createImageBitmap);

  it(`${CASES} damaged files: a picture or a clear message, in time`, async () => {
    const rng = new Rng('image-fuzz');
    const bases = [encodePng({ width: 64, height: 64, data: renderSceneRgba(EXAMPLES[0]!.scene) }), claimedPng(200, 150, (200 * 4 + 1) * 150)];
    const counts = { pictures: 0, refused: 0, refusedBeforeDecoding: 0 };
    let slowest = 0;
    for (let i = 0; i < CASES; i++) {
      const bytes = i === 0 ? claimedPng(8192, 8192, 64 << 20) : damaged(rng, bases); // case 0: a zlib bomb
      const t0 = performance.now();
      const header = readImageSize(bytes);
      const before = decoded;
      try {
        const bitmap = await decodeImage(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
        expect(bitmap.width * bitmap.height, `case ${i}`).toBeLessThanOrEqual(MAX_PIXELS);
        counts.pictures++;
      } catch (e) {
        expect((e as Error).name, `case ${i}: ${(e as Error).stack}`).toBe('InputError');
        counts.refused++;
        if (decoded === before) counts.refusedBeforeDecoding++;
        if (header && header.width * header.height > MAX_PIXELS) expect(decoded, `case ${i} decoded a huge image`).toBe(before);
      }
      try {
        decodePng(bytes);
      } catch (e) {
        expect((e as Error).message, `case ${i}: CLI decoder`).toMatch(/PNG|png/);
      }
      slowest = Math.max(slowest, performance.now() - t0);
    }
    console.log(`image fuzz: ${CASES} cases, ${counts.pictures} pictures, ${counts.refused} refused (${counts.refusedBeforeDecoding} before decoding), slowest ${slowest.toFixed(1)} ms`);
    expect(slowest).toBeLessThan(5_000);
    expect(counts.refused).toBeGreaterThan(CASES / 2);
  }, 300_000);
});
