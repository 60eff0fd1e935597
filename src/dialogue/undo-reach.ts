/**
 * How far back an undo reaches when it names what it undoes: "undo that and the colour change" goes back past
 * the latest colour change, "and undo the crosses too" past the latest edit of the crosses. The count of
 * steps, or null when the words name nothing the recent history holds (then the plain step count holds).
 */
import type { Scene } from '../domain/scene.ts';
import type { Change } from '../understanding/changes.ts';
import type { Lexicon } from '../understanding/lexicon.ts';
import { matchRef } from '../understanding/match.ts';
import type { Clause } from '../understanding/reading.ts';
import { readRef, readValues } from '../understanding/spans.ts';
import type { DialogueDomain } from './dialogue-domain.ts';
import type { HistoryTree } from './history.ts';
import { changedCells } from './turn-shape.ts';

/** Kinds of change people name ("the colour change", "the swap"), by the change they match. */
const KINDS: readonly [RegExp, (c: Change) => boolean][] = [
  [/\b(swap|swapping)\b/, (c) => c.op === 'swap'],
  [/\b(move|moving)\b/, (c) => c.op === 'move'],
  [/\b(removal|deletion|delete|removing)\b/, (c) => c.op === 'remove'],
  [/\b(addition|adding)\b/, (c) => c.op === 'add'],
];

/** Steps back to before the latest edit the undo clause names, within `limit` steps. */
export function undoReach(c: Clause, scene: Scene, history: HistoryTree, rules: DialogueDomain, lex: Lexicon, limit = 8): number | null {
  const said = c.words.join(' ');
  // "the colour change" names an attribute; "medium was fine" one of its values.
  const valued = new Set(readValues(c.words, lex).values.flatMap((v) => (v.kind === 'set' ? [v.attr] : [])));
  const attrs = lex.schema.attributes.filter((a) => valued.has(a.name) || a.nouns.some((n) => new RegExp(`\\b${n}\\b`).test(said)));
  const kind = KINDS.find(([re]) => re.test(said))?.[1];
  const target = c.spans.find((s) => s.role === 'TGT');
  const ref = target ? readRef(target.words, lex) : null;
  const cells = ref && !ref.pronoun ? matchRef(scene, ref, lex.schema, { referent: null }) : [];
  if (!kind && attrs.length === 0 && cells.length === 0) return null;
  let node = history.current;
  for (let n = 1; n <= limit && node.parent !== null; n++) {
    const changes = node.steps.map((s) => rules.toChange(s.edit));
    const named = changes.some((ch) => (kind?.(ch) ?? false) || (ch.op === 'set' || ch.op === 'step' ? attrs.some((a) => a.name === ch.attr) : false)) ||
      changedCells(changes).some((x) => cells.includes(x));
    if (named) return n;
    node = history.node(node.parent)!;
  }
  return null;
}

/** "bring them back", "put it back": after an undo, the words that ask for what was undone. */
export function bringsBack(c: Clause): boolean {
  return /\b(bring|put)\b.*\bback\b/.test(c.words.join(' '));
}
