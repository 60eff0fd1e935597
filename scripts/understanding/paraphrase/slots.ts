/**
 * Slot phrases of the paraphrase generator, driven by a domain's language schema: references, values,
 * current-state words, destinations. Words come from the schema, its synonym table and closed-class English.
 */
import type { Rng } from '../../../src/domain/rng.ts';
import type { AttributeSchema, LanguageSchema } from '../../../src/domain/schema.ts';
import { words, type Phrase } from './phrase.ts';

/** Word choices for one domain. */
export class Words {
  readonly noun: AttributeSchema | undefined;
  readonly adjectives: AttributeSchema[];
  private readonly synonyms = new Map<string, string[]>();

  constructor(readonly schema: LanguageSchema) {
    this.noun = schema.attributes.find((a) => a.noun);
    this.adjectives = schema.attributes.filter((a) => !a.noun);
    for (const [w, [attr, value]] of [...Object.entries(schema.synonyms.values), ...Object.entries(schema.colloquial)]) {
      const key = `${attr}:${value}`;
      if (!this.synonyms.has(key)) this.synonyms.set(key, []);
      this.synonyms.get(key)!.push(w);
    }
  }

  /** A word for a value: mostly the schema's own, sometimes a synonym from the lexical resource. */
  value(rng: Rng, attr: AttributeSchema, value: string, synonymRate = 0.3): string {
    const syn = this.synonyms.get(`${attr.name}:${value}`) ?? [];
    const base = attr.words[value] ?? [value];
    return syn.length && rng.chance(synonymRate) ? rng.pick(syn) : rng.pick(base);
  }

  /** A plural noun for a value of the noun attribute. */
  plural(rng: Rng, value: string): string {
    const syn = (this.synonyms.get(`${this.noun!.name}:${value}`) ?? []).filter((w) => !w.includes(' ') && !w.endsWith('s'));
    if (syn.length && rng.chance(0.2)) {
      const w = rng.pick(syn);
      return /(x|ch|sh)$/.test(w) ? `${w}es` : `${w}s`;
    }
    return rng.pick(this.noun!.plurals?.[value] ?? [`${value}s`]);
  }
}

const SIDE_PLACES = ['top left', 'top right', 'bottom left', 'bottom right', 'upper left', 'upper right', 'lower left', 'lower right',
  'top', 'bottom', 'left', 'right', 'middle', 'center', 'centre', 'top middle', 'bottom middle', 'middle left', 'middle right',
  'center left', 'center right', 'left middle', 'right middle', 'top center', 'bottom center', 'very middle', 'dead center'];
const POSTS = ['in the {P}', 'in the {P} corner', 'at the {P}', 'on the {P}', 'in the {P} spot', 'on the {P} side', 'in the {P} cell',
  'over on the {P}', 'up in the {P}', 'down in the {P}', 'at {P}', '{P}', 'in {P}', 'in the {R} row', 'in the {C} column', 'on the {R} row'];
const ROWS = ['top', 'middle', 'bottom', 'first', 'second', 'third', 'last', 'upper', 'lower', 'center'];
const COLS = ['left', 'middle', 'right', 'first', 'second', 'third', 'last', 'center'];
const RELS = ['left of', 'to the left of', 'right of', 'to the right of', 'above', 'below', 'under', 'beneath', 'underneath',
  'next to', 'beside', 'on top of', 'just above', 'directly below', 'over', 'on the left of', 'on the right of', 'by'];
const ORDINALS = ['first', 'second', 'third', '2nd', '3rd', '1st', 'last'];
const GENERIC = ['one', 'thing', 'shape', 'object', 'guy', 'item', 'figure'];
const GENERIC_PL = ['ones', 'things', 'shapes', 'objects', 'guys', 'items'];

/** A place phrase ("in the top left corner"). */
export function placePhrase(rng: Rng): string {
  return rng.pick(POSTS).replace('{P}', rng.pick(SIDE_PLACES)).replace('{R}', rng.pick(ROWS)).replace('{C}', rng.pick(COLS));
}

/** Options for a reference. */
export interface RefOptions {
  plural?: boolean;
  /** Chance of a pronoun ("it", "them"). */
  pronoun?: number;
  depth?: number;
  answer?: boolean;
}

const SG_PRONOUNS = ['it', 'it', 'it', 'that', 'this', 'that one', 'this one', 'the same one', 'the one i just changed', 'the new one', 'him', 'her'];
const PL_PRONOUNS = ['them', 'them', 'those', 'these', 'both of them', 'all of them', 'those ones', 'em', 'both', 'the two of them'];
const SG_DETS = ['the', 'the', 'the', 'the', 'the', 'the', 'that', 'this', '', '', ''];
const PL_DETS = ['the', 'the', 'all the', 'all', 'both', 'both the', 'the two', 'all of the', 'every', 'each', 'those', '', '', 'all three', 'the three', 'both of the'];
const ROWS_REF = ['the top row', 'the bottom row', 'the middle row', 'the left column', 'the right column', 'the middle column', 'everything in the top row',
  'everything on the left', 'the whole bottom row', 'everything', 'all of them', 'every shape', 'all the shapes', 'all shapes', 'everything else'];

