/** The editing engine contract, implemented in-process (tests, CLI) and by the worker proxy (app). */

import type { HeadReadings } from '../src/domain/domain.ts';
import type { Grid } from '../src/domain/grid.ts';

/** Which compute path runs the models. */
export type BackendKind = 'webgpu' | 'wasm';
/** The user's preference; `auto` measures both on load and keeps the faster. */
export type BackendChoice = BackendKind | 'auto';

/** What the engine runs on, shown in the UI's backend badge. */
export interface EngineInfo {
  backend: BackendKind | 'none';
  /** GPU adapter description (vendor / architecture / device), or why there is none. */
  adapter: string;
  webgpuAvailable: boolean;
  ortVersion: string;
  pack: string | null;
  /** Side of the square images the loaded pack edits. */
  imageSize: number | null;
  /** Per-backend warm-up timings in ms when `auto` compared them. */
  timings?: Partial<Record<BackendKind, number>>;
}

/** Progress of a long call (pack download, warm-up). */
export interface Progress {
  stage: string;
  loaded: number;
  total: number;
}
export type ProgressFn = (p: Progress) => void;

/** Options for `load`. */
export interface LoadOptions {
  packUrl: string;
  backend?: BackendChoice;
  /** The domain the caller can edit; a pack for another one is refused before its files are fetched. */
  expectedDomain?: string;
}

/** One edit turn's input: the image to edit, the resolved instruction and the tracker state from the last turn. */
export interface EditRequest {
  /** RGBA pixels, `size * size * 4`, row-major. */
  image: Uint8ClampedArray;
  size: number;
  text: string;
  /** Dialogue-state vector from the previous turn, or null at the start of a session. */
  state: Float32Array | null;
  /**
   * The scene cells the caller keeps of the result (confine.ts), if it keeps only some: outside them the result is
   * the source picture with mask 0, and the WASM path decodes only these cells (plus their halo).
   */
  keep?: { grid: Grid; cells: readonly number[] };
}

/** One edit turn's result. */
export interface EditResult {
  image: Uint8ClampedArray;
  /** Edit mask in [0,1], `size * size`. */
  mask: Float32Array;
  /** Per-word attention over regions, `(words, grid*grid)` row-major, at each region's final step. */
  attention: Float32Array;
  words: string[];
  /** Fusion steps used per region, `grid * grid`. */
  steps: Uint8Array;
  grid: number;
  state: Float32Array;
  timings: Record<string, number>;
  backend: BackendKind;
}

/** One turn for the understanding tagger: ids from src/understanding/features.ts, the context token first. */
export interface TaggerInput {
  words: Int32Array;
  ngrams: Int32Array;
  length: number;
}

/** The tagger's probabilities per position, row-major: tags (13), clause operations (19), clause starts (2). */
export interface TaggerOutput {
  tags: Float32Array;
  ops: Float32Array;
  starts: Float32Array;
}

/** The engine every caller programs against. */
export interface Engine {
  info(): Promise<EngineInfo>;
  load(options: LoadOptions, onProgress?: ProgressFn, signal?: AbortSignal): Promise<EngineInfo>;
  edit(request: EditRequest, signal?: AbortSignal): Promise<EditResult>;
  /** Runs the pack's recognizer on an RGBA image at the pack's size; the domain turns its heads into a scene. */
  recognize(image: Uint8ClampedArray, size: number): Promise<HeadReadings>;
  /** The pack's understanding vocabulary (null when the pack has no understanding graph). */
  understandingVocab(): Promise<string[] | null>;
  /** Runs the pack's understanding tagger on one turn. */
  understand(input: TaggerInput): Promise<TaggerOutput>;
  dispose(): Promise<void>;
}
