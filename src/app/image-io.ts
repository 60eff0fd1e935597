/** Decoding user images safely and converting between pixels, canvases and PNG blobs. */
import { InputError } from '../../workers/errors.ts';
import type { ImageCodec } from '../store/node-store.ts';
import { readImageSize } from './image-header.ts';

/** Files bigger than this are refused before decoding (a picture for a 64 px model never needs more). */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;
/** Decoded images wider or taller than this are refused (decoding them could exhaust memory). */
export const MAX_SIDE = 16384;
/** Decoded images with more pixels than this are refused (64 MP decode to 256 MB of RGBA). */
export const MAX_PIXELS = 64 * 1024 * 1024;

function refuseHuge(width: number, height: number): void {
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new InputError(`That image is too large (${width}x${height}; the limit is ${MAX_SIDE} px a side and ${MAX_PIXELS / 1048576} megapixels).`);
  }
}

/** Decodes a picked, dropped or pasted file, with a specific message for each way it can be bad. */
export async function decodeImage(file: Blob): Promise<ImageBitmap> {
  if (file.size === 0) throw new InputError('That file is empty (0 bytes).');
  if (file.size > MAX_FILE_BYTES) {
    throw new InputError(`That file is too large (${(file.size / 1048576).toFixed(1)} MB; the limit is 40 MB).`);
  }
  if (file.type && !file.type.startsWith('image/')) {
    throw new InputError(`That is not an image (${file.type}). Try a PNG, JPEG, WebP or GIF.`);
  }
  const header = readImageSize(new Uint8Array(await file.slice(0, 65536).arrayBuffer()));
  if (header) refuseHuge(header.width, header.height); // before decoding: a small file can decode to gigabytes
  if (header && (header.width === 0 || header.height === 0)) throw new InputError('That image has no pixels (zero size).');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new InputError('That image could not be decoded: the file is corrupt or in an unsupported format.');
  }
  if (bitmap.width === 0 || bitmap.height === 0) throw new InputError('That image has no pixels (zero size).');
  try {
    refuseHuge(bitmap.width, bitmap.height); // formats whose header we do not read
  } catch (e) {
    bitmap.close();
    throw e;
  }
  return bitmap;
}

/** Center-crops to a square and resamples to `size` x `size` RGBA on white (transparent pixels become white). */
export function toSquarePixels(bitmap: ImageBitmap, size: number): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  const side = Math.min(bitmap.width, bitmap.height);
  const sx = (bitmap.width - side) / 2;
  const sy = (bitmap.height - side) / 2;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, sx, sy, side, side, 0, 0, size, size);
  return ctx.getImageData(0, 0, size, size).data;
}

/** Encodes RGBA pixels as a PNG blob. */
export async function pixelsToPng(pixels: Uint8ClampedArray, width: number, height = width): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** Decodes a stored PNG blob back to RGBA pixels at its own size. */
export async function pngToPixels(blob: Blob): Promise<{ pixels: Uint8ClampedArray; width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const { width, height } = bitmap;
  bitmap.close();
  return { pixels: ctx.getImageData(0, 0, width, height).data, width, height };
}

/** The browser's PNG codec for the session store (canvas encode, ImageBitmap decode). */
export const canvasCodec: ImageCodec = {
  encode: (pixels, size) => pixelsToPng(pixels, size),
  decode: async (blob) => {
    try {
      return (await pngToPixels(blob)).pixels;
    } catch {
      throw new InputError('A stored picture could not be decoded: it is corrupt.');
    }
  },
};

/** Resamples square RGBA pixels from `from` to `to` pixels a side (examples are drawn at 64, a pack may differ). */
export async function resizePixels(pixels: Uint8ClampedArray, from: number, to: number): Promise<Uint8ClampedArray> {
  if (from === to) return pixels;
  const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(pixels), from, from));
  try {
    return toSquarePixels(bitmap, to);
  } finally {
    bitmap.close();
  }
}
