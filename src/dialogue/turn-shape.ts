/** How a turn's clauses are taken: remarks around a request set aside, corrections told from plain requests. */
import type { Change } from '../understanding/changes.ts';
import { BACK_WHERE } from '../understanding/clause.ts';
import type { Scene } from '../domain/scene.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import { matchRef } from '../understanding/match.ts';
import { readRef } from '../understanding/spans.ts';
import type { Clause, Reading } from '../understanding/reading.ts';

/** "I count four triangles", "I notice the top row is empty", "there are two pink diamonds": an observation, not a request. */
const OBSERVATION = /^(i|we) (?!(want|wanted|would|need|meant|mean|said|prefer|wish|like|think|guess|will|do not|dont|should|could|might|can))\w+|^(now )?there (is|are|s) /;

/** Greetings and remarks around a request ("Thank you. Now make ...") are not the request. */
export function mainClauses(read: Reading): Reading {
  // An observation before a request only sets the scene ("I count four triangles. Would you make ...").
  const last = read.clauses.length - 1;
  const observes = (ws: readonly string[]) => OBSERVATION.test(ws.filter((w) => !/^[.,!?]$/.test(w)).join(' '));
  const r = { ...read, clauses: read.clauses.map((c, i) => {
    if (i < last && observes(c.words)) return { ...c, op: 'other' as const };
    // An observation the tagger left in the request's clause: its phrases are not the request's, and the clause is
    // read as what follows it ("Now there are two blue things. Make the blue square orange" is no question).
    const end = c.words.findIndex((w, k) => /^[.!?;]$/.test(w) && k < c.words.length - 1);
    const request = end > 0 && observes(c.words.slice(0, end)) ? { ...c, spans: c.spans.filter((s) => s.start > c.start + end) } : c;
    return request !== c || politeRequest(c) ? asEdit(request) : askedAbout(request);
  }) };
  // A remark that names an object stays: "The little star looks forlorn; would you enlarge it?" ("it" = the star).
  const main = r.clauses.filter((c) => c.op !== 'other' || c.spans.some((s) => s.role === 'TGT'));
  const kept = main.length && main.length < r.clauses.length ? { ...r, clauses: main } : r;
  return { ...kept, clauses: kept.clauses.map(clearingAnObject).map(undoSaid).map((c, i, all) => (topicFirst(c, all.slice(i + 1)) ? { ...c, op: 'other' as const } : listed(c, all[i + 1]))) };
}

/**
 * "the star, the heart, make both of them gray": objects listed before a request about "them" (the tagger may
 * take the second for a value) are what "them" means.
 */
function listed(c: Clause, next: Clause | undefined): Clause {
  const them = next?.spans.some((s) => s.role === 'TGT' && /^(both of them|all of them|them|them both|them all|both|these|those)$/.test(s.words.join(' ')));
  const noun = (s: { words: string[] }) => /^(the|that|this)$/.test(s.words[0] ?? '');
  if (!them || c.op === 'other' || c.spans.length < 2 || !c.spans.every((s) => (s.role === 'TGT' || s.role === 'VAL') && noun(s))) return c;
  return { ...c, op: 'other', spans: c.spans.map((s) => ({ ...s, role: 'TGT' as const })) };
}

const REPEAT_CUE = /\b(same|too|also|as well|again|likewise|ditto|do|does|other)\b/;
const PRONOUN_TARGET = /^(it|that|this|them|those|these|that one|this one)$/;

/**
 * "Now the grey cross at the bottom; kindly make it a trifle smaller": an object named on its own, with no word of
 * repeating, before a request about "it" introduces that object; it is not "the same for the grey cross".
 */
function topicFirst(c: Clause, later: readonly Clause[]): boolean {
  if (c.op !== 'repeat' || c.spans.length === 0 || c.spans.some((s) => s.role !== 'TGT') || REPEAT_CUE.test(c.words.join(' '))) return false;
  const next = later.find((x) => x.op !== 'other');
  const targets = next?.spans.filter((s) => s.role === 'TGT') ?? [];
  return !!next && next.op !== 'repeat' && targets.every((s) => PRONOUN_TARGET.test(s.words.join(' '))) && next.words.some((w) => /^(it|them)$/.test(w));
}

const EDIT_OPS = new Set(['set', 'more', 'less', 'remove', 'add', 'move', 'swap', 'copy']);

/** A clause read as a question or remark whose runner-up reading is an edit, taken as that edit. */
function asEdit(c: Clause): Clause {
  return (c.op === 'question' || c.op === 'other') && EDIT_OPS.has(c.alt.op) && c.spans.some((s) => s.role === 'TGT') ? { ...c, op: c.alt.op } : c;
}

/** "And the green diamond at the top, is it small or middling?": a question about an object, read as a repeat. */
function askedAbout(c: Clause): Clause {
  const asks = c.words.at(-1) === '?' && /\b(is|are) (it|they|there)\b|\b(what|which|how many|how big)\b/.test(c.words.join(' '));
  return (c.op === 'repeat' || c.op === 'other') && c.alt.op === 'question' && asks ? { ...c, op: 'question' } : c;
}

/** "Would you make the left one yellow, so that I may tell them apart?": a request put as a question. */
function politeRequest(c: Clause): boolean {
  const said = c.words.join(' ');
  return c.op === 'question' && /\b(would|could|can|will) you\b/.test(said) && !/\b(tell|show) me\b|\b(what|which|how|whether|if)\b/.test(said)
    && c.spans.some((s) => s.role === 'VAL' || s.role === 'DEST');
}

