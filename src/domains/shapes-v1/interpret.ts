/**
 * Reference interpreter: English instruction + current scene (+ previous referent, + pending question)
 * -> edits, a clarifying question, undo, redo or reset. Rule-based over the grammar's vocabulary.
 */
import { chunkSentence, parseNounPhrase, type Chunk, type DestPhrase, type NounPhrase } from './chunk.ts';
import { applyEdit, editFocus, type Edit } from './edits.ts';
import { metaCommand, sentences } from './normalize.ts';
import { matchRef, resolveRef } from './refs.ts';
import { neighbor, objectAt, type Scene } from './scene.ts';
import { clarifyQuestion } from './question.ts';

/** Which reference of a sentence a clarifying question is about. */
export type Slot = 'target' | 'second' | 'source' | 'landmark';
/** An open clarifying question: the turn is re-read once the answer picks one of `candidates`. */
export interface Pending {
  sentences: string[][];
  index: number;
  slot: Slot;
  candidates: number[];
  referent: number[] | null;
  /** Earlier answers within the same turn, re-applied when it is re-read (two ambiguous references in one turn). */
  resolved?: Choice[];
}
/** A clarification answer: the cell chosen for a slot of a sentence. */
export interface Choice {
  index: number;
  slot: Slot;
  cell: number;
}
/** What the interpreter needs to know besides the text. */
export interface InterpretContext {
  scene: Scene;
  /** Cells of the object(s) the previous turn was about ("it", "them", "the same color"). */
  referent?: number[] | null;
  pending?: Pending | null;
}
/** Outcome of interpreting one user turn. */
export type Interpretation =
  | { kind: 'edit'; edits: Edit[]; referent: number[] | null }
  | { kind: 'focus'; referent: number[] }
  | { kind: 'clarify'; question: string; pending: Pending }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'reset' }
  | { kind: 'unknown'; reason: string };

class Ambiguous {
  constructor(readonly slot: Slot, readonly cells: number[]) {}
}
class Failure {
  constructor(readonly reason: string) {}
}
type Forced = readonly Choice[];
type SentenceResult = { edit: Edit } | { focus: number[] };

const SWAP = ['swap', 'switch', 'exchange', 'trade'];
const REMOVE = ['remove', 'delete', 'erase', 'rid', 'away', 'out', 'drop', 'clear', 'throw'];
const STRIP = ['remove', 'erase', 'rid', 'off', 'clear', 'no', 'without'];
const MOVE = ['move', 'shift', 'drag', 'slide', 'nudge', 'relocate', 'put', 'place', 'stick', 'belongs', 'go'];
const GROW = ['enlarge', 'grow', 'increase'];
const SHRINK = ['shrink', 'decrease', 'reduce'];

