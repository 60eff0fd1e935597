/** Turns references, objects and positions into English (the generator's surface realizer). */
import {
  ATTRIBUTE_NOUNS, COLOR_WORDS, EXTREMES, GENERIC_NOUNS, PLURAL_PRONOUNS, POSITION_NAMES, PRONOUNS, RELATIONS, SHAPE_NOUNS,
  SIZE_WORDS, TEXTURE_NOUNS, TEXTURE_WORDS, choose, type Split,
} from './lexicon.ts';
import type { Desc, Ref } from './refs.ts';
import type { Rng } from '../../domain/rng.ts';
import type { SceneObject } from './scene.ts';

/** Single side words: bare, they mean a relative extreme in answers, so answers avoid them for cells. */
const SIDE_WORDS = new Set(['left', 'right', 'top', 'bottom']);
/** Cells with two-word names usable before the noun ("the top left circle", "the middle one"). */
const PRENOMINAL_CELLS = new Set([0, 2, 4, 6, 8]);

/** "a" or "an" before a word. */
export function article(word: string): string {
  return /^[aeio]/.test(word) ? 'an' : 'a';
}

/** A name of a cell; `answer` avoids the bare side words, which answers read as "the left one". */
export function positionName(rng: Rng, cell: number, split: Split, answer = false): string {
  for (;;) {
    const name = choose(rng, POSITION_NAMES[cell]!, split);
    if (!answer || !SIDE_WORDS.has(name)) return name;
  }
}

/** A prepositional position phrase ("in the top left", "on the left side", "at the top"). */
export function positionPhrase(rng: Rng, cell: number, split: Split, answer = false): string {
  const name = positionName(rng, cell, split, answer);
  if (name === 'left' || name === 'right') return `on the ${name}${rng.chance(0.3) ? ' side' : ''}`;
  if (name === 'top' || name === 'bottom') return `at the ${name}`;
  return `${rng.chance(0.7) ? 'in' : 'at'} the ${name}`;
}

function adjectives(rng: Rng, d: Desc, split: Split, postTexture: boolean): string[] {
  const out: string[] = [];
  if (d.size) out.push(choose(rng, SIZE_WORDS[d.size], split));
  if (d.color) out.push(choose(rng, COLOR_WORDS[d.color], split));
  if (d.texture && !postTexture) out.push(choose(rng, TEXTURE_WORDS[d.texture], split));
  return out;
}

function head(rng: Rng, d: Desc, plural: boolean, split: Split, avoid: readonly string[]): string {
  if (d.shape) return choose(rng, SHAPE_NOUNS[d.shape], split)[plural ? 1 : 0];
  for (;;) {
    const n = choose(rng, GENERIC_NOUNS, split);
    if (!avoid.includes(n[0])) return n[plural ? 1 : 0];
  }
}

/**
 * Options of realizeRef: `answer` realizes extremes as "the one on the left" too. `postnominal` (train split only)
 * sometimes moves an adjective after the noun ("the circle of red color"): more varied training references that
 * leave the held-out relative clauses ("the circle that is red") unseen.
 */
export interface RealizeOptions {
  answer?: boolean;
  postnominal?: boolean;
}

/**
 * The attribute of the last word adjectives() returned (size, color, texture order) when it may follow the noun as
 * "of red color" / "of small size", else null. Not textures ("remove the circle of solid texture" reads as removing
 * a texture), not "medium sized" ("of medium sized size").
 */
function postnominalAttribute(d: Desc, adjs: readonly string[], postTexture: boolean): 'size' | 'color' | null {
  if (adjs.length === 0 || (d.texture && !postTexture)) return null;
  if (d.color) return 'color';
  return adjs.at(-1)!.endsWith('sized') ? null : 'size';
}

