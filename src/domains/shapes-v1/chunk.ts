/** Splits a normalized sentence into noun phrases, new objects, values and destinations (interpreter front end). */
import {
  ATTRIBUTE_TABLE, COLOR_TABLE, COMPARATIVE_TABLE, DETERMINER_TABLE, EXTREME_TABLE, GENERIC_TABLE, INDEFINITE_TABLE,
  POSITION_TABLE, PRONOUN_TABLE, RELATION_TABLE, SHAPE_TABLE, SIDE_DIRECTION, SIZE_TABLE, STEP_TABLE, STEP_UNIT_TABLE,
  TEXTURE_NOUN_TABLE, TEXTURE_TABLE,
} from './phrase-table.ts';
import type { Desc, Ref } from './refs.ts';
import type { Attribute, Color, Direction, Shape, Size, Texture } from './scene.ts';

/** A parsed reference and the word span it covers; `tails` are starts of trailing phrases that could be a destination. */
export interface NounPhrase {
  ref: Ref;
  start: number;
  end: number;
  tails: number[];
}
/** Where something goes. */
export type DestPhrase = { kind: 'cell'; cell: number } | { kind: 'step'; dir: Direction } | { kind: 'rel'; dir: Direction; landmark: NounPhrase };
/** A new object ("a small red star with dots in the top left"). */
export interface ObjectPhrase {
  shape?: Shape;
  color?: Color;
  size?: Size;
  texture?: Texture;
  dest: DestPhrase | null;
}
/** A value an edit sets. */
export type Value =
  | { k: 'color'; v: Color }
  | { k: 'size'; v: Size }
  | { k: 'texture'; v: Texture }
  | { k: 'cmp'; v: 'bigger' | 'smaller' }
  | { k: 'same'; attr: Attribute; source: NounPhrase | null };
/** One constituent of a sentence. */
export type Chunk =
  | { t: 'np'; np: NounPhrase }
  | { t: 'obj'; obj: ObjectPhrase }
  | { t: 'val'; val: Value }
  | { t: 'texn'; v: 'striped' | 'dotted' }
  | { t: 'dest'; dest: DestPhrase }
  | { t: 'w'; w: string };

const POS_PREPS = new Set(['in', 'at', 'on']);
const POS_SUFFIXES = new Set(['side', 'cell', 'spot', 'corner']);

// "in the top left (corner)": returns the cell (or, in answers, the extreme of a bare side word) and the end.
function positionPhrase(w: readonly string[], i: number, end: number, preps: Set<string>, answer: boolean) {
  if (!preps.has(w[i] ?? '') || w[i + 1] !== 'the') return null;
  const pos = POSITION_TABLE.match(w, i + 2, end);
  if (!pos) return null;
  let k = i + 2 + pos.n;
  if (k < end && POS_SUFFIXES.has(w[k]!)) k++;
  const side = pos.n === 1 ? SIDE_DIRECTION[w[i + 2]!] : undefined;
  return answer && side ? { extreme: side, end: k } : { cell: pos.value, end: k };
}

// Adjectives before a noun; returns the index after them.
function adjectives(w: readonly string[], j: number, end: number, d: Desc, allowPlace: boolean): number {
  for (;;) {
    const pos = allowPlace ? POSITION_TABLE.match(w, j, end) : null;
    const ex = allowPlace ? EXTREME_TABLE.match(w, j, end) : null;
    if (pos && (pos.n > 1 || SIDE_DIRECTION[w[j]!] === undefined) && (!ex || pos.n >= ex.n)) {
      d.cell = pos.value;
      j += pos.n;
      continue;
    }
    if (ex) {
      d.extreme = ex.value;
      j += ex.n;
      continue;
    }
    const k = adjective(w, j, end, d);
    if (k === j) return j;
    j = k;
  }
}

function adjective(w: readonly string[], j: number, end: number, d: Desc): number {
  const m = SIZE_TABLE.match(w, j, end);
  if (m) return (d.size = m.value), j + m.n;
  const c = COLOR_TABLE.match(w, j, end);
  if (c) return (d.color = c.value), j + c.n;
  const t = TEXTURE_TABLE.match(w, j, end);
  if (t) return (d.texture = t.value), j + t.n;
  return j;
}

/** "of red color", "of small size", "of striped texture" after a noun: the end of the phrase, or j when none (the
 * adjective must be of the attribute named). */
