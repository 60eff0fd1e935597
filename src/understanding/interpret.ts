/**
 * Turns the edit clauses of a reading into changes against the scene, or says what must be asked first, or
 * why it cannot be done. Clauses run in order, each on the scene the previous one left; a clause without a
 * target acts on the previous clause's objects ("make the star red and bigger").
 */
import { applyChange, changeFocus, fits, type Cells, type Change } from './changes.ts';
import { moveIfExisting } from './add-spans.ts';
import { Stop, ask, clauseToChanges, fail, tidyClause } from './clause.ts';
import type { Lexicon } from './lexicon.ts';
import { NEGATION, negatedAt } from './negation.ts';
import { nounAttribute, type LanguageSchema } from '../domain/schema.ts';
import { matchRef, resolveRef, type GridScene } from './match.ts';
import type { Choice, Failure, Given, Need } from './outcome.ts';
import type { Clause, Reading, Span } from './reading.ts';
import { isBare, readRef, readValues, type RefSpec, type ValueSpec } from './spans.ts';
import type { Op } from './tags.ts';

/** What interpreting needs besides the reading. */
export interface InterpretContext {
  scene: GridScene;
  referent: readonly number[] | null;
  /** Answers already given in this turn's question round. */
  choices?: readonly Choice[];
  given?: readonly Given[];
  /** The previous turn's changes, for "same for the square" and "again" (a later clause repeats this turn's). */
  previous?: readonly Change[] | null;
  /** The objects of recent turns, most recent first ("them both", "those two circles"). */
  mentions?: readonly (readonly number[])[];
}

/** The outcome of interpreting a turn's edit clauses. */
export type Interpretation =
  | { kind: 'changes'; changes: Change[]; referent: number[] | null; unknown: string[] }
  | { kind: 'ask'; need: Need }
  | { kind: 'fail'; failure: Failure; impossible: boolean };

/** Operations interpret handles (the rest are the dialogue's: undo, questions, answers...). */
export const EDIT_OPS: ReadonlySet<Op> = new Set(['set', 'more', 'less', 'remove', 'add', 'move', 'swap', 'copy', 'repeat']);

