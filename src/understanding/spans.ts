/**
 * Reads the phrases the tagger marks (a reference, a value, a destination) into structure, with the lexicon.
 * Words it cannot place are kept in `unknown`, so confidence can drop instead of the word being ignored.
 */
import { NEGATION, negatedAt } from './negation.ts';
import type { Direction } from './english.ts';
import type { Entry, Lexicon } from './lexicon.ts';
import { noPlace, readPlace, type Place, type PlaceWords } from './places.ts';

/** A reference to objects ("the two small circles left of the star", "it", "all but the red one"). */
export interface RefSpec {
  pronoun?: 'one' | 'all';
  number: 'one' | 'all' | 'both' | 'some' | number;
  values: Record<string, string>;
  /** A value word with two readings ("teal"): the reference matches either. */
  either?: { attr: string; values: readonly string[] }[];
  place?: Place;
  superlative?: { attr: string; dir: 1 | -1 };
  ordinal?: { n: number; axis: Direction | 'reading' };
  /** A relation to a landmark; `line` keeps "next to" within the landmark's row or column ("in the same row"). */
  rel?: { dir: Direction | 'next'; landmark: RefSpec; line?: 'row' | 'column' };
  other?: boolean;
  except?: RefSpec;
  empty?: boolean;
  unknown: string[];
  unavailable?: string[];
}

/** A value a turn asks for. */
export type ValueSpec =
  | { kind: 'set'; attr: string; value: string }
  | { kind: 'step'; attr: string; dir: 1 | -1 }
  | { kind: 'either'; attr: string; values: readonly string[] }
  | { kind: 'unavailable'; attr: string; name: string }
  | { kind: 'attr'; attr: string };

/** A destination. */
export type DestSpec =
  | { kind: 'place'; place: Place; empty?: boolean }
  | { kind: 'rel'; dir: Direction | 'next'; landmark: RefSpec }
  | { kind: 'step'; dir: Direction; count: number }
  | { kind: 'between'; a: RefSpec; b: RefSpec }
  | { kind: 'there' };

/** Words that carry no content of their own in a phrase. */
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'into', 'onto', 'with', 'from', 'and', 'or',
  'is', 'are', 'be', 'that', 'which', 'who', 'one', 'ones', 'thing', 'there', 'here', 'please', 'just', 'only', 'also', 'now',
  'then', 'for', 'me', 'my', 'you', 'your', 'its', 'it', 'has', 'have', 'having', 'got', 'as', 'placed', 'sitting', 'located',
  'positioned', 'side', 'hand', 'part', 'area', 'section', 'way', 'up', 'over', 'by', 'all', 'same', 'like', ',', '.', '!', '?',
  'right', 'left', 'so', 'very', 'really', 'we', 'i', 'did', 'do', 'was', 'were', 'currently', 'still', 'now', 'guy', 'lil']);

function entry<K extends Entry['k']>(es: readonly Entry[], k: K): Extract<Entry, { k: K }> | undefined {
  return es.find((e) => e.k === k) as Extract<Entry, { k: K }> | undefined;
}

function sideWord(p: PlaceWords, e: Extract<Entry, { k: 'side' }>): void {
  if (e.dir === 'up' || e.dir === 'down') p.vertical = e.dir;
  else p.horizontal = e.dir;
  p.extreme ||= e.extreme;
}

