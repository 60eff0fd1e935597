/**
 * What recent turns talked about, for plural references that reach back ("make them both red" after one of two
 * stars was picked, "those two circles"): one set of cells per turn, most recent first, following moved objects.
 */
import type { Change } from '../understanding/changes.ts';

/** How many turns back a reference may reach. */
export const MENTION_TURNS = 6;

/** Mentions with this turn's objects in front (nothing new: unchanged). */
export function remember(mentions: readonly (readonly number[])[], cells: readonly number[]): number[][] {
  const all = cells.length ? [[...new Set(cells)], ...mentions] : [...mentions];
  return all.slice(0, MENTION_TURNS).map((m) => [...m]);
}

/** Mentions after changes: moved and swapped objects are where they went, removed ones are gone. */
export function follow(mentions: readonly (readonly number[])[], changes: readonly Change[]): number[][] {
  let out = mentions.map((m) => [...m]);
  for (const ch of changes) {
    if (ch.op === 'move') out = out.map((m) => m.flatMap((c) => (c === ch.from ? [ch.to] : c === ch.to ? [] : [c])));
    else if (ch.op === 'swap') out = out.map((m) => m.map((c) => (c === ch.a ? ch.b : c === ch.b ? ch.a : c)));
    else if (ch.op === 'remove') out = out.map((m) => m.filter((c) => !ch.cells.includes(c)));
  }
  return out.filter((m) => m.length);
}
