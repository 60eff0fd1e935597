/** Answers questions about the picture from the scene (changing nothing), hedging on low-confidence cells. */
import { LOW_CONFIDENCE } from '../../../dialogue/confidence.ts';
import { capitalize, joinAnd } from '../../../dialogue/wording.ts';
import type { Reading } from '../../../understanding/reading.ts';
import { matchRef, type Ref } from '../refs.ts';
import { neighbor, objectAt, occupiedCells, type Attribute, type Direction, type Scene, type SceneObject } from '../scene.ts';
import { CELL_NAMES, descWords, inCell, objectRef, objectWords, valueWord, withArticle } from './phrases.ts';
import { parseQuestions, type Place, type Question, type Test } from './question-parse.ts';

/** What an answer needs: the scene, the pronoun referent and the recognizer's per-cell confidence. */
export interface AnswerContext {
  scene: Scene;
  referent: readonly number[] | null;
  confidence?: readonly number[] | undefined;
}

/** The reply, and the cells the question was about (the next "it"), when it singled some out. */
export interface Answer {
  reply: string;
  referent: number[] | null;
}

const REL_WORDS: Readonly<Record<Direction, string>> = { left: 'left of', right: 'right of', up: 'above', down: 'below' };
const EDGES: Readonly<Record<Direction, string>> = { left: 'left', right: 'right', up: 'top', down: 'bottom' };

/** Answers one question. */
export function answerQuestion(q: Question, ctx: AnswerContext): Answer {
  const { scene } = ctx;
  const hedge = (c: number) => (ctx.confidence?.[c] !== undefined && ctx.confidence[c]! < LOW_CONFIDENCE ? " (I'm not sure about that one)" : '');
  const named = (c: number) => `${objectRef(scene, c)}${hedge(c)}`;
  const thing = (c: number) => `${withArticle(objectWords(objectAt(scene, c)))} ${inCell(c)}${hedge(c)}`;
  const where = (cells: readonly number[]) => `in ${joinAnd(cells.map((c) => `the ${CELL_NAMES[c]}`))}`;
  const say = (reply: string, referent: number[] | null = null): Answer => ({ reply, referent });
  const find = (ref: Ref) => matchRef(scene, ref, ctx.referent);
  const noun = (ref: Ref, plural: boolean) => (ref.kind === 'pronoun' ? (plural ? 'ones' : 'one') : descWords(ref, plural));
  const missing = (ref: Ref): Answer => say(ref.kind === 'pronoun'
    ? "I'm not sure which shape you mean; please name it, for example \"the circle\"."
    : `There is no ${ref.cell !== undefined || ref.rel || ref.extreme ? 'such ' : ''}${descWords(ref, false)}.`);

  switch (q.q) {
    case 'describe': {
      const cells = occupiedCells(scene);
      if (cells.length === 0) return say('The picture is empty.');
      return say(`I see ${cells.length} shape${cells.length > 1 ? 's' : ''}: ${joinAnd(cells.map(thing))}.`);
    }
    case 'count': {
      const cells = find(q.ref);
      if (cells.length === 0) return say(`There are no ${noun(q.ref, true)}.`);
      if (cells.length === 1) return say(`There is 1 ${noun(q.ref, false)}, ${where(cells)}.`, cells);
      return say(`There are ${cells.length} ${noun(q.ref, true)}: ${where(cells)}.`, cells);
    }
    case 'exists': {
      const cells = find(q.ref);
      if (cells.length === 0) return q.ref.kind === 'pronoun' ? missing(q.ref) : say(`No, there is no ${noun(q.ref, false)}.`);
      if (cells.length === 1) return say(`Yes, there is ${thing(cells[0]!)}.`, cells);
      return say(`Yes, there are ${cells.length}: ${joinAnd(cells.map(thing))}.`, cells);
    }
    case 'attr': {
      const cells = find(q.ref);
      if (cells.length === 0) return missing(q.ref);
      const one = (c: number) => {
        const o = objectAt(scene, c);
        return q.attr === 'shape'
          ? `the ${valueWord('color', o)} shape ${inCell(c)}${hedge(c)} is ${withArticle(valueWord('shape', o))}`
          : `${named(c)} is ${valueWord(q.attr, o)}`;
      };
      return say(`${capitalize(joinAnd(cells.map(one)))}.`, cells);
    }
    case 'where': {
      const cells = find(q.ref);
      if (cells.length === 0) return missing(q.ref);
      if (cells.length === 1) return say(`${capitalize(q.ref.kind === 'pronoun' ? 'it' : `the ${noun(q.ref, false)}`)} is ${where(cells)}${hedge(cells[0]!)}.`, cells);
      return say(`There are ${cells.length} ${noun(q.ref, true)}: ${where(cells)}.`, cells);
    }
    case 'what': {
      const cells = find(q.ref);
      if (cells.length === 0) return missing(q.ref);
      return say(`${cells.length === 1 ? "It's" : `There are ${cells.length}:`} ${joinAnd(cells.map(thing))}.`, cells);
    }
    case 'at':
      return answerPlace(q.place, ctx, { named, thing, missing, find, say });
    case 'check':
    case 'which': {
      const cells = find(q.ref);
      if (cells.length === 0) return missing(q.ref);
      const ok = (c: number) => passes(q.test, c, ctx);
      const wanted = testWords(q.test);
      const actual = (c: number) => (q.test.kind === 'place' ? inCell(c) : actualWords(q.test.want, objectAt(scene, c)));
      if (q.q === 'which') {
        const hits = cells.filter(ok);
        if (hits.length === 0) return say(`None of them is ${wanted}.`);
        return say(`${capitalize(joinAnd(hits.map(named)))} ${hits.length > 1 ? 'are' : 'is'} ${wanted}.`, hits);
      }
      if (cells.length === 1) {
        const c = cells[0]!;
        // A place test names the object without its place: "Yes, the heart is in the bottom left."
        const o = objectAt(scene, c);
        const it = q.test.kind === 'place' ? `the ${valueWord('shape', o)}${hedge(c)}`
          : q.test.want.shape ? `the ${valueWord('color', o)} shape ${inCell(c)}${hedge(c)}` : named(c);
        return say(ok(c) ? `Yes, ${it} is ${wanted}.` : `No, ${it} is ${actual(c)}.`, cells);
      }
      const hits = cells.filter(ok);
      if (q.ref.number !== 'one' && hits.length === cells.length) return say(`Yes, all ${cells.length} are ${wanted}.`, cells);
      if (q.ref.number !== 'one' && hits.length === 0) return say(`No, none of them is ${wanted}.`, cells);
      const lead = q.ref.number === 'one' ? `There are ${cells.length} ${noun(q.ref, true)}` : 'Not all of them';
      return say(`${lead}: ${joinAnd(cells.map((c) => `${named(c)} is ${actual(c)}`))}.`, cells);
    }
  }
}