/** Reads a reference phrase (no leading verb); `rows`/`cols` size the grid. */
export function readRef(words: readonly string[], lex: Lexicon): RefSpec {
  let w = words;
  const grid = lex.schema.grid;
  const spec: RefSpec = { number: 'one', values: {}, unknown: [] };
  const p = noPlace();
  let plural = false;
  let hasNoun = false;
  let det: RefSpec['number'] | null = null;
  // "the one I just changed", "the new one": what the last turn was about.
  if (/\b(i|you) (just |last )?(changed|moved|made|added|did|edited|put|swapped|recolou?red)\b|\b(new|last) one\b/.test(w.join(' '))) {
    return { number: 'one', values: {}, unknown: [], pronoun: 'one' };
  }
  // "one of them", "one of the circles": a single object among those; "every one of them", "each of them": all.
  if (w[0] === 'one' && w[1] === 'of' && w.length > 2) return { ...readRef(w.slice(2), lex), number: 'one' };
  const of = w.indexOf('of');
  const QUANT = /^(every|each|all|both)$/;
  const q = of > 0 && /^(them|those|these|em)$/.test(w[of + 1] ?? '') ? (QUANT.test(w[of - 1]!) ? of - 1 : of > 1 && QUANT.test(w[of - 2]!) ? of - 2 : -1) : -1;
  if (q >= 0) {
    // "all three of them": a count; "uh both of em": words before the quantifier say nothing.
    const n = q === of - 2 ? lex.match(w, of - 1)?.entries.find((e) => e.k === 'number') : undefined;
    return { number: w[q] === 'both' ? 'both' : n?.k === 'number' && n.n > 1 ? n.n : 'all', values: {}, unknown: [], pronoun: 'all' };
  }
  // "in the same row": the relation already says where; the words are not a place of their own, but they keep
  // "beside it" to that line.
  const line = /\bsame (row|line)\b/.test(w.join(' ')) ? 'row' as const : /\bsame column\b/.test(w.join(' ')) ? 'column' as const : undefined;
  w = w.filter((x, i) => !(x === 'same' && /^(row|column|line)$/.test(w[i + 1] ?? '')) && !(/^(row|column|line)$/.test(x) && w[i - 1] === 'same'));
  let count: number | null = null;
  for (let i = 0; i < w.length; ) {
    // "second from the left", "third from the top": the side is the ordinal's axis, not a place.
    if (w[i] === 'from' && w[i + 1] === 'the' && spec.ordinal) {
      const s = lex.match(w, i + 2);
      const side = s && entry(s.entries, 'side');
      if (side) {
        spec.ordinal.axis = side.dir;
        i += 2 + s.n;
        continue;
      }
    }
    const m = lex.match(w, i);
    if (!m) {
      if (!FUNCTION_WORDS.has(w[i]!)) spec.unknown.push(w[i]!);
      i++;
      continue;
    }
    const es = m.entries;
    const rel = entry(es, 'rel');
    // "left of the star": the rest is the landmark; "on the left" / "to the left" alone is a place.
    if (rel && i + m.n < w.length && !/^(side|corner|hand|edge)$/.test(w[i + m.n]!)) {
      spec.rel = { dir: rel.dir, landmark: readRef(w.slice(i + m.n), lex), ...(line ? { line } : {}) };
      break;
    }
    const exc = entry(es, 'except');
    if (exc && i > 0 && i + m.n < w.length) {
      spec.except = readRef(w.slice(i + m.n), lex);
      break;
    }
    const value = entry(es, 'value');
    const pron = entry(es, 'pronoun');
    const d = entry(es, 'det');
    // "this" and "that" alone point back; before a noun they are determiners ("this picture", "that star").
    // "those two circles": a count between the determiner and its noun.
    const next = lex.match(w, i + m.n)?.entries.some((e) => e.k === 'number') ? i + m.n + 1 : i + m.n;
    const beforeNoun = w[i + m.n] !== undefined && (/^(this|that)$/.test(w[i]!) || lex.match(w, next)?.entries.some((e) => e.k === 'value' || e.k === 'generic'));
    if (pron && i === 0 && !beforeNoun) {
      spec.pronoun = pron.number;
    } else if (d && det === null) det = d.number;
    else if (entry(es, 'ordinal')) spec.ordinal = { n: entry(es, 'ordinal')!.n, axis: 'reading' };
    else if (entry(es, 'superlative')) spec.superlative = { attr: entry(es, 'superlative')!.attr, dir: entry(es, 'superlative')!.dir };
    else if (value && deniedInRef(w, i)) {
      // "the square with no stripes", "the one without dots": those with the value are left out.
      (spec.except ??= { number: 'all', values: {}, unknown: [] }).values[value.attr] = value.value;
    } else if (value && !(value.attr === 'shape' && entry(es, 'grid') && grid && Object.keys(spec.values).includes('shape'))) {
      if (value.attr in spec.values && spec.values[value.attr] !== value.value) spec.unknown.push(w.slice(i, i + m.n).join(' '));
      spec.values[value.attr] = value.value;
      plural ||= !!value.plural;
      hasNoun ||= !!value.noun;
    } else if (entry(es, 'side')) sideWord(p, entry(es, 'side')!);
    else if (entry(es, 'middle')) p.middle++;
    else if (entry(es, 'grid')) {
      const g = entry(es, 'grid')!.what;
      if (g === 'row') p.row = true;
      else if (g === 'column') p.column = true;
      else if (g === 'corner' || g === 'corners') [p.corner, plural] = [true, plural || g === 'corners'];
      else if (g === 'edge') p.edge = true;
    } else if (entry(es, 'generic')) [plural, hasNoun] = [plural || entry(es, 'generic')!.plural, true];
    else if (entry(es, 'number')) count = entry(es, 'number')!.n;
    else if (entry(es, 'other')) spec.other = true;
    else if (entry(es, 'empty')) spec.empty = true;
    else if (entry(es, 'ambiguous')) (spec.either ??= []).push({ attr: entry(es, 'ambiguous')!.attr, values: entry(es, 'ambiguous')!.values });
    else if (entry(es, 'unavailable')) (spec.unavailable ??= []).push(entry(es, 'unavailable')!.name);
    i += m.n;
  }
  if (grid) {
    const place = readPlace(p, grid.rows, grid.cols, false);
    if (place) spec.place = place;
  }
  if ((p.row || p.column) && !hasNoun && !plural && !spec.pronoun) plural = true; // "the bottom row": everything in it
  // "them both", "those two": a plural pronoun with a count.
  if (spec.pronoun === 'all') spec.number = count !== null && count > 1 ? count : det === 'both' ? 'both' : 'all';
  else if (count !== null && count > 1) spec.number = count;
  else if (det === 'both') spec.number = 'both';
  else if (det === 'all' || (plural && det !== 'some')) spec.number = 'all';
  else if (det === 'some') spec.number = plural ? 'all' : 'one';
  return spec;
}

