/** What every pipeline needs from a verified pack: dimensions, tokenizer, kernel weights, graph bytes. */
import { KernelWeights, type KernelLayout } from '../kernels/weights.ts';
import type { KernelDims } from '../kernels/dims.ts';
import type { StopRule } from '../kernels/fusion/fusion.ref.ts';
import { PackError, InputError } from '../errors.ts';
import { words as splitWords } from '../../src/domain/words.ts';
import type { LoadedPack } from './pack-loader.ts';

/** The graphs a pack must ship for editing (the recognizer is optional here). */
export const EDIT_GRAPHS = ['text_encoder', 'image_encoder', 'decoder'] as const;
export type EditGraph = (typeof EDIT_GRAPHS)[number];

/** A pack decoded for running. */
export interface PackModel {
  name: string;
  size: number;
  dims: KernelDims;
  maskLo: number;
  maskHi: number;
  /** When fusion regions stop: config.use_termination and config.stop_threshold. */
  stop: StopRule;
  weights: KernelWeights;
  graphs: Record<EditGraph, Uint8Array>;
  /** The decoder on a window (models/decoder.py `Decoder.window`), in packs exported with it. */
  decoderCrop?: Uint8Array;
  tokenize(text: string): { ids: BigInt64Array; len: number; words: string[] };
}

function num(config: Record<string, unknown>, key: string): number {
  const v = config[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new PackError(`manifest config.${key} must be a number`);
  return v;
}

/** config.stop_threshold, which the termination gate's p is compared with (models/model.py), strictly inside (0, 1). */
function stopThreshold(config: Record<string, unknown>): number {
  const v = config.stop_threshold;
  if (typeof v !== 'number' || !(v > 0 && v < 1)) {
    const got = v === undefined ? 'it is missing' : `got ${JSON.stringify(v)}`;
    throw new PackError(`manifest config.stop_threshold must be a number between 0 and 1, exclusive (${got})`);
  }
  return v;
}

/** Decodes a verified pack; throws `PackError` when it lacks something the runtime needs. */
export function packModel(pack: LoadedPack): PackModel {
  const m = pack.manifest;
  const c = m.config as Record<string, unknown>;
  for (const flag of ['use_attention', 'use_memory', 'use_tracker', 'use_mask'] as const) {
    // Ablation packs exist only for evaluation in models/; the app runs the full model.
    if (c[flag] === false) throw new PackError(`Pack "${m.name}" is an ablation (${flag} off) and cannot run in the app`);
  }
  const dims: KernelDims = {
    L: m.tokenizer.max_len, K: num(c, 'K'), D: num(c, 'D'), G: num(c, 'G'), Ms: num(c, 'Ms'), H: num(c, 'H'), T: num(c, 'T'),
  };
  const file = (name: string) => pack.files.get(name)!;
  let layout: KernelLayout;
  let vocab: string[];
  try {
    layout = JSON.parse(new TextDecoder().decode(file(m.kernels.layout)));
    vocab = JSON.parse(new TextDecoder().decode(file(m.tokenizer.vocab)));
  } catch (e) {
    throw new PackError(`Pack "${m.name}" has unreadable JSON: ${(e as Error).message}`);
  }
  const blob = file(m.kernels.blob);
  let weights: KernelWeights;
  try {
    weights = new KernelWeights(blob.slice().buffer, layout);
  } catch (e) {
    throw new PackError(`Pack "${m.name}": ${(e as Error).message}`);
  }
  const graphs = {} as Record<EditGraph, Uint8Array>;
  for (const g of EDIT_GRAPHS) {
    if (!m.graphs[g]) throw new PackError(`Pack "${m.name}" has no ${g} graph`);
    graphs[g] = file(m.graphs[g].file);
  }
  const ids = new Map(vocab.map((w, i) => [w, i]));
  const L = dims.L;
  return {
    name: m.name, size: m.image_size, dims, weights, graphs,
    ...(m.graphs.decoder_crop ? { decoderCrop: file(m.graphs.decoder_crop.file) } : {}),
    maskLo: num(c, 'mask_lo'), maskHi: num(c, 'mask_hi'),
    stop: { adaptive: c.use_termination !== false, threshold: stopThreshold(c) },
    tokenize(text) {
      const words = splitWords(text).slice(0, L);
      if (words.length === 0) throw new InputError('The instruction has no words the model can read.');
      const out = new BigInt64Array(L);
      words.forEach((w, i) => (out[i] = BigInt(ids.get(w) ?? 1)));
      return { ids: out, len: words.length, words };
    },
  };
}