/** Interprets the reading's clauses (indices `only`, default all edit clauses). */
export function interpret(reading: Reading, lex: Lexicon, ctx: InterpretContext): Interpretation {
  const schema = lex.schema;
  let cells: Cells = ctx.scene.cells.map((o) => (o ? { ...(o as Record<string, string>) } : null));
  let last: number[] | null = ctx.referent ? [...ctx.referent] : null;
  const changes: Change[] = [];
  const unknown: string[] = [];
  let evaluativeBefore = false;
  try {
    reading.clauses.forEach((read, ci) => {
      if (!EDIT_OPS.has(read.op)) {
        // A remark or question naming an object makes it "it" for the clauses after it; one listing objects before
        // "them" ("the star, the heart, make both of them gray") makes them "them".
        const next = reading.clauses.slice(ci + 1).find((x) => EDIT_OPS.has(x.op));
        const them = next?.spans.some((s) => s.role === 'TGT' && readRef(s.words, lex).pronoun === 'all');
        const named = read.spans.filter((s) => s.role === 'TGT' && !readRef(s.words, lex).pronoun).slice(0, them ? undefined : 1)
          .map((s) => resolveRef({ cells }, readRef(s.words, lex), schema, { referent: last }));
        if (named.length && named.every((r) => r.status === 'ok')) last = [...new Set(named.flatMap((r) => (r.status === 'ok' ? r.cells : [])))];
        return;
      }
      const c = moveIfExisting(tidyClause(read, lex), lex, { cells }, last);
      // A remark before the request ("too much grey. make the hexagon red") asks nothing by itself.
      const later = reading.clauses.slice(ci + 1).some((x) => EDIT_OPS.has(x.op));
      try {
        const scene: GridScene = { cells };
        const refOf = (s: Span): RefSpec => {
          const r = readRef(s.words, lex);
          unknown.push(...r.unknown);
          return r;
        };
        const targets = (role: 'TGT' | 'TGT2' | 'SRC', required: boolean, prefer?: (cells: number[]) => number[]): number[] | null => {
          const spans = c.spans.filter((s) => s.role === role);
          const forced = ctx.choices?.filter((x) => x.clause === ci && x.role === role);
          if (spans.length === 0) {
            if (forced?.length) return forced.flatMap((x) => x.cells);
            if (role === 'TGT' && last?.length && last.every((x) => cells[x])) return last;
            const occupied = cells.flatMap((o, i) => (o ? [i] : []));
            if (role === 'TGT' && occupied.length === 1) return occupied;
            if (required) ask({ need: 'what', targets: [] });
            return null;
          }
          const out: number[] = [];
          // A phrase the tagger opened with "except" ("except the pink one") takes objects away.
          const excluded = spans.filter((s) => EXCEPT_CUE.test(s.words[0] ?? '') || /^(other than|apart from|but not)$/.test(s.words.slice(0, 2).join(' ')));
          const cutOut = excluded.flatMap((s) => matchRef(scene, readRef(s.words.slice(/^(other|apart|but)$/.test(s.words[0]!) ? 2 : 1), lex), schema, { referent: last }));
          const refs = spans.map(refOf);
          // "the triangles both need to be smaller": a lone "both" / "all" beside a named phrase only counts them.
          const bareQuantifier = (r: RefSpec) => isBare(r) && !r.pronoun && !r.other && r.number !== 'one';
          // "the star, make it red": the pronoun restates the named target; it is not a second one.
          const named = refs.some((r) => !r.pronoun && !isBare(r));
          spans.forEach((s, si) => {
            if (excluded.includes(s)) return;
            const f = forced?.find((x) => x.span === si);
            if (f) return out.push(...f.cells);
            const ref = refs[si]!;
            if (named && (ref.pronoun || (spans.length > 1 && bareQuantifier(ref)))) return;
            let r = resolveRef(scene, ref, schema, { referent: last, ...(ctx.mentions ? { mentions: ctx.mentions } : {}) });
            // Only where the turn goes on from the last one ("too", a correction): a fresh "the small one" asks.
            const goesOn = c.op === 'repeat' || read.op === 'fix' || /\b(too|also|as well)\b/.test(c.words.join(' '));
            const alike = r.status === 'ambiguous' && goesOn ? sameKindAsLast(r.cells, ref, s.words, cells, last, schema) : [];
            if (alike.length === 1) r = { status: 'ok', cells: alike };
            const preferred = r.status === 'ambiguous' && prefer ? prefer(r.cells) : [];
            if (preferred.length === 1) r = { status: 'ok', cells: preferred };
            if (r.status === 'ambiguous') ask({ need: 'which', slot: { clause: ci, role, span: si }, candidates: r.cells, phrase: s.words.join(' ') });
            if (r.status === 'none') fail(ref.pronoun ? { code: 'unknown-pronoun', phrase: s.words.join(' ') } : { code: 'no-match', phrase: s.words.join(' ') }, !ref.pronoun);
            if (r.status === 'ok') out.push(...r.cells);
          });
          // "all the stars except the pink one" with the exception left outside the phrase.
          const cut = role === 'TGT' && out.length > 1 ? [...cutOut, ...exceptCells(c, scene, lex, last)] : [];
          return [...new Set(out)].filter((x) => !cut.includes(x));
        };
        // "make that a square, not a circle": a value after "not" / "instead of" / "rather than" is not wanted.
        // ... and so is one the phrase itself denies ("should have no stripes", "without dots").
        const negated = (s: Span) => negatedAt(reading.utterance.words, s.start) || NEGATION.test(reading.utterance.words[s.start] ?? '');
        const valuesOf = (role: 'VAL' | 'CUR' | 'NOT'): ValueSpec[] => c.spans.filter((s) => (role === 'CUR' ? s.role === 'CUR' : s.role === 'VAL' && negated(s) === (role === 'NOT'))).flatMap((s) => {
          const v = readValues(s.words, lex);
          unknown.push(...v.unknown);
          return v.values;
        });
        const given = ctx.given?.find((g) => g.clause === ci);
        const clauseChanges = clauseToChanges(c, ci, { targets, valuesOf, given, cells, lex, previous: changes.length ? changes : ctx.previous ?? null, last });
        // "The cross looks rather feeble; enlarge it": the complaint and the request ask for one step, not two.
        const prev = changes[changes.length - 1];
        if (evaluativeBefore && prev && clauseChanges.length === 1 && JSON.stringify(clauseChanges[0]) === JSON.stringify(prev)) {
          changes.pop();
          cells = ctx.scene.cells.map((o) => (o ? { ...(o as Record<string, string>) } : null));
          for (const ch of changes) cells = applyChange(cells, ch, schema);
        }
        evaluativeBefore = c.spans.some((s) => s.role === 'CUR') && !c.spans.some((s) => s.role === 'VAL');
        for (const ch of clauseChanges) {
          changes.push(ch);
          cells = applyChange(cells, ch, schema);
          last = changeFocus(ch);
        }
      } catch (e) {
        if (later && e instanceof Stop) {
          // A skipped remark still names what "it" is in the request after it ("the sage triangle: go crimson"),
          // or what "both of them" are ("the star, the heart, make both of them gray").
          const named = c.spans.filter((s) => s.role === 'TGT').map((s) => resolveRef({ cells }, readRef(s.words, lex), schema, { referent: last }));
          if (named.length && named.every((r) => r.status === 'ok')) last = [...new Set(named.flatMap((r) => (r.status === 'ok' ? r.cells : [])))];
        }
        // ... and so does one whose object is not there ("the top row is empty. put a star in the top left").
        // ... and a remark after a request that was done ("make the heart smaller, it's quite overbearing").
        const after = changes.length > 0 && e instanceof Stop && e.result.kind === 'ask' && (e.result.need.need === 'value' || e.result.need.need === 'what');
        if (after && !c.spans.some((s) => s.role === 'VAL' || s.role === 'DEST')) return;
        const remark = later && !c.spans.some((s) => s.role === 'VAL') && e instanceof Stop;
        if (remark && ((e.result.kind === 'ask' && (e.result.need.need === 'value' || e.result.need.need === 'what')) || e.result.kind === 'fail')) return;
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof Stop) return e.result;
    throw e;
  }
  if (changes.length === 0) return { kind: 'fail', failure: { code: 'nothing-recognized' }, impossible: false };
  // Answers and repeats carry cells from earlier turns; a fresh reading of the picture may have emptied them.
  if (!fits(changes, ctx.scene.cells)) return { kind: 'fail', failure: { code: 'no-match', phrase: 'that' }, impossible: true };
  return { kind: 'changes', changes, referent: last, unknown };
}


const EXCEPT_CUE = /^(except|excluding|besides)$|^(other than|apart from|but not|except for)$/;

/** Objects an "except ..." outside the target phrases leaves out ("make all the stars yellow except the pink one"). */
function exceptCells(c: Clause, scene: GridScene, lex: Lexicon, referent: readonly number[] | null): number[] {
  const inTarget = (i: number) => c.spans.some((s) => (s.role === 'TGT' || s.role === 'TGT2') && i >= s.start - c.start && i < s.end - c.start);
  for (let i = 0; i < c.words.length; i++) {
    const two = c.words.slice(i, i + 2).join(' ');
    const n = EXCEPT_CUE.test(two) && two.includes(' ') ? 2 : EXCEPT_CUE.test(c.words[i]!) ? 1 : 0;
    if (n === 0 || inTarget(i)) continue;
    const after = c.words.slice(i + n).filter((w) => !/^[.,!?]$/.test(w));
    const ref = readRef(after, lex);
    if (Object.keys(ref.values).length === 0 && !ref.place) continue;
    return matchRef(scene, ref, lex.schema, { referent });
  }
  return [];
}

/**
 * "the bottom one striped too" after a triangle was edited: "one" stands for the noun last talked about, so
 * among the matches, those of that kind (when the last objects were all one kind).
 */
function sameKindAsLast(matches: number[], ref: RefSpec, words: readonly string[], cells: Cells, last: number[] | null, schema: LanguageSchema): number[] {
  const noun = nounAttribute(schema);
  if (!noun || !last?.length || ref.values[noun.name] !== undefined || !words.some((w) => w === 'one' || w === 'ones')) return [];
  const kinds = new Set(last.map((c) => cells[c]?.[noun.name]));
  if (kinds.size !== 1 || kinds.has(undefined)) return [];
  return matches.filter((c) => cells[c]?.[noun.name] === [...kinds][0] && !last.includes(c));
}
