/**
 * One clause of a reading turned into changes: the operation's rules (set, step, remove, add, move, swap, copy,
 * repeat), new objects' attributes, and destinations. Needs and failures leave through Stop.
 */
import type { Change, Cells } from './changes.ts';
import { OTHER } from './english.ts';
import { repairClause } from './repairs.ts';
import type { Lexicon } from './lexicon.ts';
import { matchRef, neighbor, related, resolveRef } from './match.ts';
import type { Failure, Given, Need } from './outcome.ts';
import type { Clause } from './reading.ts';
import { isBare, readDest, readRef, type RefSpec, type ValueSpec } from './spans.ts';

/** How a clause ends early: a question to ask or a failure (caught by interpret). */
export class Stop {
  constructor(readonly result: { kind: 'ask'; need: Need } | { kind: 'fail'; failure: Failure; impossible: boolean }) {}
}
export const fail = (failure: Failure, impossible = true): never => {
  throw new Stop({ kind: 'fail', failure, impossible });
};
export const ask = (need: Need): never => {
  throw new Stop({ kind: 'ask', need });
};

const REMOVAL = /\b(remove|off|no|without|lose|drop|clear|rid|take|away|strip|erase)\b/;

/** What a clause can ask of interpret: its targets, its values, answers given, the scene so far. */
export interface ClauseTools {
  targets: (role: 'TGT' | 'TGT2' | 'SRC', required: boolean, prefer?: (cells: number[]) => number[]) => number[] | null;
  valuesOf: (role: 'VAL' | 'CUR' | 'NOT') => ValueSpec[];
  given: Given | undefined;
  cells: Cells;
  lex: Lexicon;
  previous: readonly Change[] | null;
  last: number[] | null;
}

