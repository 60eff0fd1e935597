/**
 * Composes tagged utterances: a dialogue context, one to three clauses from the templates (later clauses may
 * leave their target out or use a pronoun), a greeting or remark as a clause of its own, fillers, a terse
 * style without function words, and typing noise. Each word keeps its role, its clause's operation and
 * whether it starts a clause.
 */
import type { Rng } from '../../../src/domain/rng.ts';
import type { Context, Op, Role } from '../../../src/understanding/tags.ts';
import { noisy } from './noise.ts';
import { fill, tagged, words, type Fillers, type Phrase } from './phrase.ts';
import { currentPhrase, destPhrase, placePhrase, refPhrase, stepPhrase, valuePhrase, type Words } from './slots.ts';
import { FOCUS, GRAMMAR_TEMPLATES, TEMPLATES } from './templates.ts';

/** One generated training example. */
export interface Example {
  context: Context;
  tokens: { w: string; role: Role | null; begin: boolean; op: Op; start: boolean }[];
}

const byOp = new Map<Op, string[][]>();
for (const t of [...TEMPLATES, ...GRAMMAR_TEMPLATES]) {
  if (!byOp.has(t.op)) byOp.set(t.op, []);
  byOp.get(t.op)!.push([...t.templates]);
}

const ANSWER_VALUE = ['{V}', '{V}', '{V} please', 'make it {V}', 'make them {V}', '[lets|let us] go with {V}', '[how about|maybe|i guess|um|hmm] {V}',
  '{V}[,|] thanks', 'i want {V}', '{V} i think', 'go with {V}', 'i said {V}', '{V} pls', 'just {V}', '{V}, please, and {V}', '{V}, with {V}',
  '{V} and {V}', 'a {V} one [please|]', '{V} one'];
const ANSWER_WHERE = ['{D}', '{D}', '{D} please', 'put it {D}', 'move it {D}', '[um|hmm|oh] {D}', 'i want it {D}', '{D} i guess', '{D} pls', 'just {D}',
  '{D}[,|] in {V}', '{D}. a {V} one', '{D}, {V} please', '{D} and make it {V}', 'the {P} [one|spot|]'];
const FOLLOW: Partial<Record<Op, string[]>> = {
  set: ['{V}', 'make it {V}', 'turn it {V}', '{V} too', 'also {V}', 'make them {V}', 'and {V}', 'give it {V}', 'make it {V} too', 'and make it {V}',
    '{T} {V}', 'and {T} {V}', 'make {T} {V}', '{T} to {V}', 'turn {T} {V}', 'and make {T} {V}', '{T} {V} [too|as well|]'],
  more: ['{V}', 'make it {V}', '{V} too', 'a bit {V}', 'make it {V} too', '{T} {V}', 'make {T} {V}'], less: ['{V}', 'make it {V}', '{V} too', 'make it {V} too', '{T} {V}', 'make {T} {V}'],
  move: ['move it {D}', '{D}', 'put it {D}', 'and move it {D}', 'then {D}', 'and put it {D}'], remove: ['remove it', 'delete it', 'get rid of it'],
};
const CONJ = ['and', 'and', 'then', 'and then', ', then', '.', ',', ', and', 'also', 'plus', '. also', '. now', ';', 'after that', ', also', '. then', 'and also', '-', '. and'];
const PREFIX = ['please', 'can you', 'could you', 'ok', 'okay', 'ok so', 'um', 'uh', 'hmm', 'alright', 'now', 'next', 'so', 'hey', 'hey parley',
  'right', 'well', 'oh', 'lol', 'pls', 'kindly', 'hi', 'ok now', 'and now', 'sorry', 'oops', 'then', 'also', 'ah', 'ooh', 'wait'];
const REMARKS = ['thank you', 'thanks', 'lovely', 'splendid', 'very nice', 'very good', 'good afternoon', 'good morning', 'perfect', 'great', 'cool',
  'nice', 'i see', 'ok cool', 'awesome', 'hmm', 'ok', 'excellent', 'better', 'that looks good', 'ha', 'nice one', 'love it', 'oh nice', 'brilliant'];
const SUFFIX = ['please', 'thanks', 'thank you', 'pls', 'thx', 'cheers', 'for me', 'if you can', 'if possible', 'when you get a chance', '!', '?', '.',
  'lol', 'mate', 'now', 'ok', 'quickly', 'as well', 'too', 'thanks!', 'plz', 'ty', ':)', 'would you', 'if you would', 'for my liking', 'again'];

