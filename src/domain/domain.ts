/**
 * A domain: everything Parley knows about one kind of picture, as one value. The generic layers (dialogue,
 * conversation, worker, store, CLIs, UI) take a Domain as an argument and never import one; each domain is a
 * folder under src/domains/ (ARCHITECTURE.md "Domains"), and src/domains/index.ts lists them for the app and CLIs.
 */
import type { LanguageSchema } from './schema.ts';
import type { Scene } from './scene.ts';

/** What the recognizer graph read, per head (one per attribute) and cell: the top class and its probability. */
export interface HeadReadings {
  cells: number;
  heads: Readonly<Record<string, { index: readonly number[]; p: readonly number[] }>>;
}

/** A scene read off pixels, with the probability of the top reading of each cell (1 = certain). */
export interface Recognition<S extends Scene = Scene> {
  scene: S;
  confidence: number[];
}

/** A built-in starting scene with a title for the picker. */
export interface Example<S extends Scene = Scene> {
  id: string;
  title: string;
  scene: S;
}

/** The words the UI uses for the domain's things. */
export interface UiWords {
  /** What a picture of the domain is ("scene", "avatar"). */
  picture: string;
  /** What its pictures show, for a reply that refuses another kind of picture. */
  kind: string;
  /** The hint on an empty page. */
  startHint: string;
}

/**
 * `D` is the type of the `dialogue` field, which the dialogue layer defines (src/dialogue/dialogue-domain.ts): the core
 * sits below it and names no dialogue type.
 */
export interface Domain<S extends Scene = Scene, D = unknown> {
  /** The tag in every scene and in a pack's manifest ("shapes-v1"). */
  name: string;
  /** Side of the square picture the renderer draws and the models read, in pixels. */
  imageSize: number;
  /** The attribute schema and its words, and the grid objects sit on (understanding reads the domain through it). */
  language: LanguageSchema;
  /** Place names of the cells, row-major, as replies say them ("in the top left"). */
  cellNames: readonly string[];
  emptyScene(): S;
  /** Why a parsed JSON value is not a valid scene of the domain, or null when it is one. */
  sceneProblem(json: unknown, where?: string): string | null;
  /** The deterministic renderer: the same RGBA pixels in Node and the browser. */
  renderRgba(scene: S): Uint8ClampedArray;
  /** The same picture as SVG, for previews. */
  renderSvg(scene: S): string;
  /** The scene the recognizer's heads read. */
  readScene(readings: HeadReadings): Recognition<S>;
  /**
   * The recognizer's reading `seen` of `image` (at imageSize), changed where a model-free check of the pixels
   * against the render of `expected` finds what the recognizer missed, so that touch-ups fix it too (issue 28).
   */
  judgeReading?(image: Uint8ClampedArray, expected: S, seen: S): S;
  /** A random scene to start from; the same seed gives the same scene. */
  randomScene(seed: number): S;
  examples: readonly Example<S>[];
  words: UiWords;
  /** What the dialogue layer needs to hold a conversation about the domain's pictures; absent when it cannot. */
  dialogue?: D;
}