function ofAttribute(w: readonly string[], j: number, end: number, d: Desc): number {
  const one: Desc = {};
  const k = adjective(w, j + 1, end, one);
  const attr = k > j + 1 ? ATTRIBUTE_TABLE.match(w, k, end) : null;
  if (!attr || !(attr.value in one)) return j;
  Object.assign(d, one);
  return k + attr.n;
}

/** Parses a definite noun phrase or pronoun at word i; `answer` allows "left", "the red one", "the one on the left". */
export function parseNounPhrase(w: readonly string[], i: number, end = w.length, answer = false): NounPhrase | null {
  let pr = PRONOUN_TABLE.match(w, i, end);
  // "move this one spot left": the "one" belongs to the step, the pronoun is "this".
  if (pr && pr.n > 1 && STEP_UNIT_TABLE.match(w, i + pr.n - 1, end)) pr = PRONOUN_TABLE.match(w, i, i + pr.n - 1);
  if (pr && !(w[i] === 'that' && w[i + 1] === 'is')) {
    let j = i + pr.n;
    const ref: Ref = { kind: 'pronoun', number: pr.value };
    if (pr.n === 1 && ['that', 'this', 'those', 'these'].includes(w[i]!)) {
      const sh = SHAPE_TABLE.match(w, j, end);
      const g = sh || STEP_UNIT_TABLE.match(w, j, end) ? null : GENERIC_TABLE.match(w, j, end);
      if (sh) [ref.shape, j] = [sh.value.shape, j + sh.n];
      else if (g) j += g.n;
    }
    return { ref, start: i, end: j, tails: [] };
  }
  let j = i;
  const det = DETERMINER_TABLE.match(w, j, end);
  if (det) j += det.n;
  else if (!answer) return null;
  const d: Desc = {};
  j = adjectives(w, j, end, d, true);
  let plural = false;
  const sh = SHAPE_TABLE.match(w, j, end);
  const g = sh || STEP_UNIT_TABLE.match(w, j, end) ? null : GENERIC_TABLE.match(w, j, end);
  if (sh) [d.shape, plural, j] = [sh.value.shape, sh.value.plural, j + sh.n];
  else if (g) [plural, j] = [g.value.plural, j + g.n];
  else if (!answer || j === i || (det && j === i + det.n)) return null;
  const spans: { start: number; end: number }[] = [];
  for (;;) {
    const pos = positionPhrase(w, j, end, POS_PREPS, answer);
    if (pos) {
      spans.push({ start: j, end: pos.end });
      if (pos.extreme) d.extreme = pos.extreme;
      else d.cell = pos.cell;
      j = pos.end;
      continue;
    }
    const rel = RELATION_TABLE.match(w, j, end);
    const lm = rel ? parseNounPhrase(w, j + rel.n, end) : null;
    if (rel && lm) {
      spans.push({ start: j, end: lm.end }, ...lm.tails.map((s) => ({ start: s, end: lm.end })));
      d.rel = { dir: rel.value, landmark: lm.ref };
      j = lm.end;
      continue;
    }
    const tn = w[j] === 'with' ? TEXTURE_NOUN_TABLE.match(w, j + 1, end) : null;
    if (tn) [d.texture, j] = [tn.value, j + 1 + tn.n];
    else if ((w[j] === 'that' || w[j] === 'which') && (w[j + 1] === 'is' || w[j + 1] === 'are')) {
      // One adjective only: in "make the circle that is red blue" the second is the new value.
      const k = adjective(w, j + 2, end, d);
      if (k === j + 2) break;
      j = k;
    } else {
      const k = w[j] === 'of' ? ofAttribute(w, j, end, d) : j;
      if (k === j) break;
      j = k;
    }
  }
  const number = det?.value ?? (plural ? 'all' : 'one');
  return { ref: { kind: 'desc', number, ...d }, start: i, end: j, tails: spans.filter((s) => s.end === j).map((s) => s.start) };
}

function startsNoun(w: readonly string[], i: number, end: number): boolean {
  return adjectives(w, i, end, {}, false) > i || SHAPE_TABLE.match(w, i, end) !== null ||
    (GENERIC_TABLE.match(w, i, end) !== null && STEP_UNIT_TABLE.match(w, i, end) === null);
}

