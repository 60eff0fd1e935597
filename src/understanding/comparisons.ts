/**
 * Comparisons read as sources, not targets: in "red like the other heart", "and dotted, like the diamond" and
 * "make it grey like the square", the object after "like" is what the new look comes from; the edit is on
 * "it". The tagger often marks it as a target; this puts it right before anything is resolved.
 */
import type { Lexicon } from './lexicon.ts';
import type { Clause, Reading, Span } from './reading.ts';
import { readValues } from './spans.ts';

const LIKING = /^(i|we|you|they|do|does|did|not|would|should|could|really|might|to)$/;

/** The reading with "like X" phrases as sources, a clause of nothing but one joined to the clause before. */
export function readComparisons(r: Reading, lex: Lexicon): Reading {
  const words = r.utterance.words;
  const compares = (at: number) => {
    const w = words[at - 1] ?? '';
    // "like" as a verb ("i do not like the heart", "I should like the heart orange") compares nothing.
    if (w === 'like') return !LIKING.test(words[at - 2] ?? '');
    return w === 'as' && /\bsame\b/.test(words.slice(0, at).join(' '));
  };
  const retag = (s: Span): Span => (s.role === 'TGT' && compares(s.start) ? { ...s, role: 'SRC' } : s);
  const clauses: Clause[] = [];
  for (const c of r.clauses) {
    const spans = c.spans.map(retag);
    const prev = clauses[clauses.length - 1];
    if (prev && spans.length > 0 && spans.every((s) => s.role === 'SRC') && (prev.op === 'set' || prev.op === 'copy')) {
      // ", like the diamond" after "and dotted": one request.
      clauses[clauses.length - 1] = { ...prev, end: c.end, words: words.slice(prev.start, c.end), spans: [...prev.spans, ...spans] };
      continue;
    }
    const valued = spans.some((s) => s.role === 'VAL' && readValues(s.words, lex).values.some((v) => v.kind !== 'attr'));
    // "the same colour as the heart" read as a change of value: a copy from the source.
    const op = c.op === 'set' && spans.some((s) => s.role === 'SRC') && !valued ? 'copy' : c.op;
    clauses.push({ ...c, op, spans });
  }
  return { ...r, clauses };
}