const OPS_BY_CONTEXT: Record<Context, [Op, number][]> = {
  start: [['set', 28], ['more', 8], ['less', 8], ['remove', 8], ['add', 8], ['move', 8], ['swap', 5], ['copy', 2], ['question', 7], ['undo', 2], ['reset', 1], ['other', 5], ['select', 2]],
  edited: [['set', 22], ['more', 7], ['less', 7], ['remove', 6], ['add', 6], ['move', 7], ['swap', 4], ['copy', 3], ['question', 5], ['undo', 8], ['redo', 3], ['reset', 3], ['other', 4], ['repeat', 8], ['fix', 8], ['cancel', 1]],
  which: [['select', 60], ['set', 5], ['more', 2], ['remove', 2], ['move', 2], ['cancel', 7], ['undo', 3], ['question', 3], ['other', 2], ['fix', 2], ['add', 2]],
  where: [['select', 70], ['add', 4], ['move', 4], ['cancel', 8], ['undo', 3], ['other', 2], ['set', 2]],
  value: [['set', 75], ['cancel', 8], ['undo', 3], ['other', 3], ['remove', 2], ['more', 2], ['less', 2]],
  confirm: [['yes', 40], ['no', 18], ['fix', 16], ['select', 8], ['set', 4], ['more', 2], ['move', 2], ['add', 2], ['cancel', 5], ['undo', 2], ['other', 2]],
  what: [['set', 30], ['more', 10], ['less', 10], ['remove', 12], ['move', 10], ['cancel', 10], ['swap', 3], ['other', 3], ['undo', 2]],
  other: [['set', 24], ['more', 7], ['less', 7], ['remove', 7], ['add', 6], ['move', 7], ['swap', 4], ['question', 10], ['undo', 6], ['redo', 3], ['reset', 3], ['other', 6], ['select', 3], ['repeat', 3]],
};
const CONTEXT_WEIGHTS: [Context, number][] = [['start', 28], ['edited', 36], ['which', 12], ['where', 4], ['value', 4], ['confirm', 7], ['what', 4], ['other', 5]];
const FOLLOW_OPS: [Op, number][] = [['set', 30], ['more', 8], ['less', 8], ['remove', 6], ['move', 8], ['add', 4], ['swap', 3], ['repeat', 2], ['copy', 1]];

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  let r = rng.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [x, w] of items) if ((r -= w) < 0) return x;
  return items[0]![0];
}

function objectPhrase(rng: Rng, ws: Words): Phrase {
  if (rng.chance(0.06)) return words(rng.pick(['another one', 'one more', 'another one just like it', 'an identical one', 'a copy of it', 'the same thing again']));
  const parts = [rng.pick(['a', 'a', 'a', 'an', 'another', 'one more', 'a new', 'a little', 'a big', 'one', '', '', 'some'])];
  for (const a of rng.shuffle([...ws.adjectives]).slice(0, rng.pick([0, 1, 1, 2, 2, 3]))) parts.push(ws.value(rng, a, rng.pick(a.values)));
  if (ws.noun) parts.push(rng.chance(0.9) ? ws.value(rng, ws.noun, rng.pick(ws.noun.values), 0.25) : rng.pick(['one', 'shape', 'thing']));
  if (rng.chance(0.1)) parts.push(rng.pick(['with stripes', 'with dots', 'with polka dots', 'that is striped', 'in stripes']));
  return words(parts.join(' ').replace(/^an ([^aeiou])/, 'a $1'));
}