/** "hmm no i liked it pink. undo", "take that back" read as redo: the words say undo. */
function undoSaid(c: Clause): Clause {
  const said = c.words.join(' ');
  const undo = (/\bundo\b/.test(said) && !/\bredo\b|\bundo (the|that|my) undo\b/.test(said)) || /\btake (that|it|this|them) back\b|\btake back\b/.test(said);
  return c.op === 'redo' && undo ? { ...c, op: 'undo' } : c;
}

const OBJECT_PRONOUN = /^(it|this|that|them|those|these)$/;
/** Verbs that clear an object when one follows ("how it was" is no object of "go back"). */
const CLEARING = /^(clear|wipe|erase|scrap|delete|remove|zap|nuke|bin|ditch|lose|kill)$/;

/** "clear it", "wipe that one": a reset with an object is that object's removal, not starting over. */
function clearingAnObject(c: Clause): Clause {
  if (c.op !== 'reset' || c.words.some((w) => /^(undo|all|everything|whole|picture|canvas|grid|board)$/.test(w))) return c;
  const at = c.words.findIndex((w, i) => OBJECT_PRONOUN.test(w) && CLEARING.test(c.words[i - 1] ?? ''));
  if (at < 0) return c;
  const n = c.words[at + 1] === 'one' ? 2 : 1;
  return { ...c, op: 'remove', spans: [{ role: 'TGT', words: c.words.slice(at, at + n), start: c.start + at, end: c.start + at + n, prob: c.opProb }] };
}

const CORRECTION_CUES = /\b(no|nope|nah|not|actually|instead|meant|mean|wait|sorry|oops|whoops|wrong|rather|prefer|preferred|keep|leave|stay|only|just)\b/;

/** A correction says so ("no, the other one", "actually blue"); a "fix" read without such words is a request. */
export function isCorrection(words: readonly string[]): boolean {
  return CORRECTION_CUES.test(words.join(' '));
}

/** A reading whose "fix" clauses act as plain requests (a move with a place, else a change of value). */
export function asPlainRequest(r: Reading): Reading {
  return { ...r, clauses: r.clauses.map((c) => (c.op !== 'fix' ? c : { ...c, op: c.spans.some((s) => s.role === 'DEST') ? 'move' as const : 'set' as const })) };
}


/** "keep the green one green", "not the top one", "except the circle": the objects named are left out. */
export function isExclusion(r: Reading): boolean {
  const said = ` ${r.utterance.words.join(' ')} `;
  return / (keep|leave|except|stay|stays|not the|not that|but not|apart from|other than) /.test(said) || r.clauses.some((c) => c.spans.some((s) => s.role === 'TGT2'));
}

/** The cells a set of changes was about. */
export function changedCells(changes: readonly Change[]): number[] {
  return [...new Set(changes.flatMap((c) => ('cells' in c ? c.cells : c.op === 'move' ? [c.from] : c.op === 'swap' ? [c.a, c.b] : [c.cell])))];
}

/** Words that say a request restates the last one rather than adding to it. */
const RESTATED = /\b(i meant|i mean|i wanted|meant to)\b|\binstead\b(?! of)/;

/** Words that drop the last edit before a new request ("actually nevermind the swap, just ..."). */
const DROPPED = /\b(never ?mind|nvm|forget|scrap|scratch)\b/;

/**
 * "no, I meant swap the square with the star": a request of the last one's kind that says it replaces it;
 * "nevermind the swap, just make the square smaller": any request that drops the last edit first (unless a
 * question was open: then "nevermind" is about the question).
 */
export function restates(r: Reading, last: Reading, asking: boolean): boolean {
  const op = r.clauses.find((c) => c.op !== 'other')?.op;
  const said = r.utterance.words.join(' ');
  // "hmm, no, swap the two stars" after a swap: a "no" that leads a request of the same kind, not one "too".
  // Only for swaps and moves: a "no" before a change of value builds on the picture as it is ("no, much bigger").
  const denied = (op === 'swap' || op === 'move') && /^((hmm|wait|oh|ah|um|ok|okay|,) )*(no|nope|nah)\b/.test(said) && !/\b(too|also|as well)\b/.test(said);
  return ((RESTATED.test(said) || denied) && last.clauses.some((c) => c.op === op)) || (!asking && DROPPED.test(said));
}

/** "nah, put the ball back where it was" right after moving the ball: that move undone. */
export function movesBack(r: Reading, last: readonly Change[], scene: Scene, lex: Lexicon): boolean {
  const clauses = r.clauses.filter((x) => x.op !== 'other');
  const c = clauses[0];
  const move = last.length === 1 && last[0]!.op === 'move' ? last[0] : null;
  if (clauses.length !== 1 || !c || !move || (c.op !== 'move' && c.op !== 'fix') || c.spans.some((s) => s.role === 'DEST')) return false;
  if (!BACK_WHERE.test(c.words.join(' '))) return false;
  // The object named, if any, is the one that moved.
  const named = c.spans.find((s) => s.role === 'TGT');
  return !named || matchRef(scene, readRef(named.words, lex), lex.schema, { referent: [move.to] }).includes(move.to);
}
