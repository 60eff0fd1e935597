/**
 * Is a picture one the pack can edit? The recognizer always reads some scene, and reads photographs and noise
 * with high confidence too, so confidence cannot tell. Redrawing the scene it read and comparing with the pixels
 * can: a scene of the pack's kind redraws almost exactly (measured: rendered scenes 0, the model's own outputs
 * 0.1 to 2.4, scenes with heavy noise about 6 levels of 255 on average), anything else does not (noise 77,
 * gradients 59, photo-like blobs 59, the app's icon 75). Only the mean decides: one cell the recognizer misreads
 * (1 of 500 generated scenes, mean 5.1) looks like a foreign patch in that cell, and must not refuse a real scene.
 */
import { ParleyError } from '../../workers/errors.ts';
import type { Domain } from '../domain/domain.ts';
import type { Scene } from '../domain/scene.ts';

/** Mean absolute difference (0..255 per channel) above which a picture is not a scene of the pack's kind. */
export const FIT_LIMITS = { mean: 16 } as const;

/** How far the picture is from a redrawing of the scene read in it: overall and in its worst grid cell. */
export function sceneFit(domain: Domain, pixels: Uint8ClampedArray, scene: Scene): { mean: number; worstCell: number } {
  const drawn = domain.renderRgba(scene);
  const { rows, cols } = domain.language.grid ?? { rows: 1, cols: 1 };
  const size = domain.imageSize;
  const sums = new Float64Array(rows * cols);
  const counts = new Float64Array(rows * cols);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cell = Math.min(rows - 1, Math.floor((y * rows) / size)) * cols + Math.min(cols - 1, Math.floor((x * cols) / size));
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) sums[cell] += Math.abs(pixels[i + k]! - drawn[i + k]!);
      counts[cell] += 3;
    }
  }
  const mean = sums.reduce((a, b) => a + b, 0) / counts.reduce((a, b) => a + b, 0);
  return { mean, worstCell: Math.max(...sums.map((s, c) => s / counts[c]!)) };
}

/** A picture outside the pack's domain; carries the scene read in it, the closest thing Parley can offer. */
export class NotEditableError extends ParleyError {
  override name = 'NotEditableError';
  constructor(
    message: string,
    readonly scene: Scene,
  ) {
    super(message);
  }
}

/** Throws NotEditableError unless `pixels` (at the pack's size) redraw closely from `scene`. */
export function checkSceneFit(domain: Domain, pixels: Uint8ClampedArray, size: number, scene: Scene): void {
  if (size !== domain.imageSize) return; // packs at other sizes draw differently; they bring their own check
  const { mean } = sceneFit(domain, pixels, scene);
  if (mean <= FIT_LIMITS.mean) return;
  throw new NotEditableError(
    `This picture is not one Parley can edit: its model knows only ${domain.words.kind}, ` +
      `and what it reads in this picture redraws ${mean.toFixed(0)} levels away from it on average (a scene of its kind: under ${FIT_LIMITS.mean}). ` +
      'You can start from the scene it read instead, or from an example.',
    scene,
  );
}