export function clauseToChanges(c: Clause, ci: number, t: ClauseTools): Change[] {
  const schema = t.lex.schema;
  const ordered = schema.attributes.find((a) => a.ordered);
  switch (c.op) {
    case 'set': {
      const cells = t.targets('TGT', true)!;
      const all = [...t.valuesOf('VAL'), ...(t.given?.values ?? []).map((v) => ({ kind: 'set' as const, ...v }))];
      // The last value said for an attribute wins ("red, no, blue"; a correction's value over the old one).
      const vals = all.filter((v, i) => v.kind === 'attr' || !all.slice(i + 1).some((w) => w.attr === v.attr && w.kind !== 'attr'));
      const out: Change[] = [];
      for (const v of vals) {
        if (v.kind === 'set') out.push({ op: 'set', cells, attr: v.attr, value: v.value });
        else if (v.kind === 'step') out.push({ op: 'step', cells, attr: v.attr, dir: v.dir });
        else if (v.kind === 'either') ask({ need: 'value', clause: ci, attr: v.attr, targets: cells, op: 'set', choices: v.values });
        else if (v.kind === 'unavailable') ask({ need: 'value', clause: ci, attr: v.attr, targets: cells, op: 'set', unavailable: v.name });
      }
      // "take the stripes off the star", "lose the dots", "it should have no stripes": a value taken away leaves
      // the attribute's default.
      const withDefault = (v: ValueSpec) => (v.kind === 'set' || v.kind === 'attr') && schema.attributes.find((a) => a.name === v.attr)?.default;
      const denied = t.valuesOf('NOT');
      const dropped = (REMOVAL.test(c.words.join(' ')) ? t.valuesOf('CUR').find((v) => v.kind === 'set' && withDefault(v)) : undefined) ?? denied.find(withDefault);
      if (out.length === 0 && dropped && dropped.kind !== 'step') {
        out.push({ op: 'set', cells, attr: dropped.attr, value: schema.attributes.find((a) => a.name === dropped.attr)!.default! });
      }
      if (out.length === 0) {
        const named = vals.find((v) => v.kind === 'attr') ?? denied.find((v) => v.kind !== 'step') ?? t.valuesOf('CUR').find((v) => v.kind !== 'step');
        ask({ need: 'value', clause: ci, attr: named ? named.attr : null, targets: cells, op: 'set' });
      }
      return out;
    }
    case 'more':
    case 'less': {
      const vals = t.valuesOf('VAL');
      const absolute = vals.find((v) => v.kind === 'set' && schema.attributes.find((a) => a.name === v.attr)?.ordered);
      if (absolute && absolute.kind === 'set') return [{ op: 'set', cells: t.targets('TGT', true)!, attr: absolute.attr, value: absolute.value }];
      const step = vals.find((v) => v.kind === 'step');
      const orderedWords = [...vals, ...t.valuesOf('CUR')].some((v) => v.kind === 'step' || schema.attributes.find((a) => a.name === v.attr)?.ordered);
      if (!orderedWords && vals.some((v) => v.kind === 'set')) return clauseToChanges({ ...c, op: 'set' }, ci, t);
      // The words decide the direction when they say one ("make it smaller" read as `more` stays smaller).
      let dir: 1 | -1 = c.op === 'more' ? 1 : -1;
      if (step && step.kind === 'step') dir = step.dir;
      else {
        const cur = t.valuesOf('CUR').find((v) => v.kind === 'set' && schema.attributes.find((a) => a.name === v.attr)?.ordered);
        if (cur && cur.kind === 'set') {
          const vs = schema.attributes.find((a) => a.name === cur.attr)!.values;
          dir = vs.indexOf(cur.value) >= vs.length / 2 ? -1 : 1;
        }
      }
      const attr = (step && step.kind === 'step' ? step.attr : undefined) ?? ordered?.name;
      if (!attr) return ask({ need: 'value', clause: ci, attr: null, targets: [], op: c.op });
      // "the triangle is too big" with a small and a large triangle: only the large one can get smaller.
      const order = schema.attributes.find((a) => a.name === attr)!.values;
      const can = (cell: number) => {
        const i = order.indexOf(t.cells[cell]?.[attr] ?? '');
        return dir > 0 ? i < order.length - 1 : i > 0;
      };
      const evaluative = c.spans.some((s) => s.role === 'CUR');
      const cells = t.targets('TGT', true, evaluative ? (cs) => cs.filter(can) : undefined)!;
      // "make it bigger and striped": the other values are set as well.
      const also = vals.flatMap((v): Change[] => (v.kind === 'set' && v.attr !== attr ? [{ op: 'set', cells, attr: v.attr, value: v.value }] : []));
      return [{ op: 'step', cells, attr, dir }, ...also];
    }
    case 'remove':
      return [{ op: 'remove', cells: t.targets('TGT', true)! }];
    case 'add': {
      const object = newObject(t, ci, c.words);
      // "fill the top row with red hearts", "a yellow square in every empty cell of the middle row": one in each.
      const every = FILL.test(c.words.join(' ')) ? everyFreeCell(c, ci, t) : [];
      if (every.length > 1) return every.map((cell) => ({ op: 'add', cell, object: { ...object } }));
      const cell = destination(c, ci, t, null);
      return [{ op: 'add', cell, object }];
    }
    case 'move': {
      const from = t.targets('TGT', true)!;
      if (from.length !== 1) fail({ code: 'needs-one', phrase: c.spans.find((s) => s.role === 'TGT')?.words.join(' ') ?? '' }, false);
      return [{ op: 'move', from: from[0]!, to: destination(c, ci, t, from[0]!) }];
    }
    case 'swap': {
      const a = t.targets('TGT', true)!;
      const b = t.targets('TGT2', false);
      if (b && a.length === 1 && b.length === 1 && a[0] !== b[0]) return [{ op: 'swap', a: a[0]!, b: b[0]! }];
      if (!b && a.length === 2) return [{ op: 'swap', a: a[0]!, b: a[1]! }];
      return fail({ code: 'needs-one', phrase: c.words.join(' ') }, false);
    }
    case 'copy': {
      const cells = t.targets('TGT', true)!;
      const src = t.targets('SRC', false) ?? t.last;
      if (!src || src.length !== 1) return ask({ need: 'which', slot: { clause: ci, role: 'SRC', span: 0 }, candidates: [], phrase: '' });
      const attrs = t.valuesOf('VAL').map((v) => v.attr);
      const o = t.cells[src[0]!];
      if (!o) return fail({ code: 'no-match', phrase: c.spans.find((x) => x.role === 'SRC')?.words.join(' ') ?? 'that' });
      return (attrs.length ? [...new Set(attrs)] : [schema.attributes.find((a) => !a.noun)!.name]).map((attr) => ({ op: 'set', cells, attr, value: o[attr]! }) as Change);
    }
    case 'repeat': {
      const prev = t.previous?.[t.previous.length - 1];
      if (!prev) return fail({ code: 'nothing-to-repeat' }, false);
      // "now the top right corner" after a move: the same object, moved on to that place.
      const place = prev.op === 'move' ? c.spans.find((s) => s.role === 'DEST' || (s.role === 'TGT' && placeOnly(readRef(s.words, t.lex)))) : undefined;
      if (prev.op === 'move' && place && t.cells[prev.to]) {
        const onward = { ...c, spans: [{ ...place, role: 'DEST' as const }] };
        return [{ op: 'move', from: prev.to, to: destination(onward, ci, t, prev.to) }];
      }
      const hasTarget = c.spans.some((s) => s.role === 'TGT');
      const cells = hasTarget ? t.targets('TGT', true)! : prev.op === 'set' || prev.op === 'step' || prev.op === 'remove' ? prev.cells : [];
      if (prev.op === 'set' || prev.op === 'step' || prev.op === 'remove') return [{ ...prev, cells }];
      return fail({ code: 'nothing-to-repeat' }, false);
    }
    default:
      return [];
  }
}

