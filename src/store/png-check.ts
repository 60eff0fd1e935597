/**
 * A structural check of PNG bytes without decoding them: the signature, an IHDR chunk first, at least one IDAT,
 * every chunk's CRC, and a chain of chunk lengths that ends exactly at IEND. Catches a file that is only a signature, a truncated
 * picture, or one of another size than the session says, before anything is stored.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks use it, of bytes[from, to) (the Node PNG codec uses it too). */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Width and height of well-formed PNG bytes, or the reason they are not a PNG. */
export function pngHeader(bytes: Uint8Array): { width: number; height: number } | { problem: string } {
  if (bytes.length < 8 || !SIGNATURE.every((b, i) => bytes[i] === b)) return { problem: 'is not a PNG image' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  let at = 8;
  let size: { width: number; height: number } | null = null;
  let data = false;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const kind = type(at + 4);
    if (at + 12 + length > bytes.length) return { problem: `is a truncated PNG (its ${kind} chunk runs past the end)` };
    if (crc32(bytes, at + 4, at + 8 + length) !== view.getUint32(at + 8 + length)) return { problem: `is a corrupt PNG (its ${kind} chunk fails its checksum)` };
    if (size === null) {
      if (kind !== 'IHDR' || length !== 13) return { problem: 'is not a PNG image (it does not start with a header chunk)' };
      size = { width: view.getUint32(at + 8), height: view.getUint32(at + 12) };
    }
    if (kind === 'IDAT') data = true;
    at += 12 + length;
    if (kind === 'IEND') {
      if (!data) return { problem: 'is a PNG with no image data' };
      return at === bytes.length ? size : { problem: 'has bytes after the end of its PNG image' };
    }
  }
  return { problem: size ? 'is a truncated PNG (it has no end chunk)' : 'is not a PNG image (it is only a signature)' };
}