interface Helpers {
  named: (c: number) => string;
  thing: (c: number) => string;
  missing: (ref: Ref) => Answer;
  find: (ref: Ref) => number[];
  say: (reply: string, referent?: number[] | null) => Answer;
}

function answerPlace(place: Place, ctx: AnswerContext, h: Helpers): Answer {
  if (place.kind === 'cell') {
    const c = place.cell;
    return ctx.scene.cells[c] ? h.say(`${capitalize(inCell(c))} there is ${h.thing(c).replace(` ${inCell(c)}`, '')}.`, [c])
      : h.say(`The ${CELL_NAMES[c]} is empty.`);
  }
  const landmarks = h.find(place.landmark);
  if (landmarks.length === 0) return h.missing(place.landmark);
  const parts: string[] = [];
  const found: number[] = [];
  for (const l of landmarks) {
    if (place.dirs.length === 1) {
      const dir = place.dirs[0]!;
      const c = neighbor(l, dir);
      if (c === null) parts.push(`${h.named(l)} is at the ${EDGES[dir]} edge, so nothing is ${REL_WORDS[dir]} it`);
      else if (!ctx.scene.cells[c]) parts.push(`nothing is ${REL_WORDS[dir]} ${h.named(l)}`);
      else (parts.push(`${REL_WORDS[dir]} ${h.named(l)} there is ${h.thing(c)}`), found.push(c));
      continue;
    }
    const near = place.dirs.flatMap((d) => {
      const c = neighbor(l, d);
      return c !== null && ctx.scene.cells[c] ? [c] : [];
    });
    found.push(...near);
    parts.push(near.length ? `next to ${h.named(l)} there ${near.length > 1 ? 'are' : 'is'} ${joinAnd(near.map(h.thing))}` : `nothing is next to ${h.named(l)}`);
  }
  return h.say(`${capitalize(parts.join('; '))}.`, found.length ? found : null);
}

function passes(test: Test, c: number, ctx: AnswerContext): boolean {
  if (test.kind === 'value') {
    const o = objectAt(ctx.scene, c);
    return (Object.keys(test.want) as Attribute[]).every((a) => o[a] === test.want[a]);
  }
  const p = test.place;
  if (p.kind === 'cell') return c === p.cell;
  return matchRef(ctx.scene, p.landmark, ctx.referent).some((l) => p.dirs.some((d) => neighbor(l, d) === c));
}

function actualWords(want: Partial<SceneObject>, o: SceneObject): string {
  return valueWordsOf(Object.keys(want) as Attribute[], o);
}

function valueWordsOf(attrs: readonly Attribute[], o: Partial<SceneObject>): string {
  const order: Attribute[] = ['size', 'color', 'texture', 'shape'];
  const full = o as SceneObject;
  const ws = order.filter((a) => attrs.includes(a) && o[a] !== undefined).map((a) => valueWord(a, full));
  return o.shape !== undefined && attrs.includes('shape') ? withArticle(ws.join(' ')) : ws.join(' ');
}

function testWords(test: Test): string {
  if (test.kind === 'value') return valueWordsOf(Object.keys(test.want) as Attribute[], test.want);
  const p = test.place;
  if (p.kind === 'cell') return inCell(p.cell);
  const lm = p.landmark.kind === 'pronoun' ? 'it' : `the ${descWords(p.landmark, false)}`;
  return p.dirs.length === 1 ? `${REL_WORDS[p.dirs[0]!]} ${lm}` : `next to ${lm}`;
}

/** Answers a turn the understanding model read as questions: each question of its words, or why not. */
export function answerTurn(reading: Reading, scene: Scene, referent: number[] | null, confidence?: readonly number[]): { reply: string; referent: number[] | null } {
  const text = reading.utterance.words.filter((w) => !/^[.,!;:]$/.test(w)).join(' ');
  const qs = parseQuestions(text.endsWith('?') ? text : `${text}?`);
  if (!qs) return { reply: 'I can answer questions like "what color is the star?", "how many circles are there?" or "what is left of the star?", but not that one.', referent: null };
  let ref = referent;
  const replies = qs.map((q) => {
    const a = answerQuestion(q, { scene, referent: ref, confidence });
    if (a.referent) ref = a.referent;
    return a.reply;
  });
  return { reply: replies.join(' '), referent: ref === referent ? null : ref };
}