/** A reference phrase ("the small red circle in the top left", "it", "both squares", "the other one"). */
export function refPhrase(rng: Rng, ws: Words, o: RefOptions = {}): Phrase {
  if (rng.chance(o.pronoun ?? (o.answer ? 0 : 0.1))) return words(rng.pick(o.plural ? PL_PRONOUNS : SG_PRONOUNS));
  const plural = o.plural ?? rng.chance(0.15);
  if (plural && rng.chance(0.15)) return words(rng.pick(ROWS_REF));
  if (!o.depth && rng.chance(0.07)) {
    const shape = ws.noun ? ws.value(rng, ws.noun, rng.pick(ws.noun.values), 0.2) : 'one';
    return words(plural ? rng.pick(['the other ones', 'the other two', 'the others', `the other ${ws.plural(rng, rng.pick(ws.noun!.values))}`])
      : rng.pick(['the other one', 'the other one', `the other ${shape}`, 'the other', `the other ${rng.pick(['red', 'grey', 'big', 'small', 'striped'])} one`, 'another one']));
  }
  const out: string[] = [];
  out.push(plural ? rng.pick(PL_DETS) : rng.pick(o.answer ? ['the', 'the', 'that', '', '', 'the one'] : SG_DETS));
  const singularDet = out[0] === 'every' || out[0] === 'each';
  const usePlural = plural && !singularDet;
  const adj: string[] = [];
  const n = rng.pick([0, 0, 0, 1, 1, 1, 1, 2, 2, 3]);
  for (const a of rng.shuffle([...ws.adjectives]).slice(0, n)) adj.push(ws.value(rng, a, rng.pick(a.values)));
  if (rng.chance(0.12)) adj.unshift(rng.pick(['top', 'bottom', 'left', 'right', 'upper', 'lower', 'leftmost', 'rightmost', 'top left', 'bottom right', 'middle', 'other', 'biggest', 'smallest', 'largest', 'little', 'lil', 'big']));
  if (rng.chance(0.07)) adj.unshift(rng.pick(ORDINALS));
  if (rng.chance(0.08)) adj.unshift(rng.pick(['light', 'dark', 'bright', 'pale', 'lighter', 'deep']));
  out.push(...adj);
  const named = ws.noun && rng.chance(adj.length === 0 ? 0.92 : 0.7);
  const value = ws.noun ? rng.pick(ws.noun.values) : '';
  if (named) out.push(usePlural ? ws.plural(rng, value) : ws.value(rng, ws.noun!, value, 0.25));
  else out.push(usePlural ? rng.pick(GENERIC_PL) : rng.pick(GENERIC));
  if (named && rng.chance(0.04)) out.push(rng.pick(['thingy', 'thing', 'shape', 'one']));
  const depth = o.depth ?? 0;
  if (rng.chance(0.3)) out.push(placePhrase(rng));
  else if (depth < 1 && rng.chance(0.15)) {
    out.push(rng.pick(RELS));
    const lm = rng.chance(0.2) ? ['it'] : refPhrase(rng, ws, { depth: depth + 1, plural: false, pronoun: 0 }).map((t) => t.w);
    out.push(...lm);
  } else if (rng.chance(0.12)) {
    const a = rng.pick(ws.adjectives);
    out.push(rng.pick(['that is', 'which is', "that's", 'thats', 'with the', 'with', 'in']), a.valueNouns && rng.chance(0.6) ? rng.pick(Object.values(a.valueNouns).flat()) : ws.value(rng, a, rng.pick(a.values)));
  } else if (rng.chance(0.05)) out.push(rng.pick(['from the left', 'from the right', 'from the top', 'from the bottom', 'in the top row', 'in the bottom row', 'in the same row', 'down in the corner']));
  if (plural && rng.chance(0.08)) out.push(rng.pick(['except', 'but', 'other than', 'apart from', 'except for']), ...refPhrase(rng, ws, { depth: 1, plural: false, answer: true }).map((t) => t.w));
  return words(out.filter(Boolean).join(' '));
}

/** A value phrase for an attribute ("bright red", "a heart", "with stripes", "bigger", "huge"). */
export function valuePhrase(rng: Rng, ws: Words, attr: AttributeSchema, value?: string): Phrase {
  const v = value ?? rng.pick(attr.values);
  const word = ws.value(rng, attr, v, 0.35);
  if (attr.noun) return words(`${rng.pick(['a', 'a', 'an', 'into a', 'the', '', 'a'])} ${word}${rng.chance(0.1) ? ' shape' : ''}`.replace(/^an ([^aeiou])/, 'a $1'));
  if (attr.valueNouns?.[v] && rng.chance(0.4)) return words(`${rng.pick(['with', 'with', 'have', 'got', ''])} ${rng.pick(attr.valueNouns[v]!)}`);
  const mod = rng.chance(0.15) ? `${rng.pick(['light', 'dark', 'bright', 'deep', 'nice', 'pale', 'a nice', 'really', 'very'])} ` : '';
  const tail = rng.chance(0.06) ? ` ${rng.pick(['color', 'colour', 'one', 'instead', 'please', 'colored', 'ish'])}` : '';
  return words(`${mod}${word}${tail}`);
}

