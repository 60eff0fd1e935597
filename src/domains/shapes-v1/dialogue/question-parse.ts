/**
 * Recognizes questions about the picture ("what color is the star?", "how many circles are there?", "is there a
 * heart?", "what is left of the star?", "is it striped?") on top of the interpreter's noun-phrase parser.
 */
import { parseNounPhrase } from '../chunk.ts';
import { correctTypos, stripFiller } from '../normalize.ts';
import {
  ATTRIBUTE_TABLE, COLOR_TABLE, POSITION_TABLE, RELATION_TABLE, SHAPE_TABLE, SIZE_TABLE, TEXTURE_NOUN_TABLE, TEXTURE_TABLE,
} from '../phrase-table.ts';
import type { Ref } from '../refs.ts';
import type { Attribute, Direction, SceneObject } from '../scene.ts';
import { words } from '../tokenizer.ts';

/** A place asked about: a cell, or the cells next to a landmark in some directions. */
export type Place = { kind: 'cell'; cell: number } | { kind: 'rel'; dirs: Direction[]; landmark: Ref };
/** What a yes/no question checks: attribute values, or a place. */
export type Test = { kind: 'value'; want: Partial<SceneObject> } | { kind: 'place'; place: Place };
/** A parsed question about the picture. */
export type Question =
  | { q: 'describe' }
  | { q: 'count' | 'exists' | 'where' | 'what'; ref: Ref }
  | { q: 'attr'; attr: Attribute; ref: Ref }
  | { q: 'at'; place: Place }
  | { q: 'check' | 'which'; ref: Ref; test: Test };

/** Question words, kept away from typo correction (they are not instruction words). */
const KEEP = new Set(['what', 'how', 'many', 'where', 'is', 'are', 'there', 'any', 'see', 'describe', 'which', 'do',
  'does', 'you', 'tell', 'me', 'count', 'have', 'has', 'anything', 'something', 'next', 'beside', 'near', 'around',
  'a', 'an', 'some', 'picture', 'image', 'look', 'like', 'know']);
const CONTRACTIONS: Readonly<Record<string, string[]>> = {
  "what's": ['what', 'is'], whats: ['what', 'is'], "where's": ['where', 'is'], wheres: ['where', 'is'],
  "there's": ['there', 'is'], "isn't": ['is'], "aren't": ['are'], "who's": ['what', 'is'], who: ['what'],
};
const DESCRIBE = new Set(['describe', 'describe the picture', 'describe the image', 'describe it', 'what do you see',
  'what can you see', 'what is there', 'what is in the picture', 'what is in the image', 'what is on the picture',
  'what does the picture look like', 'what does it look like', 'what shapes are there', 'what is in it',
  'what shapes are in the picture', 'what have we got', 'what do we have']);
const BE = new Set(['is', 'are']);
const NEAR = new Set(['next to', 'beside', 'near', 'around', 'by']);
const ALL_DIRS: Direction[] = ['left', 'right', 'up', 'down'];

/** Normalized words of a question sentence (typo-corrected, politeness and "tell me" dropped). */
export function questionWords(text: string): string[] {
  const ws = words(text).flatMap((w) => CONTRACTIONS[w] ?? [w]);
  let out = stripFiller(ws.map((w) => (KEEP.has(w) ? w : correctTypos([w])[0]!)));
  for (const lead of [['tell', 'me'], ['do', 'you', 'know'], ['i', 'wonder']]) {
    if (lead.every((x, i) => out[i] === x) && out.length > lead.length) out = out.slice(lead.length);
  }
  while (out.length > 2 && ['picture', 'image'].includes(out[out.length - 1]!) && ['in', 'on'].includes(out[out.length - 3]!)) {
    out = out.slice(0, -3); // "... in the picture"
  }
  return out;
}

/** A reference spanning exactly w[i..end): definite or pronoun first, then a bare answer-style phrase. */
function refAt(w: readonly string[], i: number, end: number): Ref | null {
  if (i >= end) return null;
  for (const answer of [false, true]) {
    const np = parseNounPhrase(w, i, end, answer);
    if (np && np.end === end) return np.ref;
  }
  return null;
}

function placeAt(w: readonly string[], i: number, end: number): Place | null {
  const rel = RELATION_TABLE.match(w, i, end);
  const near = [2, 1].map((n) => w.slice(i, i + n).join(' ')).find((p) => NEAR.has(p));
  if (rel || near) {
    const landmark = refAt(w, i + (rel ? rel.n : near!.split(' ').length), end);
    return landmark && { kind: 'rel', dirs: rel ? [rel.value] : ALL_DIRS, landmark };
  }
  const j = ['in', 'at', 'on'].includes(w[i]!) && w[i + 1] === 'the' ? i + 2 : i;
  const pos = POSITION_TABLE.match(w, j, end);
  if (!pos) return null;
  const k = j + pos.n + (['corner', 'cell', 'spot', 'side'].includes(w[j + pos.n]!) ? 1 : 0);
  return k === end ? { kind: 'cell', cell: pos.value } : null;
}

function testAt(w: readonly string[], i: number, end: number): Test | null {
  const place = placeAt(w, i, end);
  if (place) return { kind: 'place', place };
  const j = w[i] === 'a' || w[i] === 'an' ? i + 1 : i;
  const want: Partial<SceneObject> = {};
  let k = j;
  for (let moved = true; moved && k < end; ) {
    moved = false;
    for (const [table, key] of [[COLOR_TABLE, 'color'], [SIZE_TABLE, 'size'], [TEXTURE_TABLE, 'texture']] as const) {
      const m = table.match(w, k, end);
      if (m) [(want as Record<string, unknown>)[key], k, moved] = [m.value, k + m.n, true];
    }
  }
  const sh = SHAPE_TABLE.match(w, k, end);
  if (sh) [want.shape, k] = [sh.value.shape, k + sh.n];
  const w0 = w[k] === 'with' ? k + 1 : k; // "is it a circle with dots", "does it have stripes"
  const tn = w0 > k || k === j ? TEXTURE_NOUN_TABLE.match(w, w0, end) : null;
  if (tn) [want.texture, k] = [tn.value, w0 + tn.n];
  return k === end && k > j ? { kind: 'value', want } : null;
}

