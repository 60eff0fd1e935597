/**
 * What the understanding model read in a turn, as data: the normalized words once, and clauses with their
 * operation and tagged phrases. Every later step receives this; nothing re-splits the text (STYLE 13).
 */
import { negatedAt } from './negation.ts';
import { OPS, ROLES, tagRole, type Context, type Op, type Role } from './tags.ts';
import type { Utterance } from './text.ts';

/** A tagged phrase: its role, words and span (word indices into the utterance), and the tagger's certainty. */
export interface Span {
  role: Role;
  words: string[];
  start: number;
  end: number;
  prob: number;
}

/** One clause: its operation, phrases and certainty. */
export interface Clause {
  op: Op;
  opProb: number;
  /** The runner-up operation and its probability (a close second lowers confidence). */
  alt: { op: Op; prob: number };
  words: string[];
  start: number;
  end: number;
  spans: Span[];
}

/** A whole turn as read. */
export interface Reading {
  utterance: Utterance;
  context: Context;
  clauses: Clause[];
}

/** The model's outputs for one turn, row-major (words incl. the context token) x classes. */
export interface TaggerOutput {
  tags: Float32Array;
  ops: Float32Array;
  starts: Float32Array;
}

const N_TAGS = 1 + ROLES.length * 2;

function argmax(a: Float32Array, off: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (a[off + k]! > a[off + best]!) best = k;
  return best;
}

/** Decodes the tagger's probabilities (position 0 is the context token) into clauses and phrases. */
export function decode(utterance: Utterance, context: Context, out: TaggerOutput): Reading {
  const w = utterance.words;
  const clauses: Clause[] = [];
  let start = 0;
  for (let i = 1; i <= w.length; i++) {
    const p = i + 1; // model position of word i
    const newClause = i < w.length && out.starts[p * 2 + 1]! > 0.5;
    if (i === w.length || newClause) {
      clauses.push(clause(w, start, i, out));
      start = i;
    }
  }
  return { utterance, context, clauses: w.length ? clauses : [] };
}

function clause(w: readonly string[], start: number, end: number, out: TaggerOutput): Clause {
  const sums = new Float64Array(OPS.length);
  for (let i = start; i < end; i++) for (let k = 0; k < OPS.length; k++) sums[k] += out.ops[(i + 1) * OPS.length + k]!;
  const order = [...sums.keys()].sort((a, b) => sums[b]! - sums[a]!);
  const n = end - start;
  const spans: Span[] = [];
  let cur: Span | null = null;
  for (let i = start; i < end; i++) {
    const off = (i + 1) * N_TAGS;
    const id = argmax(out.tags, off, N_TAGS);
    const { role, begin } = tagRole(id);
    const prob = out.tags[off + id]!;
    if (role && cur && cur.role === role && !begin && cur.end === i) {
      cur.words.push(w[i]!);
      cur.end = i + 1;
      cur.prob = Math.min(cur.prob, prob);
    } else if (role) {
      cur = { role, words: [w[i]!], start: i, end: i + 1, prob };
      spans.push(cur);
    } else cur = null;
  }
  return {
    op: OPS[order[0]!]!, opProb: sums[order[0]!]! / n, alt: { op: OPS[order[1]!]!, prob: sums[order[1]!]! / n },
    words: w.slice(start, end), start, end, spans,
  };
}

/** The spans of a role in a clause. */
export function spansOf(c: Clause, role: Role): Span[] {
  return c.spans.filter((s) => s.role === role);
}

/** Lowest certainty among a clause's phrases and words tagged outside any phrase. */
export function tagConfidence(c: Clause): number {
  return c.spans.reduce((m, s) => Math.min(m, s.prob), 1);
}

/**
 * "make the heart red and the star pink" read as one clause with two targets and two values: each target goes
 * with the value after it. Splits such a clause into one clause per target when every part has its own value.
 */
export function pairTargetsWithValues(r: Reading): Reading {
  const clauses = r.clauses.flatMap((c) => {
    const spans = [...c.spans].sort((a, b) => a.start - b.start);
    const parts: Span[][] = [];
    for (const s of spans) {
      if (s.role === 'TGT' || parts.length === 0) parts.push([s]);
      else parts[parts.length - 1]!.push(s);
    }
    // "dots in place of those stripes": a value ruled out is not a second request.
    const wanted = (p: Span[]) => p.some((s) => s.role === 'VAL' && !negatedAt(r.utterance.words, s.start));
    let paired = parts.length > 1 && parts.every((p) => p[0]!.role === 'TGT' && wanted(p));
    if (!paired && c.op === 'add') {
      // New objects each with their place: a clause per object.
      parts.length = 0;
      for (const s of spans) {
        if (s.role === 'VAL' && (parts.length === 0 || parts[parts.length - 1]!.some((x) => x.role === 'DEST'))) parts.push([s]);
        else if (parts.length) parts[parts.length - 1]!.push(s);
      }
      paired = parts.length > 1 && parts.every((p) => p.some((s) => s.role === 'DEST'));
    }
    if (!paired) return [c];
    return parts.map((p, i) => {
      const start = i === 0 ? c.start : p[0]!.start;
      const end = i === parts.length - 1 ? c.end : parts[i + 1]![0]!.start;
      if (start >= end) return { ...c, spans: p };
      return { ...c, start, end, words: r.utterance.words.slice(start, end), spans: p };
    });
  });
  return { ...r, clauses };
}
