import { describe, expect, it } from 'vitest';
import { readImageSize } from '../../../src/app/image-header.ts';
import { encodePng } from '../../../scripts/lib/png.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const le16 = (n: number) => [n & 255, n >> 8];
const be16 = (n: number) => [n >> 8, n & 255];
const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];

describe('readImageSize', () => {
  it('reads a real PNG the project encodes', () => {
    const png = encodePng({ width: 37, height: 5, data: new Uint8ClampedArray(37 * 5 * 4) });
    expect(readImageSize(png)).toEqual({ format: 'png', width: 37, height: 5 });
  });

  it('reads a PNG header that claims more pixels than the file could hold', () => {
    const head = encodePng({ width: 1, height: 1, data: new Uint8ClampedArray(4) }).subarray(0, 33);
    const view = new DataView(head.buffer, head.byteOffset);
    view.setUint32(16, 30000);
    view.setUint32(20, 20000);
    expect(readImageSize(head)).toEqual({ format: 'png', width: 30000, height: 20000 });
  });

  it('reads GIF, BMP and the three WebP headers', () => {
    expect(readImageSize(bytes('GIF89a', le16(640), le16(480), [0, 0, 0]))).toEqual({ format: 'gif', width: 640, height: 480 });
    const bmp = bytes('BM', new Array(16).fill(0), le32(300), le32(-200 >>> 0), [0, 0, 0, 0]);
    expect(readImageSize(bmp)).toEqual({ format: 'bmp', width: 300, height: 200 });
    const riff = (chunk: string, body: number[]) => bytes('RIFF', le32(100), 'WEBP', chunk, le32(10), body, new Array(12).fill(0));
    expect(readImageSize(riff('VP8X', [0, 0, 0, 0, ...[99, 0, 0], ...[49, 0, 0]]))).toEqual({ format: 'webp', width: 100, height: 50 });
    const bits = (320 - 1) | ((240 - 1) << 14);
    expect(readImageSize(riff('VP8L', [0x2f, ...le32(bits)]))).toEqual({ format: 'webp', width: 320, height: 240 });
    expect(readImageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(800), ...le16(600)]))).toEqual({ format: 'webp', width: 800, height: 600 });
  });

  it('walks JPEG markers to the frame header', () => {
    const app0 = [0xff, 0xe0, ...be16(16), ...bytes('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
    const dqt = [0xff, 0xdb, ...be16(4), 0, 0];
    const sof2 = [0xff, 0xc2, ...be16(17), 8, ...be16(1080), ...be16(1920), 3, ...new Array(9).fill(0)];
    expect(readImageSize(Uint8Array.from([0xff, 0xd8, ...app0, 0xff, ...dqt, ...sof2])))
      .toEqual({ format: 'jpeg', width: 1920, height: 1080 });
    // a Huffman table (0xC4) is not a frame even though it sits in the SOF range
    const dht = [0xff, 0xc4, ...be16(6), 1, 2, 3, 4];
    expect(readImageSize(Uint8Array.from([0xff, 0xd8, ...dht, ...sof2]))).toEqual({ format: 'jpeg', width: 1920, height: 1080 });
  });

  it('says null for text, truncated headers and broken marker chains', () => {
    expect(readImageSize(bytes('hello world, not an image at all'))).toBeNull();
    expect(readImageSize(encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(16) }).subarray(0, 20))).toBeNull();
    expect(readImageSize(Uint8Array.from([0xff, 0xd8, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(readImageSize(new Uint8Array(0))).toBeNull();
  });
});
