/**
 * Corrections: "no, the other one", "make it blue instead", "just the big one", "keep the green one green". The
 * last request is read again with the correction's phrases in it, on the picture before the edit it replaces.
 */
import type { Scene } from '../domain/scene.ts';
import { nounAttribute } from '../domain/schema.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import { placeOnly } from '../understanding/clause.ts';
import { matchRef } from '../understanding/match.ts';
import type { Reading, Span } from '../understanding/reading.ts';
import { isBare, readRef, readValues } from '../understanding/spans.ts';
import { readingConfidence } from './confidence.ts';
import { corrected } from './open-answer.ts';
import type { LastEdit, Request } from './request.ts';
import { changedCells, isExclusion } from './turn-shape.ts';

/**
 * The corrected request; 'revert' when the correction keeps every object the last edit changed as it was
 * ("no, leave it red"); null when it leaves nothing to do.
 */
export function correction(last: LastEdit, read: Reading, before: Scene, lex: Lexicon, mentions: readonly (readonly number[])[] = [], exclusion = isExclusion(read)): Request | 'revert' | null {
  const targets = changedCells(last.changes);
  const reading = retagged(read, last, lex, before);
  const kept = reading.clauses.flatMap((c) => c.spans.filter((s) => s.role === 'TGT2'));
  const named = reading.clauses.flatMap((c) => c.spans.filter((s) => s.role === 'TGT'));
  if (exclusion && kept.length && named.length) {
    // "keep that one orange, do the little one instead": the kept object is left out, the other one takes the edit.
    const keptCells = new Set(kept.flatMap((x) => matchRef(before, readRef(x.words, lex), lex.schema, { referent: targets })));
    if (targets.every((c) => keptCells.has(c))) {
      const retarget = { ...reading, clauses: reading.clauses.map((c) => ({ ...c, spans: c.spans.filter((x) => x.role === 'TGT') })) };
      return correction(last, retarget, before, lex, mentions, false);
    }
  }
  // "keep the green one green": the value describes what is kept; "no, leave it green" (no object named) wants it.
  const strip = exclusion && reading.clauses.some((c) => c.spans.some((s) => s.role === 'TGT' || s.role === 'TGT2'));
  const said = strip ? { ...reading, clauses: reading.clauses.map((c) => ({ ...c, spans: c.spans.filter((s) => s.role !== 'VAL' && s.role !== 'CUR') })) } : reading;
  const req: Request = {
    ...corrected(withoutRemarks(last), said),
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
    // "the top one can stay pink": the top one of those just changed, if it is one of them.
    const out = new Set(spans.flatMap((x) => (resolve(x.words, targets).length ? resolve(x.words, targets) : resolve(x.words))));
    const rest = targets.filter((c) => !out.has(c));
    if (rest.length === 0) return 'revert';
    if (rest.length === targets.length) return null;
    target(rest);
  } else if (spans.length && targets.length > 1) {
    // "just the big one": a narrower choice among the last edit's objects, when it names some of them.
    const within = resolve(spans[0]!.words, targets);
    if (within.length && within.length < targets.length) target(within);
  } else if (spans.length === 1) {
    // "no, the top one" after picking the bottom one of two offered: the other one offered, when that says which.
    const offered = [...new Set(mentions.slice(0, 2).flat())].filter((c) => !targets.includes(c));
    const among = offered.length ? resolve(spans[0]!.words, offered) : [];
    // "no, the red one" after "make the biggest triangle pink": the red triangle, when that says which.
    const kind = among.length === 1 ? among : sameKind(spans[0]!.words, targets, before, lex);
    if (kind) target(kind);
  }
  keepPlace(req, last, reading);
  return req;
}

/**
 * "no, yellow" after "put a star where it was" (answered "orange"): a correction that names no place keeps the
 * place the last edit put its one object at, rather than reading "where it was" again on another picture.
 */
function keepPlace(req: Request, last: LastEdit, reading: Reading): void {
  const places = last.changes.flatMap((ch) => (ch.op === 'add' ? [ch.cell] : ch.op === 'move' ? [ch.to] : []));
  if (places.length !== 1 || reading.clauses.some((c) => c.spans.some((s) => s.role === 'DEST'))) return;
  const own = req.given.find((g) => g.clause === 0);
  if (own?.cell !== undefined) return;
  req.given = [...req.given.filter((g) => g !== own), { ...own, clause: 0, cell: places[0]! }];
}

