/**
 * avatars-v1 (docs/avatars-v1.md): a cartoon portrait with fourteen attributes, as one Domain value. Its dialogue
 * rules, recognizer and pack are issue 26's next steps; until then no pack offers it, so the app does not either.
 */
import type { Domain, HeadReadings, Recognition } from '../../domain/domain.ts';
import { pixelSvg } from '../../domain/pixel-svg.ts';
import { Rng } from '../../domain/rng.ts';
import { AVATARS_LANGUAGE } from './language.ts';
import { renderAvatarRgba } from './raster.ts';
import { ATTRIBUTE_VALUES, ATTRIBUTES, DEFAULT_AVATAR, DOMAIN, IMAGE_SIZE, emptyScene, sceneProblem, type Avatar, type Scene } from './scene.ts';

/** A random avatar: each attribute uniform over its values, from a seed. */
export function randomAvatar(seed: number): Scene {
  const rng = new Rng(seed);
  const a = Object.fromEntries(ATTRIBUTES.map((k) => [k, rng.pick(ATTRIBUTE_VALUES[k])])) as Avatar;
  return { domain: DOMAIN, cells: [a] };
}

/** One head per attribute, over one cell; the avatar's confidence is its least sure head. */
function readScene({ cells, heads }: HeadReadings): Recognition<Scene> {
  if (cells !== 1) throw new RangeError(`an avatars-v1 recognizer reads one avatar, not ${cells} cells`);
  const a: Record<string, string> = {};
  let p = 1;
  for (const k of ATTRIBUTES) {
    const h = heads[k];
    if (!h) throw new RangeError(`the recognizer has no "${k}" head`);
    const value = ATTRIBUTE_VALUES[k][h.index[0]!];
    if (value === undefined) throw new RangeError(`the "${k}" head read class ${h.index[0]}, which avatars-v1 does not have`);
    a[k] = value;
    p = Math.min(p, h.p[0]!);
  }
  return { scene: { domain: DOMAIN, cells: [a as Avatar] }, confidence: [p] };
}

const avatar = (title: string, id: string, v: Partial<Avatar>) => ({ id, title, scene: { domain: DOMAIN, cells: [{ ...DEFAULT_AVATAR, ...v }] } as Scene });

export const AVATARS_V1: Domain<Scene, never> = {
  name: DOMAIN,
  imageSize: IMAGE_SIZE,
  language: AVATARS_LANGUAGE,
  cellNames: ['picture'],
  emptyScene,
  sceneProblem,
  renderRgba: renderAvatarRgba,
  renderSvg: (scene) => pixelSvg(renderAvatarRgba(scene), IMAGE_SIZE),
  readScene,
  randomScene: randomAvatar,
  examples: [
    avatar('Sam', 'sam', {}),
    avatar('Ada', 'ada', { face_shape: 'round', skin_tone: 'dark', hair_length: 'long', hair_style: 'curly', hair_color: 'black', eye_color: 'green', expression: 'grin', glasses: 'round', earrings: 'hoops', clothing_color: 'yellow', background: 'sky' }),
    avatar('Rory', 'rory', { face_shape: 'square', skin_tone: 'porcelain', hair_style: 'spiky', hair_color: 'red', eyebrows: 'thick', expression: 'neutral', facial_hair: 'beard', headwear: 'cap', clothing_color: 'white', background: 'mint' }),
    avatar('Kai', 'kai', { face_shape: 'long', skin_tone: 'tan', hair_length: 'bald', eyebrows: 'arched', glasses: 'sunglasses', facial_hair: 'mustache', earrings: 'studs', headwear: 'beanie', clothing_color: 'black', background: 'lavender' }),
  ],
  words: { picture: 'avatar', kind: 'cartoon portraits drawn like the examples', startHint: 'Start from a random avatar or an example; then say what to change.' },
};
