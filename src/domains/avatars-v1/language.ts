/** avatars-v1 as understanding sees it: its attributes, their words, and one object on no grid (docs/avatars-v1.md). */
import type { AttributeSchema, LanguageSchema } from '../../domain/schema.ts';
import { ATTRIBUTE_VALUES, DEFAULT_AVATAR, ORDERED, type Attribute } from './scene.ts';

const self = (vs: readonly string[]) => Object.fromEntries(vs.map((v) => [v, [v]]));

/** Words beyond the value's own name, and the nouns that name each attribute ("hair colour", "shirt"). */
const WORDS: { readonly [A in Attribute]: { nouns: string[]; words?: Record<string, string[]>; more?: string[]; less?: string[] } } = {
  face_shape: { nouns: ['face', 'face shape', 'head shape'], words: { long: ['long', 'narrow'], square: ['square', 'angular'] } },
  skin_tone: { nouns: ['skin', 'skin tone', 'complexion'], words: { porcelain: ['porcelain', 'pale'], dark: ['dark', 'deep'] }, more: ['darker'], less: ['lighter', 'paler'] },
  hair_length: { nouns: ['hair length', 'hair'], words: { bald: ['bald', 'no hair', 'shaved'] }, more: ['longer'], less: ['shorter'] },
  hair_style: { nouns: ['hairstyle', 'hair style', 'haircut'], words: { curly: ['curly', 'curls'], spiky: ['spiky', 'spikes'] } },
  hair_color: { nouns: ['hair colour', 'hair color', 'hair'], words: { platinum: ['platinum', 'white'], blonde: ['blonde', 'blond'], red: ['red', 'ginger'] }, more: ['darker'], less: ['lighter'] },
  eye_color: { nouns: ['eyes', 'eye colour', 'eye color'], words: { gray: ['gray', 'grey'] } },
  eyebrows: { nouns: ['eyebrows', 'brows'], words: { thick: ['thick', 'bushy'] } },
  expression: { nouns: ['expression', 'mouth', 'face'], words: { frown: ['frown', 'sad'], grin: ['grin', 'big smile'] }, more: ['happier'], less: ['sadder'] },
  glasses: { nouns: ['glasses', 'spectacles'], words: { none: ['no glasses'], sunglasses: ['sunglasses', 'shades'] } },
  facial_hair: { nouns: ['facial hair', 'beard'], words: { none: ['clean shaven', 'no beard'], mustache: ['mustache', 'moustache'] } },
  headwear: { nouns: ['hat', 'headwear'], words: { none: ['no hat'], cap: ['cap', 'baseball cap'], beanie: ['beanie', 'woolly hat'] } },
  earrings: { nouns: ['earrings'], words: { none: ['no earrings'], studs: ['studs', 'stud earrings'], hoops: ['hoops', 'hoop earrings'] } },
  clothing_color: { nouns: ['shirt', 'top', 'clothes', 'sweater'], words: { gray: ['gray', 'grey'] } },
  background: { nouns: ['background', 'backdrop'], words: { sky: ['sky blue', 'light blue'], mint: ['mint', 'light green'], gray: ['gray', 'grey'] } },
};

function attribute(name: Attribute): AttributeSchema {
  const values: readonly string[] = ATTRIBUTE_VALUES[name];
  const w = WORDS[name];
  return {
    name, values, ordered: ORDERED.has(name), default: DEFAULT_AVATAR[name], nouns: w.nouns,
    words: { ...self(values), ...w.words },
    ...(w.more ? { more: w.more, less: w.less } : {}),
  };
}

/** The avatars-v1 language schema: no noun attribute (a request names a part: "her hair", "the glasses"). */
export const AVATARS_LANGUAGE: LanguageSchema = {
  domain: 'avatars-v1',
  grid: null,
  attributes: (Object.keys(ATTRIBUTE_VALUES) as Attribute[]).map(attribute),
  synonyms: { values: {}, ambiguous: {}, unavailable: {}, verbs: {} },
  colloquial: {},
};
