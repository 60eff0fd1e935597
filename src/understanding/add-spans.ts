/**
 * Additions read from the words where the tagger's roles are weak. Terse additions ("red heart top right", "star to the bottom right corner"): the tagger is sure of the
 * operation there but not of the roles. When it is unsure, the words before the first place phrase are read as
 * the new object and the rest as where it goes, provided they name at least one value.
 */
import type { Lexicon } from './lexicon.ts';
import { resolveRef, type GridScene } from './match.ts';
import { tagConfidence, type Clause } from './reading.ts';
import { readRef, readValues } from './spans.ts';

/** Tagger role certainty below which an addition's phrases are re-read from the words. */
const SURE = 0.6;
const PLACE_KINDS = new Set(['side', 'middle', 'grid', 'rel']);
const INTO = new Set(['to', 'in', 'into', 'at', 'on', 'onto']);
const NEW = new Set(['a', 'an', 'another', 'new', 'more', 'extra', 'second', 'same']);

export function respanAddition(c: Clause, lex: Lexicon): Clause {
  if (c.op !== 'add') return c;
  const roles = new Set(c.spans.map((s) => s.role));
  if (roles.has('VAL') && roles.has('DEST') && tagConfidence(c) >= SURE) return c;
  let place = -1;
  for (let i = 0; i < c.words.length; ) {
    const m = lex.match(c.words, i);
    // "square" names a shape as well as a grid cell: a value word is never where a place starts.
    if (m?.entries.some((e) => PLACE_KINDS.has(e.k)) && !m.entries.some((e) => e.k === 'value')) {
      place = i;
      break;
    }
    i += m?.n ?? 1;
  }
  if (place <= 0) return c;
  const split = INTO.has(c.words[place - 1]!) ? place - 1 : place;
  const object = c.words.slice(0, split);
  const named = object.some((_, i) => lex.match(object, i)?.entries.some((e) => e.k === 'value'));
  if (!named) return c;
  const prob = c.opProb;
  return {
    ...c,
    spans: [
      { role: 'VAL', words: object, start: c.start, end: c.start + split, prob },
      { role: 'DEST', words: c.words.slice(split), start: c.start + split, end: c.end, prob },
    ],
  };
}

/**
 * "star to the bottom right corner" with one star in the picture: a move, although it reads like an addition.
 * An addition whose object is one that exists and that lacks a value a new object needs (its colour) moves it.
 */
export function moveIfExisting(c: Clause, lex: Lexicon, scene: GridScene, referent: readonly number[] | null): Clause {
  if (c.op !== 'add') return c;
  const val = c.spans.find((s) => s.role === 'VAL');
  const dest = c.spans.find((s) => s.role === 'DEST');
  if (!val || !dest || val.words.some((w) => NEW.has(w))) return c; // "a star", "another heart": new ones
  const said = new Set(readValues(val.words, lex).values.flatMap((v) => (v.kind === 'set' ? [v.attr] : [])));
  if (lex.schema.attributes.every((a) => a.default || said.has(a.name))) return c; // a complete new object
  const found = resolveRef(scene, readRef(val.words, lex), lex.schema, { referent });
  if (found.status !== 'ok' || found.cells.length !== 1) return c;
  return { ...c, op: 'move', spans: [{ ...val, role: 'TGT' }, dest] };
}