/** English for a reference ("the big red circle in the top left", "all the stars", "it"). */
export function realizeRef(rng: Rng, ref: Ref, split: Split, opts: RealizeOptions = {}): string {
  if (ref.kind === 'pronoun') return choose(rng, ref.number === 'one' ? PRONOUNS : PLURAL_PRONOUNS, split);
  const plural = ref.number !== 'one';
  const postTexture = ref.texture !== undefined && ref.texture !== 'solid' && rng.chance(0.3);
  const adjs = adjectives(rng, ref, split, postTexture);
  const post: string[] = [];
  const pre: string[] = [];
  const avoid: string[] = [];                // generic head nouns this reference must not use
  const moved = split === 'train' && opts.postnominal ? postnominalAttribute(ref, adjs, postTexture) : null;
  // Held-out only: one adjective moves into a relative clause ("the circle that is red").
  if (split === 'heldout' && adjs.length > 0 && rng.chance(0.3)) {
    post.push(`${rng.pick(['that', 'which'])} ${plural ? 'are' : 'is'} ${adjs.pop()!}`);
  } else if (moved && rng.chance(0.5)) {
    post.push(`of ${adjs.pop()!} ${choose(rng, ATTRIBUTE_NOUNS[moved], split)}`);
    avoid.push('shape');                     // "the shape of red color" would read as "the shape of <object>"
  }
  if (ref.extreme) {
    const word = choose(rng, EXTREMES[ref.extreme], split);
    const prep = word === 'left' || word === 'right' ? 'on' : word === 'top' || word === 'bottom' ? 'at' : null;
    // Only answers put an extreme after the noun: elsewhere "on the left" names the cell (spec positions).
    if (opts.answer && prep && rng.chance(0.4)) post.unshift(`${prep} the ${word}`);
    else pre.push(word);
  }
  if (ref.cell !== undefined) {
    if (!opts.answer && PRENOMINAL_CELLS.has(ref.cell) && !ref.extreme && rng.chance(0.3)) {
      pre.push(positionName(rng, ref.cell, split, true));
    } else post.unshift(positionPhrase(rng, ref.cell, split, opts.answer));
  }
  if (postTexture) post.push(`with ${choose(rng, TEXTURE_NOUNS[ref.texture as 'striped' | 'dotted'], split)}`);
  if (ref.rel) {
    const rel = choose(rng, RELATIONS[ref.rel.dir], split);
    post.push(`${rel} ${realizeRef(rng, ref.rel.landmark, split, { postnominal: opts.postnominal })}`);
  }
  let det = 'the';
  let singularNoun = !plural;
  if (ref.number === 'all') {
    det = rng.pick(split === 'heldout' ? ['all of the', 'all the', 'every'] : ['all the', 'all', 'the', 'every', 'each']);
    singularNoun = det === 'every' || det === 'each';
  } else if (ref.number === 'both') {
    det = rng.pick(split === 'heldout' ? ['both of the', 'the two'] : ['both', 'both the']);
  }
  if (singularNoun && det !== 'the') avoid.push('one');
  const noun = head(rng, ref, !singularNoun, split, avoid);
  return [det, ...pre, ...adjs, noun, ...post].join(' ');
}

/** Indefinite noun phrase for a new object; medium size and solid texture may go unsaid (the defaults). */
export function realizeObject(rng: Rng, obj: SceneObject, split: Split): string {
  const words: string[] = [];
  if (obj.size !== 'medium' || rng.chance(0.15)) words.push(choose(rng, SIZE_WORDS[obj.size], split));
  words.push(choose(rng, COLOR_WORDS[obj.color], split));
  const postTexture = obj.texture !== 'solid' && rng.chance(0.35);
  if (!postTexture && (obj.texture !== 'solid' || rng.chance(0.15))) words.push(choose(rng, TEXTURE_WORDS[obj.texture], split));
  words.push(choose(rng, SHAPE_NOUNS[obj.shape], split)[0]);
  if (postTexture) words.push('with', choose(rng, TEXTURE_NOUNS[obj.texture as 'striped' | 'dotted'], split));
  return `${article(words[0]!)} ${words.join(' ')}`;
}