function newObject(t: ClauseTools, ci: number, words: readonly string[]): Record<string, string> {
  const schema = t.lex.schema;
  const object: Record<string, string> = {};
  for (const v of [...t.valuesOf('VAL'), ...(t.given?.values ?? []).map((x) => ({ kind: 'set' as const, ...x }))]) {
    if (v.kind === 'set') object[v.attr] = v.value;
    else if (v.kind === 'either') ask({ need: 'value', clause: ci, attr: v.attr, targets: [], op: 'add', choices: v.values });
    else if (v.kind === 'unavailable') ask({ need: 'value', clause: ci, attr: v.attr, targets: [], op: 'add', unavailable: v.name });
  }
  // "an orange one", "another one just like it": what is not said comes from the object last talked about.
  const like = t.last?.length === 1 ? t.cells[t.last[0]!] : null;
  const all = /\b(just like|like (it|that|this|the other|the last)|same|identical|copy|another one|one more)\b/.test(words.join(' '));
  for (const a of schema.attributes) {
    if (object[a.name]) continue;
    if (like && (a.noun || all)) {
      object[a.name] = like[a.name]!;
      continue;
    }
    if (a.default) object[a.name] = a.default;
    else ask({ need: 'value', clause: ci, attr: a.name, targets: [], op: 'add' });
  }
  return object;
}

/** "put the ball back where it was", "back to its old spot": where the last move took the object from. */
export const BACK_WHERE = /\bback (to )?(where (it|he|she|they) (was|were|used to be|came from|started)|(its|his|her|their) (old|original|first) (spot|place|cell|position))\b/;

