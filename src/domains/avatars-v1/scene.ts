/** The avatars-v1 scene model (docs/avatars-v1.md): one cartoon portrait, one value per attribute. */
import { isObject, oneOf } from '../../domain/json-checks.ts';
import type { Scene as CoreScene } from '../../domain/scene.ts';

/** Domain tag written in every scene. */
export const DOMAIN = 'avatars-v1';
/** Image side in pixels. */
export const IMAGE_SIZE = 128;

// Value orders are the recognizer's class orders and, for ordered attributes, light/short/sad first; never reorder.
/** Every attribute with its values, in the scene JSON's key order. */
export const ATTRIBUTE_VALUES = {
  face_shape: ['oval', 'round', 'square', 'long'],
  skin_tone: ['porcelain', 'fair', 'olive', 'tan', 'brown', 'dark'],
  hair_length: ['bald', 'short', 'medium', 'long'],
  hair_style: ['straight', 'curly', 'spiky'],
  hair_color: ['platinum', 'blonde', 'red', 'auburn', 'brown', 'black'],
  eye_color: ['brown', 'hazel', 'green', 'blue', 'gray'],
  eyebrows: ['thin', 'thick', 'arched'],
  expression: ['frown', 'neutral', 'smile', 'grin'],
  glasses: ['none', 'round', 'square', 'sunglasses'],
  facial_hair: ['none', 'stubble', 'mustache', 'beard'],
  headwear: ['none', 'cap', 'beanie', 'headband'],
  earrings: ['none', 'studs', 'hoops'],
  clothing_color: ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'gray', 'black', 'white'],
  background: ['white', 'sky', 'mint', 'peach', 'lavender', 'gray'],
} as const;

/** An attribute name. */
export type Attribute = keyof typeof ATTRIBUTE_VALUES;
/** The attributes in the scene JSON's key order. */
export const ATTRIBUTES = Object.keys(ATTRIBUTE_VALUES) as Attribute[];
/** Attributes whose values are in order (darker skin, longer hair, darker hair, more of a smile). */
export const ORDERED: ReadonlySet<Attribute> = new Set(['skin_tone', 'hair_length', 'hair_color', 'expression']);

/** One avatar: a value for every attribute (a type, not an interface, so it is a generic SceneObject too). */
export type Avatar = { [A in Attribute]: (typeof ATTRIBUTE_VALUES)[A][number] };

/** An avatars-v1 scene: exactly one cell, holding the avatar. */
export interface Scene extends CoreScene<Avatar> {
  domain: typeof DOMAIN;
}

/** The avatar a new picture starts from (docs/avatars-v1.md "Scene JSON"). */
export const DEFAULT_AVATAR: Avatar = {
  face_shape: 'oval', skin_tone: 'fair', hair_length: 'short', hair_style: 'straight', hair_color: 'brown',
  eye_color: 'brown', eyebrows: 'thin', expression: 'smile', glasses: 'none', facial_hair: 'none', headwear: 'none',
  earrings: 'none', clothing_color: 'blue', background: 'white',
};

/** A scene holding the default avatar (an avatar picture always shows someone). */
export function emptyScene(): Scene {
  return { domain: DOMAIN, cells: [{ ...DEFAULT_AVATAR }] };
}

/** Why a value is not an avatars-v1 scene, or null when it is one. */
export function sceneProblem(v: unknown, where = 'scene'): string | null {
  if (!isObject(v)) return `${where} must be an object`;
  if (v.domain !== DOMAIN) return `${where}.domain must be "${DOMAIN}" (got ${JSON.stringify(v.domain)})`;
  const extra = Object.keys(v).filter((k) => k !== 'domain' && k !== 'cells');
  if (extra.length) return `${where} has unknown key "${extra[0]}"`;
  if (!Array.isArray(v.cells) || v.cells.length !== 1) return `${where}.cells must be an array of 1 entry (the avatar)`;
  const a: unknown = v.cells[0];
  if (!isObject(a)) return `${where}.cells[0] must be an object (the avatar)`;
  const unknown = Object.keys(a).find((k) => !(k in ATTRIBUTE_VALUES));
  if (unknown) return `${where}.cells[0] has unknown attribute "${unknown}"`;
  for (const attr of ATTRIBUTES) {
    const problem = oneOf(`${where}.cells[0].${attr}`, ATTRIBUTE_VALUES[attr], a[attr]);
    if (problem) return problem;
  }
  return null;
}
