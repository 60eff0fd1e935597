/** Reads a shapes-v1 scene off pixels with the pack's recognizer graph (on WASM: it is tiny and runs once a turn). */
import { COLORS, SHAPES, SIZES, TEXTURES, type Scene, type SceneObject } from '../../src/domains/shapes-v1/scene.ts';
import { InputError } from '../errors.ts';
import { createSession, ort, type OrtSession } from './ort.ts';
import { rgbaToPlanar } from './turn-io.ts';

/** A recognized scene with the probability of the top reading of each cell (1 = certain). */
export interface RecognizedScene {
  scene: Scene;
  confidence: number[];
}

function softmaxArgmax(logits: Float32Array, offset: number, n: number): { index: number; p: number } {
  let best = 0;
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (logits[offset + k]! > max) [max, best] = [logits[offset + k]!, k];
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(logits[offset + k]! - max);
  return { index: best, p: 1 / sum };
}

export class SceneRecognizer {
  private constructor(
    private readonly session: OrtSession,
    private readonly size: number,
  ) {}

  static async create(graph: Uint8Array, size: number): Promise<SceneRecognizer> {
    return new SceneRecognizer(await createSession(graph, 'wasm'), size);
  }

  /** Per cell: shape-or-empty, then color, size and texture when not empty. */
  async recognize(image: Uint8ClampedArray, size: number): Promise<RecognizedScene> {
    if (size !== this.size || image.length !== size * size * 4) {
      throw new InputError(`The recognizer reads ${this.size}x${this.size} images; got ${size}x${size}.`);
    }
    const out = await this.session.run({ image: new ort.Tensor('float32', rgbaToPlanar(image, size), [1, 3, size, size]) });
    const head = (name: string) => out[name]!.data as Float32Array;
    const cells: (SceneObject | null)[] = [];
    const confidence: number[] = [];
    for (let c = 0; c < 9; c++) {
      const shape = softmaxArgmax(head('shape'), c * 9, 9);
      if (shape.index === 0) {
        cells.push(null);
        confidence.push(shape.p);
        continue;
      }
      const color = softmaxArgmax(head('color'), c * 8, 8);
      const sz = softmaxArgmax(head('size'), c * 3, 3);
      const texture = softmaxArgmax(head('texture'), c * 3, 3);
      cells.push({ shape: SHAPES[shape.index - 1]!, color: COLORS[color.index]!, size: SIZES[sz.index]!, texture: TEXTURES[texture.index]! });
      confidence.push(Math.min(shape.p, color.p, sz.p, texture.p));
    }
    return { scene: { domain: 'shapes-v1', cells }, confidence };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