/** Subject + test, trying shorter subjects when the noun phrase swallowed the tested place ("is the star in the top left"). */
function subjectTest(w: readonly string[], i: number, end: number): { ref: Ref; test: Test } | null {
  for (const answer of [false, true]) {
    const np = parseNounPhrase(w, i, end, answer);
    if (!np) continue;
    for (const cut of [np.end, ...[...np.tails].sort((a, b) => b - a)]) {
      const head = cut === np.end ? np : parseNounPhrase(w, i, cut, answer);
      const test = head && head.end === cut ? testAt(w, cut, end) : null;
      if (head && test) return { ref: head.ref, test };
    }
  }
  return null;
}

const EXISTS_OPENERS = [['is', 'there'], ['are', 'there'], ['do', 'you', 'see'], ['can', 'you', 'see'], ['do', 'you', 'have'], ['see'], ['any']];
const COUNT_TAILS = [['are', 'there'], ['is', 'there'], ['do', 'you', 'see'], ['can', 'you', 'see'], ['do', 'i', 'have'], ['are', 'left'], ['there', 'are']];

function startsWith(w: readonly string[], p: readonly string[], at = 0): boolean {
  return p.every((x, k) => w[at + k] === x);
}

/** The question a sentence asks, or null when it is no question about the picture. */
export function parseQuestion(w: readonly string[]): Question | null {
  const n = w.length;
  if (n === 0) return null;
  if (DESCRIBE.has(w.join(' '))) return { q: 'describe' };
  if ((w[0] === 'how' && w[1] === 'many') || w[0] === 'count') {
    let end = n;
    const tail = COUNT_TAILS.find((t) => startsWith(w, t, n - t.length));
    if (tail) end -= tail.length;
    const ref = refAt(w, w[0] === 'count' ? 1 : 2, end);
    return ref && { q: 'count', ref };
  }
  const opener = EXISTS_OPENERS.find((o) => startsWith(w, o));
  if (opener) {
    let i = opener.length;
    if (['anything', 'something'].includes(w[i]!)) {
      const place = placeAt(w, i + 1, n);
      return place && { q: 'at', place };
    }
    const article = ['a', 'an', 'any', 'some'].includes(w[i]!);
    if (article) i++;
    const ref = article || opener[0] !== 'see' ? refAt(w, i, n) : null;
    if (ref) return { q: 'exists', ref };
  }
  if (w[0] === 'what' || w[0] === 'which') {
    const attr = ATTRIBUTE_TABLE.match(w, 1);
    if (attr) {
      // "what color is the star", "what color the star is", "what color does the star have"
      let i = 1 + attr.n;
      if (['is', 'are', 'does', 'do'].includes(w[i]!)) i++;
      const end = ['is', 'are', 'have', 'has'].includes(w[n - 1]!) ? n - 1 : n;
      const ref = refAt(w, i, end);
      if (ref) return { q: 'attr', attr: attr.value, ref };
    }
    if (BE.has(w[1]!) && w[2] === 'the') {
      const a = ATTRIBUTE_TABLE.match(w, 3);
      const ref = a && w[3 + a.n] === 'of' ? refAt(w, 4 + a.n, n) : null;
      if (a && ref) return { q: 'attr', attr: a.value, ref };
    }
  }
  if (w[0] === 'what' && BE.has(w[1]!)) {
    const at = w[2] === 'there' ? 3 : 2;
    const place = placeAt(w, at, n);
    if (place) return { q: 'at', place };
    const ref = refAt(w, 2, n);
    if (ref) return { q: 'what', ref };
  }
  if (w[0] === 'where') {
    const ref = BE.has(w[1]!) ? refAt(w, 2, n) : BE.has(w[n - 1]!) ? refAt(w, 1, n - 1) : null;
    if (ref) return { q: 'where', ref };
  }
  if (BE.has(w[0]!)) {
    const st = subjectTest(w, 1, n);
    if (st) return { q: 'check', ...st };
  }
  if (w[0] === 'which') {
    const be = w.findIndex((x, k) => k > 0 && BE.has(x));
    const ref: Ref | null = be === 1 ? { kind: 'desc', number: 'all' } : be > 1 ? refAt(w, 1, be) : null;
    const test = ref ? testAt(w, be + 1, n) : null;
    if (ref && test) return { q: 'which', ref, test };
  }
  if ((w[0] === 'does' || w[0] === 'do') && n > 2) {
    const have = w.findIndex((x) => x === 'have' || x === 'has');
    const ref = have > 1 ? refAt(w, 1, have) : null;
    const j = w[have + 1] === 'any' ? have + 2 : have + 1;
    const test = ref ? testAt(w, j, n) : null;
    if (ref && test) return { q: 'check', ref, test };
  }
  return null;
}

/** The questions of a turn, one per sentence; null unless every sentence is a question about the picture. */
export function parseQuestions(text: string): Question[] | null {
  const parts = text.split(/[.!?;]+/).map(questionWords).filter((w) => w.length > 0);
  if (parts.length === 0) return null;
  const qs = parts.map(parseQuestion);
  return qs.every((q) => q !== null) ? (qs as Question[]) : null;
}