/** Reads one sentence against the scene; throws Ambiguous or Failure. */
function readSentence(w: string[], scene: Scene, referent: number[] | null, forced: Forced): SentenceResult {
  const cs = chunkSentence(w);
  const has = (list: string[]) => w.some((x) => list.includes(x));
  const nps = cs.flatMap((c) => (c.t === 'np' ? [c.np] : []));
  const firstIdx = (t: Chunk['t']) => cs.findIndex((c) => c.t === t);
  const dests = cs.flatMap((c) => (c.t === 'dest' ? [c.dest] : []));
  const resolve = (np: NounPhrase, slot: Slot): number[] => {
    const chosen = forced.find((f) => f.slot === slot);
    if (chosen) return [chosen.cell];
    const r = resolveRef(scene, np.ref, referent);
    if (r.status === 'ambiguous') throw new Ambiguous(slot, r.cells);
    if (r.status === 'none') throw new Failure(`nothing matches "${w.slice(np.start, np.end).join(' ')}"`);
    return r.cells;
  };
  const single = (np: NounPhrase, slot: Slot): number => {
    const cells = resolve(np, slot);
    if (cells.length !== 1) throw new Failure('this edit needs a single object');
    return cells[0]!;
  };
  const destCell = (d: DestPhrase, from: number | null): number => {
    const cell = d.kind === 'cell' ? d.cell
      : d.kind === 'rel' ? neighbor(single(d.landmark, 'landmark'), d.dir)
      : from === null ? null : neighbor(from, d.dir);
    if (cell === null) throw new Failure('that place is off the grid');
    if (scene.cells[cell]) throw new Failure('that place is taken');
    return cell;
  };
  const target = () => {
    if (!nps[0]) throw new Failure('which object?');
    return resolve(nps[0], 'target');
  };

  if (has(SWAP) && nps.length >= 2) return { edit: { op: 'swap', a: single(nps[0]!, 'target'), b: single(nps[1]!, 'second') } };
  const texn = cs.find((c) => c.t === 'texn');
  if (texn || (has(STRIP) && has(['pattern', 'texture']))) {
    const texture = has(STRIP) ? 'solid' : texn!.t === 'texn' ? texn!.v : 'solid';
    return { edit: { op: 'retexture', cells: target(), texture } };
  }
  const oi = firstIdx('obj');
  if (oi >= 0) {
    const obj = (cs[oi] as Extract<Chunk, { t: 'obj' }>).obj;
    const ni = firstIdx('np');
    if (ni < 0 || oi < ni) {
      if (!obj.shape || !obj.color) throw new Failure('a new object needs a shape and a color');
      const d = obj.dest ?? dests[0];
      if (!d) throw new Failure('where should it go?');
      const object = { shape: obj.shape, color: obj.color, size: obj.size ?? 'medium', texture: obj.texture ?? 'solid' };
      return { edit: { op: 'add', cell: destCell(d, null), object } };
    }
    if (!obj.shape) throw new Failure('which shape?');
    return { edit: { op: 'reshape', cells: target(), shape: obj.shape } };
  }
  // "should go" alone removes; with a destination it moves.
  if ((has(MOVE.filter((x) => x !== 'go')) || (has(['go']) && dests.length > 0)) && nps[0]) return { edit: readMove(w, nps[0], dests, has(['go']), single, destCell) };
  if (has(REMOVE) || (has(['go']) && dests.length === 0)) return { edit: { op: 'remove', cells: target() } };
  const val = cs.find((c) => c.t === 'val');
  if (val && val.t === 'val') {
    const v = val.val;
    if (v.k === 'color') return { edit: { op: 'recolor', cells: target(), color: v.v } };
    if (v.k === 'size' || v.k === 'cmp') return { edit: { op: 'resize', cells: target(), size: v.v } };
    if (v.k === 'texture') return { edit: { op: 'retexture', cells: target(), texture: v.v } };
    const src = v.source ? single(v.source, 'source') : referent?.length === 1 ? referent[0]! : null;
    if (src === null || !scene.cells[src]) throw new Failure(`the same ${v.attr} as what?`);
    const o = objectAt(scene, src);
    if (v.attr === 'color') return { edit: { op: 'recolor', cells: target(), color: o.color } };
    if (v.attr === 'shape') return { edit: { op: 'reshape', cells: target(), shape: o.shape } };
    if (v.attr === 'size') return { edit: { op: 'resize', cells: target(), size: o.size } };
    return { edit: { op: 'retexture', cells: target(), texture: o.texture } };
  }
  const scale = dests.find((d) => d.kind === 'step' && (d.dir === 'up' || d.dir === 'down'));
  if (has(GROW) || (has(['scale', 'blow']) && scale?.kind === 'step' && scale.dir === 'up')) {
    return { edit: { op: 'resize', cells: target(), size: 'bigger' } };
  }
  if (has(SHRINK) || (has(['scale']) && scale?.kind === 'step' && scale.dir === 'down')) {
    return { edit: { op: 'resize', cells: target(), size: 'smaller' } };
  }
  if (nps[0]) return { focus: target() };
  throw new Failure('no edit recognized');
}

type Single = (np: NounPhrase, slot: Slot) => number;
type DestCell = (d: DestPhrase, from: number | null) => number;

