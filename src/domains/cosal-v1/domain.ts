/**
 * cosal-v1 (LBIE's CoSaL benchmark, spec/shapes-v1.md) as a Domain: nine shapes, one per cell of a 3x3 grid of
 * 16 px cells, each in one of six colours. Its pack is a benchmark model with no recognizer, so the app does not
 * offer it; the CLIs and tests use this value.
 */
import type { Domain, HeadReadings, Recognition } from '../../domain/domain.ts';
import { pixelSvg } from '../../domain/pixel-svg.ts';
import { hashString, Rng } from '../../domain/rng.ts';
import type { LanguageSchema } from '../../domain/schema.ts';
import type { Scene } from '../../domain/scene.ts';
import { COSAL_COLORS, COSAL_SHAPES, COSAL_SIZE, renderCosal, type CosalColor, type CosalShape } from './cosal.ts';

/** A cosal-v1 object and scene. */
export type CosalObject = { shape: CosalShape; color: CosalColor };
export type CosalScene = Scene<CosalObject>;

const NAME = 'cosal-v1';
const self = (vs: readonly string[]) => Object.fromEntries(vs.map((v) => [v, [v]]));

const LANGUAGE: LanguageSchema = {
  domain: NAME,
  grid: { rows: 3, cols: 3 },
  attributes: [
    { name: 'shape', values: COSAL_SHAPES, noun: true, words: self(COSAL_SHAPES), nouns: ['shape'] },
    { name: 'color', values: COSAL_COLORS, words: self(COSAL_COLORS), nouns: ['color', 'colour'] },
  ],
  synonyms: { values: {}, ambiguous: {}, unavailable: {}, verbs: {} },
  colloquial: {},
};

/** Why a value is not a cosal-v1 scene: nine cells, each a distinct shape with a colour. */
export function cosalSceneProblem(v: unknown, where = 'scene'): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${where} must be an object`;
  const s = v as { domain?: unknown; cells?: unknown };
  if (s.domain !== NAME) return `${where}.domain must be "${NAME}" (got ${JSON.stringify(s.domain)})`;
  if (!Array.isArray(s.cells) || s.cells.length !== 9) return `${where}.cells must be an array of 9 entries`;
  const seen = new Set<string>();
  for (const [i, c] of s.cells.entries()) {
    const o = c as Partial<CosalObject> | null;
    if (!o || !COSAL_SHAPES.includes(o.shape!) || !COSAL_COLORS.includes(o.color!)) return `${where}.cells[${i}] must be a CoSaL shape with a colour`;
    if (seen.has(o.shape!)) return `${where}.cells[${i}]: the shape "${o.shape}" is already in the scene`;
    seen.add(o.shape!);
  }
  return null;
}

// The renderer's jitter is seeded by a record id; a scene's id is its own JSON, so the same scene draws the same.
function renderRgba(scene: CosalScene): Uint8ClampedArray {
  const { tgt } = renderCosal({ id: `scene:${hashString(JSON.stringify(scene.cells))}`, cells: scene.cells.map((c) => c!), sentences: [] });
  const out = new Uint8ClampedArray(COSAL_SIZE * COSAL_SIZE * 4);
  for (let p = 0; p < COSAL_SIZE * COSAL_SIZE; p++) out.set([tgt[p * 3]!, tgt[p * 3 + 1]!, tgt[p * 3 + 2]!, 255], p * 4);
  return out;
}

// Heads as for shapes-v1: shape class 0 is an empty cell, then the colour.
function readScene({ cells: n, heads }: HeadReadings): Recognition<CosalScene> {
  const { shape, color } = heads;
  if (!shape || !color) throw new RangeError('a cosal-v1 recognizer has "shape" and "color" heads');
  const cells = Array.from({ length: n }, (_, c) =>
    shape.index[c] === 0 ? null : { shape: COSAL_SHAPES[shape.index[c]! - 1]!, color: COSAL_COLORS[color.index[c]!]! });
  const confidence = cells.map((o, c) => (o ? Math.min(shape.p[c]!, color.p[c]!) : shape.p[c]!));
  return { scene: { domain: NAME, cells }, confidence };
}

function randomScene(seed: number): CosalScene {
  const rng = new Rng(seed);
  return { domain: NAME, cells: rng.shuffle(COSAL_SHAPES).map((shape) => ({ shape, color: rng.pick(COSAL_COLORS) })) };
}

/** Parley holds no conversation about cosal-v1 pictures: it has no dialogue rules (`never`). */
export const COSAL_V1: Domain<CosalScene, never> = {
  name: NAME,
  imageSize: COSAL_SIZE,
  language: LANGUAGE,
  cellNames: ['top left', 'top middle', 'top right', 'middle left', 'center', 'middle right', 'bottom left', 'bottom middle', 'bottom right'],
  emptyScene: () => ({ domain: NAME, cells: Array.from({ length: 9 }, () => null) }),
  sceneProblem: cosalSceneProblem,
  renderRgba,
  renderSvg: (scene) => pixelSvg(renderRgba(scene), COSAL_SIZE),
  readScene,
  randomScene,
  examples: [{ id: 'cosal-seed-1', title: 'A CoSaL grid', scene: randomScene(1) }],
  words: { picture: 'CoSaL grid', kind: 'nine coloured shapes on a 3x3 grid of 16-pixel cells', startHint: 'Start from a CoSaL grid; then say which shape gets which colour.' },
};
