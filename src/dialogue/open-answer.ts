/**
 * What a turn means while a question is open: an answer that completes the request, a narrower choice, a
 * yes or no to a confirmation, a correction of what was proposed, or (null) a new request of its own.
 */
import type { Lexicon } from '../understanding/lexicon.ts';
import { matchRef, type GridScene } from '../understanding/match.ts';
import type { Need } from '../understanding/outcome.ts';
import type { Reading } from '../understanding/reading.ts';
import { readDest, readRef } from '../understanding/spans.ts';
import { valueAnswer, whereAnswer, whichAnswer } from './answers.ts';
import type { OpenQuestion, Request } from './request.ts';

/** How the dialogue goes on after a turn under an open question. */
export type OpenOutcome =
  | { request: Request }
  | { reask: Need; lead?: string }
  | { cancel: string }
  | null;

const ANSWER_OPS = new Set(['select', 'fix', 'yes']);
const OTHER_THAN_VALUE = new Set(['more', 'less', 'remove', 'add', 'move', 'swap', 'copy', 'repeat']);
const OTHER_THAN_PLACE = new Set(['set', 'more', 'less', 'remove', 'swap', 'copy', 'repeat']);

/** Reads `reading` against the open question. */
export function answerOpen(open: OpenQuestion, reading: Reading, scene: GridScene, lex: Lexicon, referent: readonly number[] | null): OpenOutcome {
  const op = reading.clauses[0]!.op;
  const roles = new Set(reading.clauses.flatMap((c) => c.spans.map((s) => s.role)));
  const answering = ANSWER_OPS.has(op) || reading.clauses.length === 1 && [...roles].every((r) => r === 'TGT');
  // A turn that names its own target, or asks for another kind of change, is a request of its own, not an answer
  // ("make the circle blue" while Parley asks what colour the star should be).
  // Only a phrase naming an object by what it is counts; a place alone ("the upper left corner") is an answer.
  const named = reading.clauses.some((c) => c.spans.some((s) => s.role === 'TGT' && Object.keys(readRef(s.words, lex).values).length > 0));
  const ownRequest = named || (open.kind === 'where' ? OTHER_THAN_PLACE : OTHER_THAN_VALUE).has(op);
  switch (open.kind) {
    case 'confirm': {
      if (op === 'yes') return { request: { ...open.request, confirmed: true } };
      if (op === 'no') return { cancel: "OK, I won't. What should I do instead?" };
      // A correction of what was proposed brings phrases the proposal has ("no, the blue one"); anything else is
      // a new request ("star to the top left" is not a correction of "remove the heart?").
      const own = new Set(open.request.reading.clauses[0]!.spans.map((s) => s.role));
      if ((op === 'fix' || op === 'select') && roles.size > 0 && [...roles].every((r) => own.has(r) || (r === 'VAL' && own.has('CUR')))) {
        return { request: { ...corrected(open.request, reading), confirmed: false } };
      }
      return null;
    }
    case 'which': {
      if (!answering && (roles.has('VAL') || roles.has('DEST'))) return null;
      const a = whichAnswer(reading, scene, lex, open.need.candidates, referent);
      const slot = open.need.slot;
      if ('ok' in a) return { request: { ...open.request, choices: [...open.request.choices, { ...slot, cells: a.ok }] } };
      if ('narrowed' in a) return { reask: { ...open.need, candidates: a.narrowed } };
      if ('none' in a) return { reask: open.need, lead: a.only ? `Sorry, there are only ${a.only}.` : "Sorry, that doesn't pick out one of them." };
      return answering ? { reask: open.need } : null;
    }
    case 'value': {
      // "same grey as the other star" answers "what colour?": the value of the object it names.
      const like = op === 'copy' && !roles.has('TGT') ? sameAs(reading, scene, lex, open.need.attr, referent) : null;
      if (like) return { request: { ...open.request, given: [...open.request.given, { clause: open.need.clause, values: [like] }] } };
      // A request of its own (it names its target, or is a command) is not an answer.
      if (ownRequest) return null;
      const a = valueAnswer(reading, lex, open.need.attr, open.need.choices);
      // "yellow, bottom left" answers "what colour?" for a new object and says where it goes too.
      const free = scene.cells.flatMap((o, i) => (o ? [] : [i]));
      const at = open.need.op === 'add' && free.length ? whereAnswer(reading, scene, lex, free) : null;
      const cell = at && 'ok' in at ? { cell: at.ok } : {};
      if ('ok' in a) return { request: { ...open.request, given: [...open.request.given, { clause: open.need.clause, values: a.ok, ...cell }] } };
      return answering ? { reask: open.need, lead: "Sorry, I didn't get that." } : null;
    }
    case 'where': {
      if (ownRequest) return null;
      // "next to the square" asked where; "above it" is above the square.
      const near = open.request.reading.clauses[open.need.clause]?.spans.find((x) => x.role === 'DEST');
      const d = near ? readDest(near.words, lex).dest : null;
      const it = d?.kind === 'rel' && !d.landmark.pronoun ? matchRef(scene, d.landmark, lex.schema, { referent }) : [];
      const a = whereAnswer(reading, scene, lex, open.need.candidates, it);
      if ('ok' in a) {
        const values = valueAnswer(reading, lex, null);
        const given = { clause: open.need.clause, cell: a.ok, ...('ok' in values ? { values: values.ok } : {}) };
        return { request: { ...open.request, given: [...open.request.given, given] } };
      }
      if ('narrowed' in a) return { reask: { ...open.need, candidates: a.narrowed } };
      if ('none' in a) return { reask: open.need, lead: 'That spot is already taken.' };
      return answering ? { reask: open.need, lead: "Sorry, I didn't get the place." } : null;
    }
    case 'what':
      return null;
  }
}

/** The asked attribute's value of the one object a "same ... as X" answer names, if it names one. */
function sameAs(reading: Reading, scene: GridScene, lex: Lexicon, attr: string | null, referent: readonly number[] | null): { attr: string; value: string } | null {
  const src = reading.clauses[0]!.spans.find((s) => s.role === 'SRC');
  if (!attr || !src) return null;
  const cells = matchRef(scene, readRef(src.words, lex), lex.schema, { referent });
  const value = cells.length === 1 ? (scene.cells[cells[0]!] as Record<string, string> | null)?.[attr] : undefined;
  return value ? { attr, value } : null;
}

/** A request with a correction's phrases put into its first clause (new target, value or place). */
export function corrected(req: Request, fix: Reading): Request {
  const spans = fix.clauses.flatMap((c) => c.spans);
  const roles = new Set(spans.map((s) => s.role));
  const clauses = req.reading.clauses.map((c, i) => {
    if (i !== 0) return c;
    // A new value joins the old ones and wins where they overlap ("no, a heart" keeps the star's colour).
    const keep = c.spans.filter((s) => !roles.has(s.role) || s.role === 'VAL');
    return { ...c, spans: [...keep, ...spans.map((s) => ({ ...s, words: [...s.words] }))] };
  });
  return {
    reading: { ...req.reading, clauses },
    choices: req.choices.filter((ch) => !(ch.clause === 0 && roles.has(ch.role))),
    given: req.given.filter((g) => g.clause !== 0 || (!roles.has('VAL') && !roles.has('DEST'))),
    ...(req.referent !== undefined ? { referent: req.referent } : {}),
  };
}
