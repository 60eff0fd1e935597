/** Domain-independent changes to a grid scene, the understanding layer's output for edits. */
import type { GridScene } from './match.ts';
import type { LanguageSchema } from '../domain/schema.ts';

/** One change: set or step an attribute, remove, add, move or swap objects. */
export type Change =
  | { op: 'set'; cells: number[]; attr: string; value: string }
  | { op: 'step'; cells: number[]; attr: string; dir: 1 | -1 }
  | { op: 'remove'; cells: number[] }
  | { op: 'add'; cell: number; object: Record<string, string> }
  | { op: 'move'; from: number; to: number }
  | { op: 'swap'; a: number; b: number };

/** A mutable copy of a scene's cells. */
export type Cells = (Record<string, string> | null)[];

/** Applies a change to a copy of the cells (steps stop at the ends of the order). */
export function applyChange(cells: readonly (object | null)[], ch: Change, schema: LanguageSchema): Cells {
  const next: Cells = cells.map((o) => (o ? { ...(o as Record<string, string>) } : null));
  switch (ch.op) {
    case 'set':
      for (const c of ch.cells) if (next[c]) next[c]![ch.attr] = ch.value;
      break;
    case 'step': {
      const vs = schema.attributes.find((a) => a.name === ch.attr)!.values;
      for (const c of ch.cells) {
        const o = next[c];
        if (o) o[ch.attr] = vs[Math.max(0, Math.min(vs.length - 1, vs.indexOf(o[ch.attr]!) + ch.dir))]!;
      }
      break;
    }
    case 'remove':
      for (const c of ch.cells) next[c] = null;
      break;
    case 'add':
      next[ch.cell] = { ...ch.object };
      break;
    case 'move':
      next[ch.to] = next[ch.from]!;
      next[ch.from] = null;
      break;
    case 'swap':
      [next[ch.a], next[ch.b]] = [next[ch.b]!, next[ch.a]!];
      break;
  }
  return next;
}

/** The cells a change leaves holding the objects it was about ("it" next turn); null when they are gone. */
export function changeFocus(ch: Change): number[] | null {
  if (ch.op === 'remove') return null;
  if (ch.op === 'add') return [ch.cell];
  if (ch.op === 'move') return [ch.to];
  if (ch.op === 'swap') return [ch.b]; // the first-named object now sits where the second was (as edits.ts)
  return [...ch.cells];
}

/** A scene view of cells. */
export function sceneOf(cells: Cells): GridScene {
  return { cells };
}

/** True when every change can be made on these cells (its objects are there, its destinations free). */
export function fits(changes: readonly Change[], cells: readonly (object | null)[]): boolean {
  let now: (object | null)[] = [...cells];
  for (const ch of changes) {
    const full = (c: number) => now[c] !== null && now[c] !== undefined;
    if ('cells' in ch && !ch.cells.every(full)) return false;
    if ((ch.op === 'add' || ch.op === 'move') && full(ch.op === 'add' ? ch.cell : ch.to)) return false;
    if ((ch.op === 'move' && !full(ch.from)) || (ch.op === 'swap' && !(full(ch.a) && full(ch.b)))) return false;
    now = applyChangeShape(now, ch);
  }
  return true;
}

function applyChangeShape(cells: (object | null)[], ch: Change): (object | null)[] {
  const next = [...cells];
  if (ch.op === 'remove') for (const c of ch.cells) next[c] = null;
  if (ch.op === 'add') next[ch.cell] = { ...ch.object };
  if (ch.op === 'move') [next[ch.to], next[ch.from]] = [next[ch.from]!, null];
  if (ch.op === 'swap') [next[ch.a], next[ch.b]] = [next[ch.b]!, next[ch.a]!];
  return next;
}
