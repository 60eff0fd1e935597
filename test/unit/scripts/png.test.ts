import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, decodePng, encodePng } from '../../../scripts/lib/png.ts';

describe('png codec', () => {
  it('round-trips RGBA pixels exactly', () => {
    const data = new Uint8ClampedArray(5 * 3 * 4).map((_, i) => (i * 37) % 256);
    const back = decodePng(encodePng({ width: 5, height: 3, data }));
    expect(back.width).toBe(5);
    expect(back.height).toBe(3);
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('reads a PNG written by Chromium (filtered rows)', () => {
    const icon = decodePng(readFileSync('public/icons/icon-192.png'));
    expect(icon.width).toBe(192);
    const px = (x: number, y: number) => Array.from(icon.data.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4));
    expect(px(40, 5)).toEqual([0x39, 0x49, 0xab, 255]); // the indigo background
  });

  it('reads an 8-bit grayscale PNG', () => {
    const head = Buffer.from('89504e470d0a1a0a', 'hex');
    const chunk = (type: string, body: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(body.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), body])));
      return Buffer.concat([len, Buffer.from(type), body, crc]);
    };
    const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    const png = Buffer.concat([head, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 10, 200]))), chunk('IEND', Buffer.alloc(0))]);
    expect(Array.from(decodePng(png).data)).toEqual([10, 10, 10, 255, 200, 200, 200, 255]);
  });

  it('names what is wrong with a bad file', () => {
    const good = encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(16) });
    expect(() => decodePng(new TextEncoder().encode('GIF89a'))).toThrow(/not a PNG/);
    const flipped = Buffer.from(good);
    flipped[20] ^= 0xff;
    expect(() => decodePng(flipped)).toThrow(/CRC mismatch/);
    expect(() => decodePng(good.subarray(0, good.length - 20))).toThrow(/truncated/);
  });
});
