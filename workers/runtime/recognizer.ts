/**
 * Runs the pack's recognizer graph (on WASM: it is tiny and runs once a turn) and reports, per output head and
 * cell, the top class and its probability. Which head means what is the domain's business (Domain.readScene).
 */
import type { HeadReadings } from '../../src/domain/domain.ts';
import { InputError } from '../errors.ts';
import { createSession, ort, type OrtSession } from './ort.ts';
import { rgbaToPlanar } from './turn-io.ts';

function softmaxArgmax(logits: Float32Array, offset: number, n: number): { index: number; p: number } {
  let best = 0;
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (logits[offset + k]! > max) [max, best] = [logits[offset + k]!, k];
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(logits[offset + k]! - max);
  return { index: best, p: 1 / sum };
}

export class Recognizer {
  private constructor(
    private readonly session: OrtSession,
    private readonly size: number,
  ) {}

  static async create(graph: Uint8Array, size: number): Promise<Recognizer> {
    return new Recognizer(await createSession(graph, 'wasm'), size);
  }

  /** Every head's output is (1, cells, classes) logits. */
  async recognize(image: Uint8ClampedArray, size: number): Promise<HeadReadings> {
    if (size !== this.size || image.length !== size * size * 4) {
      throw new InputError(`The recognizer reads ${this.size}x${this.size} images; got ${size}x${size}.`);
    }
    const out = await this.session.run({ image: new ort.Tensor('float32', rgbaToPlanar(image, size), [1, 3, size, size]) });
    const heads: Record<string, { index: number[]; p: number[] }> = {};
    let cells = 0;
    for (const name of this.session.outputNames) {
      const t = out[name]!;
      const [n, k] = [t.dims.at(-2)!, t.dims.at(-1)!];
      cells = n;
      const logits = t.data as Float32Array;
      const index: number[] = [];
      const p: number[] = [];
      for (let c = 0; c < n; c++) {
        const top = softmaxArgmax(logits, c * k, k);
        index.push(top.index);
        p.push(top.p);
      }
      heads[name] = { index, p };
    }
    return { cells, heads };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
