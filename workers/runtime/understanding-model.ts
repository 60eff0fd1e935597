/** Runs the pack's understanding tagger (on WASM: a few hundred kFLOP a turn, never worth a GPU round trip). */
import type { TaggerInput, TaggerOutput } from '../engine.ts';
import { InputError } from '../errors.ts';
import { createSession, ort, type OrtSession } from './ort.ts';

/** Longest input the graph is fed (context token included); mirrors src/understanding/features.ts. */
const MAX_LEN = 48;
const NGRAMS = 12;

export class UnderstandingModel {
  private constructor(
    private readonly session: OrtSession,
    readonly vocab: readonly string[],
  ) {}

  static async create(graph: Uint8Array, vocab: readonly string[]): Promise<UnderstandingModel> {
    return new UnderstandingModel(await createSession(graph, 'wasm'), vocab);
  }

  /** Probabilities per position (the context token first) for tags, clause operations and clause starts. */
  async run(input: TaggerInput): Promise<TaggerOutput> {
    const n = input.length;
    if (!(Number.isInteger(n) && n >= 1 && n <= MAX_LEN) || input.words.length < n || input.ngrams.length < n * NGRAMS) {
      throw new InputError(`The understanding model reads 1 to ${MAX_LEN} tokens; got ${n}.`);
    }
    const out = await this.session.run({
      words: new ort.Tensor('int32', input.words.slice(0, n), [1, n]),
      ngrams: new ort.Tensor('int32', input.ngrams.slice(0, n * NGRAMS), [1, n, NGRAMS]),
    });
    const get = (name: string) => Float32Array.from(out[name]!.data as Float32Array);
    return { tags: get('tags'), ops: get('ops'), starts: get('starts') };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
