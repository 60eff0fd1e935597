/**
 * Small repairs of the tagger's phrases and operation that the words settle: a count after a plural pronoun,
 * a place split off a target, a lone article tagged apart from its noun, an unmistakable leading verb.
 */
import type { Entry, Lexicon } from './lexicon.ts';
import type { Clause } from './reading.ts';

/** Runs every repair. */
export function repairClause(c: Clause, lex: Lexicon): Clause {
  return strayNoun(copiedOnto(placeOfTarget(countedPronoun(joinArticle(leadVerb(c)), lex))), lex);
}

/**
 * "make the blue stuff striped" tagged "the blue" + "stuff striped": a noun that starts the value right after a
 * noun-less target ends the target, when a value is left after it.
 */
function strayNoun(c: Clause, lex: Lexicon): Clause {
  const k = c.spans.findIndex((t, i) => t.role === 'TGT' && c.spans[i + 1]?.role === 'VAL' && c.spans[i + 1]!.start === t.end);
  if (k < 0) return c;
  const [t, v] = [c.spans[k]!, c.spans[k + 1]!];
  const isNoun = (e: Entry) => e.k === 'generic' || (e.k === 'value' && !!e.noun && lex.schema.attributes.find((a) => a.name === e.attr)?.noun);
  const nounAt = (ws: readonly string[], i: number) => lex.match(ws, i)?.entries.some(isNoun) ?? false;
  const m = lex.match(v.words, 0);
  if (!m || !nounAt(v.words, 0) || m.n >= v.words.length || t.words.some((_, i) => nounAt(t.words, i))) return c;
  const target = { ...t, words: [...t.words, ...v.words.slice(0, m.n)], end: t.end + m.n };
  const value = { ...v, words: v.words.slice(m.n), start: v.start + m.n };
  return { ...c, spans: c.spans.map((s) => (s === t ? target : s === v ? value : s)) };
}

/**
 * "use the same size for the block" tagged with the block as the source: the object a copy is "for" (or "on")
 * receives it; the source is then what was talked about.
 */
function copiedOnto(c: Clause): Clause {
  if (c.op !== 'copy' || c.spans.some((s) => s.role === 'TGT')) return c;
  const src = c.spans.filter((s) => s.role === 'SRC');
  const onto = src.length === 1 && /^(for|on|onto|to)$/.test(c.words[src[0]!.start - c.start - 1] ?? '');
  return onto ? { ...c, spans: c.spans.map((s) => (s === src[0] ? { ...s, role: 'TGT' as const } : s)) } : c;
}

/** Words that may come before a clause's verb ("ok can you please add ..."). */
const BEFORE_VERB = new Set(['ok', 'okay', 'so', 'now', 'and', 'then', 'also', 'please', 'pls', 'can', 'could', 'would', 'will', 'you', 'just', 'lets', 'let', 'us', 'hmm', 'um', 'oh', ',']);

/** "add a star" read as a change of value: "add" and "insert" only ever add. */
function leadVerb(c: Clause): Clause {
  const verb = c.words.find((w) => !BEFORE_VERB.has(w));
  return (verb === 'add' || verb === 'insert') && c.op !== 'add' && !c.spans.some((s) => s.role === 'TGT') ? { ...c, op: 'add' } : c;
}

/** "swap the 2 triangles" tagged "the" + "triangles": an article alone joins the phrase after it. */
function joinArticle(c: Clause): Clause {
  const lone = c.spans.findIndex((s) => s.words.every((w) => /^(the|a|an|those|these)$/.test(w)));
  const next = lone >= 0 ? c.spans[lone + 1] : undefined;
  if (!next || next.start - c.spans[lone]!.end > 1) return c;
  const first = c.spans[lone]!;
  const role = c.spans.some((s, i) => i !== lone && s.role === 'TGT') ? next.role : first.role;
  const joined = { ...next, role, words: c.words.slice(first.start - c.start, next.end - c.start), start: first.start };
  return { ...c, spans: c.spans.flatMap((s, i) => (i === lone ? [] : s === next ? [joined] : [s])) };
}

/** "make them both red" with only "them" tagged: the count right after a plural pronoun belongs to it. */
function countedPronoun(c: Clause, lex: Lexicon): Clause {
  const span = c.spans.find((s) => s.role === 'TGT' && s.words.length === 1 && lex.match(s.words, 0)?.entries.some((e) => e.k === 'pronoun' && e.number === 'all'));
  const next = span ? c.words[span.end - c.start] : undefined;
  if (!span || next === undefined) return c;
  const counts = next === 'both' || lex.match([next], 0)?.entries.some((e) => e.k === 'number');
  // The count may come untagged or tagged as a phrase of its own ("them" + "both").
  const own = c.spans.find((s) => s.start === span.end);
  if (!counts || (own && own.words.length !== 1)) return c;
  const merged = { ...span, words: [...span.words, next], end: span.end + 1 };
  return { ...c, spans: c.spans.filter((s) => s !== own).map((s) => (s === span ? merged : s)) };
}

/** "the one beside it" + "in the same row" tagged as a destination where nothing moves: one phrase. */
function placeOfTarget(c: Clause): Clause {
  if (c.op === 'move' || c.op === 'add') return c;
  const dest = c.spans.find((d) => d.role === 'DEST' && c.spans.some((t) => t.role === 'TGT' && t.end === d.start));
  if (!dest) return c;
  const tgt = c.spans.find((t) => t.role === 'TGT' && t.end === dest.start)!;
  const merged = { ...tgt, words: [...tgt.words, ...dest.words], end: dest.end, prob: Math.min(tgt.prob, dest.prob) };
  return { ...c, spans: c.spans.filter((x) => x !== dest).map((x) => (x === tgt ? merged : x)) };
}