/**
 * A value a reference denies ("with no stripes", "without dots", "that is not red"); a leading "no" is a
 * correction's, not a denial ("no the red one").
 */
function deniedInRef(w: readonly string[], at: number): boolean {
  if (!negatedAt(w, at)) return false;
  let j = at - 1;
  while (j > 0 && !NEGATION.test(w[j]!)) j--;
  return w[j] !== 'no' || /^(with|has|have|having)$/.test(w[j - 1] ?? '');
}

/** True when a reference says nothing about which object ("the one", "it" has a pronoun instead). */
export function isBare(r: RefSpec): boolean {
  return !r.pronoun && Object.keys(r.values).length === 0 && !r.place && !r.superlative && !r.ordinal && !r.rel && !r.either && !r.other;
}

/** Reads the values a phrase asks for ("bright red with stripes", "bigger", "a heart", "the same colour"). */
export function readValues(w: readonly string[], lex: Lexicon): { values: ValueSpec[]; unknown: string[] } {
  const values: ValueSpec[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < w.length; ) {
    const m = lex.match(w, i);
    if (!m) {
      if (!FUNCTION_WORDS.has(w[i]!)) unknown.push(w[i]!);
      i++;
      continue;
    }
    const es = m.entries;
    const value = entry(es, 'value');
    const cmp = entry(es, 'cmp');
    const sup = entry(es, 'superlative');
    const attr = lex.schema.attributes;
    // "more big", "less tiny": a step along an ordered attribute.
    if ((w[i] === 'more' || w[i] === 'less') && i + 1 < w.length) {
      const next = lex.match(w, i + 1);
      const v = next && entry(next.entries, 'value');
      const a = v && attr.find((x) => x.name === v.attr && x.ordered);
      if (v && a) {
        const up = a.values.indexOf(v.value) >= a.values.length / 2;
        values.push({ kind: 'step', attr: a.name, dir: (w[i] === 'more') === up ? 1 : -1 });
        i += 1 + next.n;
        continue;
      }
    }
    if (cmp) values.push({ kind: 'step', attr: cmp.attr, dir: cmp.dir });
    else if (sup) {
      const a = attr.find((x) => x.name === sup.attr)!;
      values.push({ kind: 'set', attr: a.name, value: sup.dir > 0 ? a.values[a.values.length - 1]! : a.values[0]! });
    } else if (value) values.push({ kind: 'set', attr: value.attr, value: value.value });
    else if (entry(es, 'ambiguous')) values.push({ kind: 'either', attr: entry(es, 'ambiguous')!.attr, values: entry(es, 'ambiguous')!.values });
    else if (entry(es, 'unavailable')) values.push({ kind: 'unavailable', attr: entry(es, 'unavailable')!.attr, name: entry(es, 'unavailable')!.name });
    else if (entry(es, 'attr')) values.push({ kind: 'attr', attr: entry(es, 'attr')!.attr });
    else if (!es.some((e) => e.k === 'modifier' || e.k === 'det' || e.k === 'generic' || e.k === 'pronoun' || e.k === 'number')) {
      unknown.push(w.slice(i, i + m.n).join(' '));
    }
    i += m.n;
  }
  // One value per attribute: a later word replaces an earlier one ("red, no, blue").
  const seen = new Map<string, ValueSpec>();
  for (const v of values) seen.set(`${v.attr}:${v.kind === 'attr' ? 'attr' : 'v'}`, v);
  return { values: [...seen.values()], unknown };
}

const STEP_WORDS: Readonly<Record<string, Direction>> = { up: 'up', down: 'down', left: 'left', right: 'right', upward: 'up',
  upwards: 'up', downward: 'down', downwards: 'down', higher: 'up', lower: 'down', leftward: 'left', rightward: 'right' };
const PLACE_PREPS = new Set(['to', 'in', 'into', 'at', 'on', 'onto', 'over', 'the', 'toward', 'towards']);