/** Parses a destination at word i: "to the top right", "left of the star", "one cell up". */
function parseDest(w: readonly string[], i: number, end: number): { dest: DestPhrase; end: number } | null {
  const rel = RELATION_TABLE.match(w, i, end);
  const lm = rel ? parseNounPhrase(w, i + rel.n, end) : null;
  if (rel && lm) return { dest: { kind: 'rel', dir: rel.value, landmark: lm }, end: lm.end };
  const pos = positionPhrase(w, i, end, new Set([...POS_PREPS, 'to', 'into']), false);
  // "on the top left dotted square" is a noun phrase with a position adjective, not a destination.
  if (pos && pos.cell !== undefined && !startsNoun(w, pos.end, end)) return { dest: { kind: 'cell', cell: pos.cell }, end: pos.end };
  const unit = STEP_UNIT_TABLE.match(w, i, end);
  let j = unit ? i + unit.n : i;
  if (unit && w[j] === 'to' && w[j + 1] === 'the') j += 2;
  const st = STEP_TABLE.match(w, j, end);
  return st ? { dest: { kind: 'step', dir: st.value }, end: j + st.n } : null;
}

/** Parses a new object after its indefinite article. */
function parseObject(w: readonly string[], i: number, end: number): { obj: ObjectPhrase; end: number } | null {
  const d: Desc = {};
  let j = adjectives(w, i, end, d, false);
  const sh = SHAPE_TABLE.match(w, j, end);
  const g = sh ? null : GENERIC_TABLE.match(w, j, end);
  if (!sh && !g) return null;
  j += (sh ?? g)!.n;
  const obj: ObjectPhrase = { ...d, ...(sh ? { shape: sh.value.shape } : {}), dest: null };
  const tn = w[j] === 'with' ? TEXTURE_NOUN_TABLE.match(w, j + 1, end) : null;
  if (tn) [obj.texture, j] = [tn.value, j + 1 + tn.n];
  const dest = parseDest(w, j, end);
  if (dest && dest.dest.kind !== 'step') [obj.dest, j] = [dest.dest, dest.end];
  return { obj, end: j };
}

/** Chunks a whole sentence (words already normalized) left to right. */
export function chunkSentence(w: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  const n = w.length;
  for (let i = 0; i < n; ) {
    // "the shape of X", "the color of X": an attribute noun, not a noun phrase.
    const an = w[i] === 'the' ? ATTRIBUTE_TABLE.match(w, i + 1, n) : null;
    if (an && w[i + 1 + an.n] === 'of') {
      for (let k = i; k < i + 1 + an.n; k++) out.push({ t: 'w', w: w[k]! });
      i += 1 + an.n;
      continue;
    }
    if (w[i] === 'the' && w[i + 1] === 'same') {
      const attr = ATTRIBUTE_TABLE.match(w, i + 2, n);
      if (attr) {
        let j = i + 2 + attr.n;
        const source = w[j] === 'as' ? parseNounPhrase(w, j + 1, n) : null;
        if (source) j = source.end;
        out.push({ t: 'val', val: { k: 'same', attr: attr.value, source } });
        i = j;
        continue;
      }
    }
    const ind = INDEFINITE_TABLE.match(w, i, n);
    const obj = ind ? parseObject(w, i + ind.n, n) : null;
    if (obj) [i] = [obj.end, out.push({ t: 'obj', obj: obj.obj })];
    else {
      const dest = parseDest(w, i, n);
      if (dest) [i] = [dest.end, out.push({ t: 'dest', dest: dest.dest })];
      else {
        const np = parseNounPhrase(w, i, n);
        if (np) [i] = [np.end, out.push({ t: 'np', np })];
        else i = valueOrWord(w, i, out);
      }
    }
  }
  return out;
}

function valueOrWord(w: readonly string[], i: number, out: Chunk[]): number {
  const c = COLOR_TABLE.match(w, i);
  if (c) return out.push({ t: 'val', val: { k: 'color', v: c.value } }), i + c.n;
  const s = SIZE_TABLE.match(w, i);
  if (s) return out.push({ t: 'val', val: { k: 'size', v: s.value } }), i + s.n;
  const t = TEXTURE_TABLE.match(w, i);
  if (t) return out.push({ t: 'val', val: { k: 'texture', v: t.value } }), i + t.n;
  const cmp = COMPARATIVE_TABLE.match(w, i);
  if (cmp) return out.push({ t: 'val', val: { k: 'cmp', v: cmp.value } }), i + cmp.n;
  const tn = TEXTURE_NOUN_TABLE.match(w, i);
  if (tn) return out.push({ t: 'texn', v: tn.value }), i + tn.n;
  out.push({ t: 'w', w: w[i]! });
  return i + 1;
}
