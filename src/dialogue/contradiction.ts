/**
 * A last check before an edit runs: does it go against the words of the request? "too big" or "shrink" must
 * never make something bigger, and "make it red" must never paint it blue. When the words and the edit
 * disagree, Parley asks instead (issue 23: some edits did the opposite of the request). Directions are read for
 * each ordered attribute of the domain's schema, from its comparatives and verbs.
 */
import type { AttributeSchema } from '../domain/schema.ts';
import type { Scene } from '../domain/scene.ts';
import type { Change } from '../understanding/changes.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import { negatedAt } from '../understanding/negation.ts';
import type { Reading } from '../understanding/reading.ts';

const EXCESS = new Set(['too', 'overly', 'overwhelming', 'overpowering', 'hogging']);

function ordered(lex: Lexicon): AttributeSchema[] {
  return lex.schema.attributes.filter((a) => a.ordered);
}

function along(attr: AttributeSchema | undefined, words: readonly string[], lex: Lexicon): number {
  if (!attr) return 0;
  const up = new Set([...(attr.more ?? []), ...(attr.moreVerbs ?? [])]);
  const down = new Set([...(attr.less ?? []), ...(attr.lessVerbs ?? [])]);
  const dirs = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (up.has(w)) dirs.add(1);
    if (down.has(w)) dirs.add(-1);
    // "too small" asks for a step up, "too big" for a step down: below the middle value up, above it down.
    if (EXCESS.has(w)) {
      const next = lex.match(words, i + 1)?.entries.find((e) => e.k === 'value' && e.attr === attr.name);
      if (next && next.k === 'value') dirs.add(-Math.sign(attr.values.indexOf(next.value) - (attr.values.length - 1) / 2));
    }
  }
  dirs.delete(0);
  return dirs.size === 1 ? [...dirs][0]! : 0;
}

/** The direction the words ask for along an ordered attribute (+1, -1), or 0 when they say none or both. */
export function askedDirection(words: readonly string[], lex: Lexicon, attr = ordered(lex)[0]?.name): number {
  return along(ordered(lex).find((a) => a.name === attr), words, lex);
}

/** True when the words name `value` only to deny it ("it should have no stripes", "not red"). */
function deniedValue(words: readonly string[], lex: Lexicon, attr: string, value: string): boolean {
  let said = false;
  for (let i = 0; i < words.length; i++) {
    const m = lex.match(words, i);
    if (!m?.entries.some((e) => e.k === 'value' && e.attr === attr && e.value === value)) continue;
    if (!negatedAt(words, i)) return false;
    said = true;
  }
  return said;
}

/** True when a change goes against the request's words; `valueOf` is a cell's current value of an attribute. */
export function contradicts(reading: Reading, changes: readonly Change[], lex: Lexicon, valueOf: (cell: number, attr: string) => string | undefined): boolean {
  const words = reading.utterance.words;
  if (changes.some((ch) => ch.op === 'set' && deniedValue(words, lex, ch.attr, ch.value))) return true;
  for (const a of ordered(lex)) {
    const dir = along(a, words, lex);
    if (dir === 0) continue;
    for (const ch of changes) {
      if (ch.op === 'step' && ch.attr === a.name && ch.dir !== dir) return true;
      if (ch.op === 'set' && ch.attr === a.name && ch.cells.some((c) => Math.sign(a.values.indexOf(ch.value) - a.values.indexOf(valueOf(c, a.name) ?? '')) === -dir)) return true;
    }
  }
  return false;
}

/** The changes turned the way the words ask (the proposal a confirmation offers instead of a contradiction). */
export function alongWords(reading: Reading, changes: readonly Change[], lex: Lexicon): Change[] {
  const dirs = new Map(ordered(lex).map((a) => [a.name, along(a, reading.utterance.words, lex)]));
  return changes.map((ch) => {
    // "no stripes" read as striped: the attribute's default, where it has one.
    const fallback = ch.op === 'set' && deniedValue(reading.utterance.words, lex, ch.attr, ch.value) ? lex.schema.attributes.find((a) => a.name === ch.attr)?.default : undefined;
    if (ch.op === 'set' && fallback) return { ...ch, value: fallback };
    const dir = (ch.op === 'step' || ch.op === 'set') ? dirs.get(ch.attr) : 0;
    if (!dir) return ch;
    return ch.op === 'step' ? { ...ch, dir: dir as 1 | -1 } : ch.op === 'set' ? { op: 'step', cells: ch.cells, attr: ch.attr, dir: dir as 1 | -1 } : ch;
  });
}

/** The same check against the values in `scene`. */
export function contradictsIn(reading: Reading, changes: readonly Change[], lex: Lexicon, scene: Scene): boolean {
  return contradicts(reading, changes, lex, (c, attr) => scene.cells[c]?.[attr]);
}