function destination(c: Clause, ci: number, t: ClauseTools, from: number | null): number {
  const empty = t.cells.flatMap((o, i) => (o ? [] : [i]));
  if (t.given?.cell !== undefined) return t.given.cell;
  const spans = c.spans.filter((s) => s.role === 'DEST');
  const back = from !== null && spans.length === 0 && BACK_WHERE.test(c.words.join(' ')) ? t.previous?.find((ch) => ch.op === 'move' && ch.to === from) : undefined;
  if (back?.op === 'move' && !t.cells[back.from]) return back.from;
  if (empty.length === 0) fail({ code: 'grid-full' });
  // No place said: ask, even with one free cell (people expect to be asked where).
  if (spans.length === 0) return ask({ need: 'where', clause: ci, candidates: empty });
  // "the top row is empty ... in the top left corner": every place said narrows the last one down.
  let options: number[] | null = null;
  for (const span of spans) {
    const cells = destOptions(span.words, ci, t, from, empty);
    if (cells === null) continue;
    const both: number[] = options === null ? cells : options.filter((x) => cells.includes(x));
    options = both.length ? both : cells;
  }
  if (options === null) return ask({ need: 'where', clause: ci, candidates: empty });
  if (from !== null && options.length === 1 && options[0] === from) fail({ code: 'place-taken', cell: from });
  const free = options.filter((x) => !t.cells[x]);
  if (free.length === 1) return free[0]!;
  if (free.length === 0) return options.length === 1 ? fail({ code: 'place-taken', cell: options[0]! }) : fail({ code: 'grid-full' });
  return ask({ need: 'where', clause: ci, candidates: free });
}

const FILL = /\b(fill|every|each)\b/;

/** The free cells of every place a clause names (its destinations, else a target that reads as a place). */
function everyFreeCell(c: Clause, ci: number, t: ClauseTools): number[] {
  const empty = t.cells.flatMap((o, i) => (o ? [] : [i]));
  const spans = c.spans.filter((s) => s.role === 'DEST' || s.role === 'TGT');
  const places = spans.map((s) => destOptions(s.words, ci, t, null, empty)).filter((x): x is number[] => x !== null && x.length < t.cells.length);
  if (places.length === 0) return [];
  return places.reduce((a, b) => a.filter((x) => b.includes(x))).filter((x) => !t.cells[x]);
}

/** The cells one destination phrase allows, or null when it names no place. */
function destOptions(words: string[], ci: number, t: ClauseTools, from: number | null, empty: number[]): number[] | null {
  const schema = t.lex.schema;
  const { rows, cols } = schema.grid!;
  const { dest } = readDest(words, t.lex, from !== null);
  if (!dest) return null;
  if (dest.kind === 'step') {
    let cell: number | null = from;
    for (let k = 0; k < dest.count && cell !== null; k++) cell = neighbor(cell, dest.dir, rows, cols);
    return cell === null ? fail({ code: 'off-grid' }) : [cell];
  }
  if (dest.kind === 'rel') {
    const r = resolveRef({ cells: t.cells }, dest.landmark, schema, { referent: t.last });
    if (r.status === 'none') fail({ code: 'no-match', phrase: words.join(' ') });
    const options = [...new Set((r.status === 'ok' || r.status === 'ambiguous' ? r.cells : []).flatMap((l) => related(l, dest.dir, rows, cols)))];
    return options.length ? options : fail({ code: 'off-grid' });
  }
  if (dest.kind === 'there') {
    // "put it back there", "where it used to be": the cell the last change emptied.
    const prev = t.previous?.[t.previous.length - 1];
    const vacated = prev?.op === 'remove' ? prev.cells[0] : prev?.op === 'move' ? prev.from : undefined;
    return vacated === undefined ? ask({ need: 'where', clause: ci, candidates: empty }) : [vacated];
  }
  if (dest.kind === 'between') {
    // The cells next to both landmarks.
    const near = (r: RefSpec) => new Set(matchRef({ cells: t.cells }, r, schema, { referent: t.last }).flatMap((l) => related(l, 'next', rows, cols)));
    const [na, nb] = [near(dest.a), near(dest.b)];
    const options = [...na].filter((x) => nb.has(x));
    return options.length ? options : fail({ code: 'no-match', phrase: words.join(' ') });
  }
  return 'cells' in dest.place && dest.place.cells.length ? dest.place.cells : empty;
}

