/**
 * Corrections: "no, the other one", "make it blue instead", "just the big one", "keep the green one green". The
 * last request is read again with the correction's phrases in it, on the picture before the edit it replaces.
 */
import type { Scene } from '../domain/scene.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import { matchRef } from '../understanding/match.ts';
import type { Reading } from '../understanding/reading.ts';
import { readRef } from '../understanding/spans.ts';
import { readingConfidence } from './confidence.ts';
import { corrected } from './open-answer.ts';
import type { LastEdit, Request } from './request.ts';
import { changedCells, isExclusion } from './turn-shape.ts';

/** The corrected request, or null when the correction leaves nothing to do. */
export function correction(last: LastEdit, reading: Reading, before: Scene, lex: Lexicon): Request | null {
  const targets = changedCells(last.changes);
  const exclusion = isExclusion(reading);
  const said = exclusion ? { ...reading, clauses: reading.clauses.map((c) => ({ ...c, spans: c.spans.filter((s) => s.role !== 'VAL' && s.role !== 'CUR') })) } : reading;
  const req: Request = {
    ...corrected({ reading: last.reading, choices: last.choices, given: last.given }, said),
    confidence: readingConfidence(reading, [], lex), replaces: last.node,
  };
  const spans = reading.clauses.flatMap((c) => c.spans.filter((s) => s.role === 'TGT' || s.role === 'TGT2'));
  const resolve = (words: string[], within?: number[]) => matchRef(before, readRef(words, lex), lex.schema, { referent: targets, within });
  const target = (cells: number[]) => {
    req.reading.clauses[0] = { ...req.reading.clauses[0]!, spans: req.reading.clauses[0]!.spans.filter((x) => x.role !== 'TGT' && x.role !== 'TGT2') };
    req.choices = [...req.choices.filter((ch) => !(ch.clause === 0 && ch.role === 'TGT')), { clause: 0, role: 'TGT', span: 0, cells }];
  };
  if (spans.length && exclusion) {
    // "keep the green one green", "not the top one": the last edit's objects, less those.
    const out = new Set(spans.flatMap((x) => resolve(x.words)));
    const rest = targets.filter((c) => !out.has(c));
    if (rest.length === 0 || rest.length === targets.length) return null;
    target(rest);
  } else if (spans.length && targets.length > 1) {
    // "just the big one": a narrower choice among the last edit's objects, when it names some of them.
    const within = resolve(spans[0]!.words, targets);
    if (within.length && within.length < targets.length) target(within);
  }
  return req;
}