/** Reads a destination ("to the top right", "next to the heart", "one cell up", "in the empty corner"). */
export function readDest(w: readonly string[], lex: Lexicon, steps = true): { dest: DestSpec | null; unknown: string[] } {
  // "over to the top right": "over" says it moves, not that it goes above something.
  const words = w.filter((x, i) => x !== 'please' && !(x === 'over' && /^(to|into|there|here)$/.test(w[i + 1] ?? '')));
  if (words.length === 0) return { dest: null, unknown: [] };
  const said = words.join(' ');
  if ((words.includes('there') && words.length <= 3) || /\bwhere (it|he|she|they|the \w+) (was|were|used to be|had been)\b/.test(said)) {
    return { dest: { kind: 'there' }, unknown: [] };
  }
  // "to its right", "on their left": next to what was just talked about.
  const its = /\b(?:to|on|at) (?:its|their|his|her) (left|right)\b/.exec(said);
  if (its) return { dest: { kind: 'rel', dir: its[1] as Direction, landmark: { number: 'one', values: {}, unknown: [], pronoun: 'one' } }, unknown: [] };
  const between = words.indexOf('between');
  const and = words.indexOf('and', between + 1);
  if (between >= 0 && and > between + 1) {
    const a = readRef(words.slice(between + 1, and), lex);
    const b = readRef(words.slice(and + 1), lex);
    return { dest: { kind: 'between', a, b }, unknown: [...a.unknown, ...b.unknown] };
  }
  // A step: a direction word with no preposition before it, or a count of cells ("two to the left", "up one").
  const stepAt = words.findIndex((x) => STEP_WORDS[x] !== undefined);
  const hasPrep = stepAt > 0 && PLACE_PREPS.has(words[stepAt - 1]!) && words[stepAt - 1] !== 'the';
  const counted = words.some((x) => /^(cell|cells|space|spaces|step|steps|spot|spots|square|squares|row|rows|column|columns|place|places)$/.test(x));
  // "up to the middle", "over to the top right": the place after "to" is where it goes, not a step.
  const placeAfter = stepAt >= 0 && words.slice(stepAt + 1).some((x, k, rest) => (x === 'to' || x === 'into') && rest.slice(k + 1).some((y) => y !== 'the' && !STEP_WORDS[y]));
  const rel = words.findIndex((_, i) => lex.match(words, i)?.entries.some((e) => e.k === 'rel') ?? false);
  // A new object has nowhere to step from: "the empty spot up top" is a place.
  if (steps && stepAt >= 0 && rel < 0 && !placeAfter && (!hasPrep || counted)) {
    const n = words.map((x) => lex.match([x], 0)?.entries.find((e) => e.k === 'number')).find((e) => e);
    const solo = words.every((x, i) => i === stepAt || FUNCTION_WORDS.has(x) || /^(one|a|cell|cells|space|spaces|step|steps|spot|spots|square|squares|row|rows|column|columns|place|places|more|bit|further|over|notch|to|the)$/.test(x) || lex.match([x], 0)?.entries.some((e) => e.k === 'number'));
    if (solo || counted) return { dest: { kind: 'step', dir: STEP_WORDS[words[stepAt]!]!, count: n && n.k === 'number' ? n.n : 1 }, unknown: [] };
  }
  const ref = readRef(words, lex);
  if (ref.rel) return { dest: { kind: 'rel', dir: ref.rel.dir, landmark: ref.rel.landmark }, unknown: ref.unknown };
  const grid = lex.schema.grid;
  // Re-read the place words as a destination: a lone side is the middle of that side.
  const p = noPlace();
  for (let i = 0; i < words.length; ) {
    const m = lex.match(words, i);
    if (m) {
      const side = entry(m.entries, 'side');
      const g = entry(m.entries, 'grid');
      if (side) sideWord(p, side);
      else if (entry(m.entries, 'middle')) p.middle++;
      else if (g?.what === 'row') p.row = true;
      else if (g?.what === 'column') p.column = true;
      else if (g?.what === 'corner' || g?.what === 'corners') p.corner = true;
      else if (g?.what === 'edge') p.edge = true;
    }
    i += m?.n ?? 1;
  }
  // "the empty spot up top": a lone side with "empty" is that whole side, narrowed to its free cells later.
  const lone = (p.vertical === undefined) !== (p.horizontal === undefined) && p.middle === 0 && !p.corner && !p.edge;
  if (ref.empty && lone) {
    p.row = p.vertical !== undefined;
    p.column = p.horizontal !== undefined;
  }
  const place = grid ? readPlace(p, grid.rows, grid.cols, true) : null;
  if (place && 'cells' in place) return { dest: { kind: 'place', place, ...(ref.empty ? { empty: true } : {}) }, unknown: ref.unknown.filter((x) => !STEP_WORDS[x]) };
  if (ref.empty) return { dest: { kind: 'place', place: { cells: [] }, empty: true }, unknown: ref.unknown };
  return { dest: null, unknown: ref.unknown };
}