/**
 * Small repairs of the tagger's phrases before a clause is read: a repeat's object tagged as a value becomes its
 * target; a place the tagger left inside the target ("put the heart in the bottom left corner" read as one phrase): for a
 * move or add without a destination, a trailing place phrase of the target becomes the destination.
 */
/** Words around "the other one" that are not part of the reference. */
const TOO = new Set(['too', 'also', 'as', 'well', 'please', 'pls', 'now']);

export function tidyClause(clause: Clause, lex: Lexicon): Clause {
  let c = clause;
  // "and the heart too" with the object tagged as a value: in a repeat it is the target.
  if (c.op === 'repeat' && !c.spans.some((s) => s.role === 'TGT')) {
    const named = c.spans.find((s) => s.role === 'VAL' && s.words.some((w) => lex.match([w], 0)?.entries.some((e) => e.k === 'value' && e.noun)));
    if (named) c = { ...c, spans: c.spans.map((s) => (s === named ? { ...s, role: 'TGT' as const } : s)) };
    // "now the other one" left untagged: "the other one" is the target (the object after the last one).
    const other = c.words.findIndex((w) => OTHER.has(w));
    if (!named && other >= 0 && !c.spans.some((s) => s.start <= c.start + other && c.start + other < s.end)) {
      const from = other > 0 && lex.match(c.words, other - 1)?.entries.some((e) => e.k === 'det') ? other - 1 : other;
      const words = c.words.slice(from).filter((w) => !/^[.,!?]$/.test(w) && !TOO.has(w));
      c = { ...c, spans: [...c.spans, { role: 'TGT', words, start: c.start + from, end: c.end, prob: c.opProb }] };
    } else if (!named && c.spans.length === 0) {
      // "and the bottom one too" left untagged: the words between the cues name the target.
      const from = c.words.findIndex((w) => !TOO.has(w) && w !== 'and' && !/^[.,!?]$/.test(w));
      const words = from < 0 ? [] : c.words.slice(from).filter((w) => !/^[.,!?]$/.test(w) && !TOO.has(w));
      if (words.length && !isBare(readRef(words, lex))) c = { ...c, spans: [{ role: 'TGT', words, start: c.start + from, end: c.end, prob: c.opProb }] };
    }
  }
  c = repairClause(c, lex);
  const tgt = c.spans.find((s) => s.role === 'TGT');
  if (!tgt || c.op !== 'move' || c.spans.some((s) => s.role === 'DEST')) return c;
  for (let k = tgt.words.length - 1; k > 0; k--) {
    if (!['in', 'to', 'into', 'at', 'on', 'onto'].includes(tgt.words[k]!)) continue;
    const { dest } = readDest(tgt.words.slice(k), lex);
    if (dest?.kind !== 'place') continue;
    const head = { ...tgt, words: tgt.words.slice(0, k), end: tgt.start + k };
    const place = { ...tgt, role: 'DEST' as const, words: tgt.words.slice(k), start: tgt.start + k };
    return { ...c, spans: c.spans.flatMap((s) => (s === tgt ? [head, place] : [s])) };
  }
  // "move the heart up": words after the target that read as a destination, left untagged.
  const after = c.words.slice(tgt.end - c.start).filter((w) => !/^[.,!?]$/.test(w));
  const { dest } = after.length ? readDest(after, lex) : { dest: null };
  if (dest && dest.kind !== 'there') return { ...c, spans: [...c.spans, { role: 'DEST', words: after, start: tgt.end, end: c.end, prob: tgt.prob }] };
  return c;
}

/** A reference that says only where ("the top right corner"), nothing about what. */
export function placeOnly(r: RefSpec): boolean {
  return !!r.place && !r.pronoun && Object.keys(r.values).length === 0 && !r.rel && !r.ordinal && !r.superlative && !r.other;
}