/** The one object a noun-less phrase names among those of the kind the last edit was about, if exactly one. */
function sameKind(words: string[], targets: number[], before: Scene, lex: Lexicon): number[] | null {
  const noun = nounAttribute(lex.schema);
  const ref = readRef(words, lex);
  if (!noun || ref.values[noun.name] !== undefined || ref.pronoun) return null;
  const kinds = new Set(targets.map((c) => (before.cells[c] as Record<string, string> | null)?.[noun.name]));
  if (kinds.size !== 1) return null;
  const kind = [...kinds][0]!;
  const cells = matchRef(before, { ...ref, values: { ...ref.values, [noun.name]: kind } }, lex.schema, { referent: targets }).filter((c) => !targets.includes(c));
  return cells.length === 1 ? cells : null;
}

const CUE_WORDS = /^(no|nope|nah|not|actually|hmm|wait|sorry|oops|i|meant|mean|just|only|instead|then|please|,|\.|!)$/;
const NEGATION = /^(not|no|nor)$/;

/**
 * A correction's phrases as the correction needs them: values after "not" dropped ("blue, not red"); a place
 * tagged where nothing moved read as the object ("just the middle one"); an untagged object phrase after the
 * cue words tagged ("not the triangle", "no actually the top one").
 */
function retagged(r: Reading, last: LastEdit, lex: Lexicon, before: Scene): Reading {
  const moved = last.changes.some((c) => c.op === 'move' || c.op === 'add');
  const clauses = r.clauses.map((c) => {
    let spans: Span[] = c.spans.filter((s) => s.role !== 'VAL' || !NEGATION.test(r.utterance.words[s.start - 1] ?? ''));
    if (!moved) spans = spans.map((s) => (s.role === 'DEST' ? { ...s, role: 'TGT' as const } : s));
    // "actually nah, bottom right" after a move: a bare place is where it should have gone, if that is free.
    const freePlace = (s: Span) => {
      const ref = readRef(s.words, lex);
      return placeOnly(ref) && !s.words.some((w) => /^(one|ones|thing|things|shape|shapes|object|objects)$/.test(w))
        && matchRef({ cells: before.cells.map((o) => (o ? null : {})) }, { ...ref, values: {} }, lex.schema, { referent: null }).length === 1;
    };
    // "no wait i meant the square" after a move, with "the square" tagged as a value: the object meant.
    const noun = nounAttribute(lex.schema);
    const sets = new Set(last.changes.flatMap((ch) => (ch.op === 'set' || ch.op === 'step' ? [ch.attr] : ch.op === 'add' && noun ? [noun.name] : [])));
    spans = spans.map((s) => {
      const vs = s.role === 'VAL' ? readValues(s.words, lex).values : [];
      return noun && vs.length > 0 && !sets.has(noun.name) && vs.every((v) => v.kind === 'set' && v.attr === noun.name) ? { ...s, role: 'TGT' as const } : s;
    });
    if (c.op === 'fix' && spans.length === 0) {
      const from = c.words.findIndex((w) => !CUE_WORDS.test(w));
      const words = from < 0 ? [] : c.words.slice(from).filter((w) => !/^[.,!?]$/.test(w));
      if (words.length && !isBare(readRef(words, lex))) spans = [{ role: 'TGT', words, start: c.start + from, end: c.start + from + words.length, prob: c.opProb }];
    }
    if (moved && !spans.some((s) => s.role === 'DEST')) spans = spans.map((s) => (s.role === 'TGT' && freePlace(s) ? { ...s, role: 'DEST' as const } : s));
    return { ...c, spans };
  });
  return { ...r, clauses };
}

/**
 * The last request without the remarks before its edit ("i dont like all this pink. make the pink circles blue"),
 * so that the correction lands on the clause that made the edit.
 */
function withoutRemarks(last: LastEdit): Pick<Request, 'reading' | 'choices' | 'given'> {
  const { reading, choices, given } = last;
  const k = reading.clauses.findIndex((c) => c.op !== 'set' || c.spans.some((s) => s.role === 'VAL'));
  if (k <= 0 || choices.some((c) => c.clause < k) || given.some((g) => g.clause < k)) return { reading, choices, given };
  return {
    reading: { ...reading, clauses: reading.clauses.slice(k) },
    choices: choices.map((c) => ({ ...c, clause: c.clause - k })),
    given: given.map((g) => ({ ...g, clause: g.clause - k })),
  };
}
