/**
 * History and control commands of a turn: undo / forget with a count ("go back two steps", "undo twice",
 * "forget that"), redo, reset to the original, and cancelling an open question ("never mind").
 */
import { metaCommand, stripFiller } from '../domain/normalize.ts';
import { words } from '../domain/tokenizer.ts';

/** A control command; `count` is Infinity for "undo everything". */
export type Command = { kind: 'undo' | 'redo'; count: number } | { kind: 'reset' } | { kind: 'cancel' };

const NUMBERS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twice: 2, thrice: 3, couple: 2,
};
const CANCEL = /^(never ?mind|nevermind|forget (it|that|about it)|cancel( that| it)?|nothing|none|neither|no thanks|stop|skip( it)?)$/;
const FORGET = /^forget (it|that|this|the last( \w+)? (change|changes|edit|edits|step|steps|one|ones)|about it|what i said|those|them|everything)$/;

function count(ws: readonly string[]): number {
  if (ws.some((w) => w === 'everything' || w === 'all')) return Infinity;
  for (const w of ws) {
    if (NUMBERS[w] !== undefined) return NUMBERS[w]!;
    if (/^\d+$/.test(w) && Number(w) > 0) return Number(w);
  }
  return 1;
}

/** The command a single-sentence turn gives, or null; "forget that" cancels an open question, else undoes. */
export function parseCommand(text: string, questionOpen: boolean): Command | null {
  const parts = text.split(/[.!?;]+/).map((p) => words(p)).filter((w) => w.length > 0);
  if (parts.length !== 1) return null;
  const ws = stripFiller(parts[0]!);
  const s = ws.join(' ');
  if (questionOpen && CANCEL.test(s)) return { kind: 'cancel' };
  if (s === 'forget everything') return { kind: 'reset' };
  if (FORGET.test(s)) return { kind: 'undo', count: count(ws) };
  if (/^(never ?mind|nevermind)$/.test(s)) return { kind: 'cancel' };
  const meta = metaCommand(ws);
  if (meta === 'reset') return { kind: 'reset' };
  if (meta) return { kind: meta, count: count(ws) };
  return null;
}
