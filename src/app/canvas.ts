/** Drawing RGBA pixels onto canvases (the CSS upscales them crisply with `image-rendering: pixelated`). */

/** Resizes `canvas` to `size` x `size` and draws `pixels`, or leaves it clear when there are none. */
export function paint(canvas: HTMLCanvasElement, pixels: Uint8ClampedArray | null, size: number): void {
  canvas.width = size; // also clears it
  canvas.height = size;
  if (!pixels) return;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(pixels), size, size), 0, 0);
}