/** A step phrase along an ordered attribute ("bigger", "a bit smaller", "way larger", "more big"). */
export function stepPhrase(rng: Rng, attr: AttributeSchema, dir: 1 | -1): Phrase {
  if (rng.chance(0.12)) {
    return words(rng.pick(dir > 0 ? ['a size bigger', 'one size up', 'up a size', 'up a notch', 'the biggest it can be', 'as big as it gets', 'more big', 'much more big', 'twice as big', 'way bigger']
      : ['a size smaller', 'one size down', 'down a size', 'down a notch', 'as small as possible', 'more small', 'less big', 'half the size', 'way smaller', 'a touch smaller']));
  }
  const w = rng.pick((dir > 0 ? attr.more : attr.less) ?? []);
  const deg = rng.chance(0.3) ? `${rng.pick(['a bit', 'a little', 'slightly', 'much', 'a lot', 'way', 'a tad', 'somewhat', 'even', 'a little bit', 'abit'])} ` : '';
  return words(`${deg}${w}${rng.chance(0.08) ? ' again' : ''}`);
}

/** An evaluative phrase naming the current state ("too big", "way too tiny", "so small"). */
export function currentPhrase(rng: Rng, ws: Words, attr: AttributeSchema, end: 1 | -1): Phrase {
  const v = end > 0 ? attr.values[attr.values.length - 1]! : attr.values[0]!;
  const adj = ws.value(rng, attr, v, 0.4);
  if (rng.chance(0.1)) return words(rng.pick(end > 0 ? ['way oversized', 'massive', 'huge', 'enormous', 'too much', 'ginormous', 'a bit much'] : ['puny', 'teeny', 'barely visible', 'tiny', 'minuscule', 'lost']));
  return words(`${rng.pick(['too', 'way too', 'too', 'so', 'far too', 'a bit too', 'really', 'kind of', 'sooo', 'much too', 'a little too', 'too damn', 'kinda too', 'rather too', 'a trifle too', ''])} ${adj}`);
}

/** A destination phrase ("to the top right", "next to the star", "one cell up", "in the empty corner"). */
export function destPhrase(rng: Rng, ws: Words): Phrase {
  switch (rng.int(6)) {
    case 0:
    case 1:
      return words(`${rng.pick(['to', 'into', 'in', 'to', 'over to', 'up to', 'down to', 'on', 'at', '', '', 'smack in', 'right in', 'up in', 'down in'])} ${rng.pick(['the', 'the', ''])} ${rng.pick(SIDE_PLACES)}${rng.chance(0.3) ? ` ${rng.pick(['corner', 'spot', 'cell', 'side', 'square', 'position', 'slot', 'gap', 'space'])}` : ''}`);
    case 2:
      return [...words(rng.pick(RELS)), ...refPhrase(rng, ws, { depth: 1, plural: false }).filter((t) => !['it', 'that', 'this'].includes(t.w))];
    case 3: {
      const dir = rng.pick(['up', 'down', 'left', 'right']);
      return words(rng.pick([dir, `${dir} one`, `one ${dir}`, `one cell ${dir}`, `one space ${dir}`, `${dir} a bit`, `two spaces ${dir}`,
        `one to the ${dir}`, `a step ${dir}`, `${dir} one spot`, `${dir} by one`, `further ${dir}`, `${dir}wards`, `one row ${dir}`]));
    }
    case 4:
      if (rng.chance(0.3)) return words(`${rng.pick(['there', 'in there', 'over there', 'where it was', 'where the star was', 'where it used to be'])}`);
      if (rng.chance(0.25)) {
        const a = refPhrase(rng, ws, { depth: 1, plural: false, pronoun: 0 }).map((t) => t.w).join(' ');
        const b = refPhrase(rng, ws, { depth: 1, plural: false, pronoun: 0 }).map((t) => t.w).join(' ');
        return words(`${rng.pick(['in', 'in the space', 'in the gap', ''])} between ${a} and ${b}`);
      }
      return words(`${rng.pick(['to', 'into', 'in', ''])} ${rng.pick(['the', 'an', 'that', 'the'])} ${rng.pick(['empty', 'free', 'blank', 'open'])} ${rng.pick(['corner', 'spot', 'cell', 'space', 'square', 'place', 'middle', 'gap', 'slot'])}${rng.chance(0.3) ? ` ${rng.pick(['on the right', 'on the left', 'at the top', 'at the bottom', 'in the top row'])}` : ''}`);
    default:
      return words(`${rng.pick(['to', 'into', 'in', 'at'])} the ${rng.pick(ROWS)} ${rng.pick(['row', 'column'])}`);
  }
}