// Without an explicit destination, a trailing phrase of the object's noun phrase is the destination
// ("put the circle in the top right"): try each, innermost first, and keep the first reading that works.
function readMove(w: string[], np: NounPhrase, dests: DestPhrase[], go: boolean, single: Single, destCell: DestCell): Edit {
  if (dests[0]) {
    const from = single(np, 'target');
    return { op: 'move', from, to: destCell(dests[0], from) };
  }
  if (go) throw new Failure('where should it go?');
  let firstError: unknown = new Failure('where should it go?');
  for (const tail of [...np.tails].sort((a, b) => b - a)) {
    const head = parseNounPhrase(w, np.start, tail);
    const rest = chunkSentence(w.slice(tail, np.end));
    const d = rest.length === 1 && rest[0]!.t === 'dest' ? rest[0]!.dest : null;
    if (!head || head.end !== tail || !d) continue;
    try {
      const from = single(head, 'target');
      return { op: 'move', from, to: destCell(d, from) };
    } catch (e) {
      if (e instanceof Ambiguous) throw e;
      if (firstError instanceof Failure && firstError.reason === 'where should it go?') firstError = e;
    }
  }
  throw firstError;
}

function readTurn(ss: string[][], scene: Scene, referent: number[] | null, forced: Forced): Interpretation {
  let cur = scene;
  let ref = referent;
  const edits: Edit[] = [];
  for (let i = 0; i < ss.length; i++) {
    const s = ss[i]!;
    if (i === 0 && ss.length === 1) {
      const meta = metaCommand(s);
      if (meta) return { kind: meta };
    }
    try {
      const r = readSentence(s, cur, ref, forced.filter((f) => f.index === i));
      if ('focus' in r) ref = r.focus;
      else {
        edits.push(r.edit);
        cur = applyEdit(cur, r.edit);
        ref = editFocus(r.edit);
      }
    } catch (e) {
      if (e instanceof Ambiguous) {
        const pending: Pending = { sentences: ss, index: i, slot: e.slot, candidates: e.cells, referent, ...(forced.length ? { resolved: [...forced] } : {}) };
        return { kind: 'clarify', question: clarifyQuestion(cur, e.cells), pending };
      }
      if (e instanceof Failure) return { kind: 'unknown', reason: e.reason };
      return { kind: 'unknown', reason: e instanceof Error ? e.message : String(e) };
    }
  }
  if (edits.length === 0) return ref ? { kind: 'focus', referent: ref } : { kind: 'unknown', reason: 'nothing to do' };
  return { kind: 'edit', edits, referent: ref };
}

/** Interprets one user turn (one or more sentences) in context. */
export function interpret(text: string, ctx: InterpretContext): Interpretation {
  const ss = sentences(text);
  if (ss.length === 0) return { kind: 'unknown', reason: 'empty' };
  const referent = ctx.referent ?? null;
  const fresh = readTurn(ss, ctx.scene, referent, []);
  const p = ctx.pending;
  // With a question open, a turn that is not itself an edit or command is read as the answer.
  if (!p || fresh.kind === 'edit' || fresh.kind === 'undo' || fresh.kind === 'redo' || fresh.kind === 'reset') return fresh;
  const words = ss.flat();
  for (let i = 0; i < words.length; i++) {
    const np = parseNounPhrase(words, i, words.length, true);
    if (!np) continue;
    const cells = matchRef(ctx.scene, np.ref, p.referent, p.candidates);
    if (cells.length === 1) return readTurn(p.sentences, ctx.scene, p.referent, [...(p.resolved ?? []), { slot: p.slot, cell: cells[0]!, index: p.index }]);
    const narrowed = cells.length > 1 ? { ...p, candidates: cells } : p;
    return { kind: 'clarify', question: clarifyQuestion(ctx.scene, narrowed.candidates), pending: narrowed };
  }
  return fresh.kind === 'unknown' ? { kind: 'clarify', question: clarifyQuestion(ctx.scene, p.candidates), pending: p } : fresh;
}