function fillers(rng: Rng, ws: Words, op: Op, context: Context, pronounRate?: number): Fillers {
  const size = ws.adjectives.find((a) => a.ordered);
  const texture = ws.adjectives.find((a) => a.valueNouns);
  const attrs = ws.schema.attributes;
  const pluralT = rng.chance(0.2);
  const pronoun = pronounRate ?? (context === 'edited' || context === 'what' ? 0.35 : context === 'start' ? 0.05 : 0.12);
  const T = (): Phrase => {
    const one = tagged('TGT', refPhrase(rng, ws, { plural: op === 'swap' ? rng.chance(0.3) : pluralT, answer: op === 'select', pronoun: op === 'select' ? 0.05 : pronoun }));
    if (op !== 'select' && op !== 'swap' && rng.chance(0.08)) return [...one, ...words(rng.pick(['and', ',', 'and also', '&', 'and the'])), ...tagged('TGT', refPhrase(rng, ws, { plural: false, pronoun: 0 }))];
    return one;
  };
  const verb = (key: string, fallback: string) => () => words(rng.pick(ws.schema.synonyms.verbs[key] ?? [fallback]));
  return {
    T,
    T2: () => tagged('TGT2', refPhrase(rng, ws, { plural: false, pronoun: 0 })),
    X: () => refPhrase(rng, ws, { plural: false, answer: true }),
    S: () => tagged('SRC', refPhrase(rng, ws, { plural: false, pronoun: 0.05 })),
    V: () => {
      if (op === 'add') return tagged('VAL', objectPhrase(rng, ws));
      if ((op === 'more' || op === 'less') && size) return tagged('VAL', stepPhrase(rng, size, op === 'less' ? -1 : 1));
      const a = rng.chance(0.25) && ws.noun ? ws.noun : rng.pick(attrs.filter((x) => !x.noun || rng.chance(0.3)));
      const out = tagged('VAL', valuePhrase(rng, ws, a));
      if (rng.chance(0.12)) {
        const b = rng.pick(attrs.filter((x) => x !== a && !x.noun));
        out.push(...words(rng.pick(['and', 'with', ',', '', 'and make it'])), ...tagged('VAL', valuePhrase(rng, ws, b)));
      }
      return out;
    },
    C: () => {
      if ((op === 'more' || op === 'less') && size) return tagged('CUR', currentPhrase(rng, ws, size, op === 'more' ? -1 : 1));
      const a = rng.pick(ws.adjectives);
      return tagged('CUR', words(rng.chance(0.3) ? rng.pick(['dull', 'bright', 'dark', 'plain', 'busy', 'boring', 'loud', 'flat', 'garish']) : ws.value(rng, a, rng.pick(a.values))));
    },
    OLD: () => tagged('CUR', words(texture ? rng.pick(Object.values(texture.valueNouns!).flat()) : 'stripes')),
    D: () => tagged('DEST', destPhrase(rng, ws)),
    A: () => tagged('VAL', words(rng.pick(rng.pick(attrs).nouns))),
    P: () => {
      const p = words(placePhrase(rng).replace(/^(in|at|on|over on|up in|down in) (the )?/, ''));
      return op === 'select' ? tagged('TGT', p) : p;
    },
    N: () => words(rng.pick(['two', 'three', '2', '3', 'a couple of', 'four', 'few'])),
    'VERB:change': verb('change', 'change'), 'VERB:grow': verb('grow', 'enlarge'), 'VERB:shrink': verb('shrink', 'shrink'),
    'VERB:remove': verb('remove', 'remove'), 'VERB:move': verb('move', 'move'), 'VERB:swap': verb('swap', 'swap'),
    'VERB:put': verb('put', 'put'), 'VERB:color': verb('color', 'color'),
  };
}

function clause(rng: Rng, ws: Words, op: Op, context: Context, follow: boolean, pronounRate?: number): Phrase {
  let templates: string[];
  if (context === 'value' && op === 'set') templates = ANSWER_VALUE;
  else if (context === 'where' && op === 'select') templates = ANSWER_WHERE;
  else if (follow && FOLLOW[op] && rng.chance(0.45)) templates = FOLLOW[op]!;
  else templates = rng.pick(byOp.get(op)!);
  return fill(rng, rng.pick(templates), fillers(rng, ws, op, context, pronounRate));
}

/** One tagged utterance. */
export function compose(rng: Rng, ws: Words, noise = true): Example {
  const context = weighted(rng, CONTEXT_WEIGHTS);
  const first = weighted(rng, OPS_BY_CONTEXT[context]);
  const editing = ['set', 'more', 'less', 'remove', 'add', 'move', 'swap', 'copy', 'repeat'].includes(first);
  const n = editing && context !== 'value' && context !== 'where' ? weighted(rng, [[1, 72], [2, 23], [3, 5]]) : 1;
  const tokens: Example['tokens'] = [];
  // A remark before the request ("Thank you. Now ...") is a clause of its own that asks for nothing; so is a
  // first sentence that points at the object the request then calls "it" ("see the star? make it red").
  if (editing && rng.chance(0.1)) words(`${rng.pick(REMARKS)} ${rng.pick(['.', ',', '!', '.'])}`).forEach((t, i) => tokens.push({ ...t, op: 'other', start: i === 0 }));
  const focus = editing && first !== 'add' && n === 1 && rng.chance(0.08);
  if (focus) fill(rng, rng.pick(FOCUS), fillers(rng, ws, 'other', context)).forEach((t, i) => tokens.push({ ...t, op: 'other', start: i === 0 }));
  for (let k = 0; k < n; k++) {
    const op = k === 0 ? first : weighted(rng, FOLLOW_OPS);
    const body = clause(rng, ws, op, context, k > 0, focus ? 0.9 : undefined);
    const lead = k === 0 ? (rng.chance(0.2) ? words(rng.pick(PREFIX)) : []) : words(rng.pick(CONJ));
    [...lead, ...body].forEach((t, i) => tokens.push({ ...t, op, start: i === 0 }));
  }
  if (rng.chance(0.15) && tokens.length) {
    const op = tokens[tokens.length - 1]!.op;
    for (const t of words(rng.pick(SUFFIX))) tokens.push({ ...t, op, start: false });
  }
  return { context, tokens: noise ? noisy(rng, tokens) : tokens };
}
