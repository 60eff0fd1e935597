/**
 * Binds a reference (spans.ts) to the objects of a grid scene: attribute filters, places, extremes,
 * superlatives, ordinals, relations, "other" and "except". Deterministic; no model involved.
 */
import type { Direction } from './english.ts';
import type { LanguageSchema } from '../domain/schema.ts';
import type { RefSpec } from './spans.ts';

/** A scene as understanding sees it: cells holding attribute records, or null. */
export interface GridScene {
  cells: readonly (object | null)[];
}

/** An object's value of an attribute (scene objects are plain records of strings). */
export function valueOf(o: object, attr: string): string | undefined {
  return (o as Record<string, string>)[attr];
}

/** What a reference picked out. */
export type Resolution = { status: 'ok'; cells: number[] } | { status: 'ambiguous'; cells: number[] } | { status: 'none' };

/** The dialogue's side of a reference: what "it" means, and which cells a question offered. */
export interface RefContext {
  referent: readonly number[] | null;
  within?: readonly number[];
  /** The objects of recent turns, one set per turn, most recent first (edited, asked about, offered). */
  mentions?: readonly (readonly number[])[];
}

function key(cell: number, dir: Direction | 'reading', cols: number): number {
  const r = Math.floor(cell / cols);
  const c = cell % cols;
  if (dir === 'left' || dir === 'reading') return dir === 'left' ? c * 100 + r : r * 100 + c;
  if (dir === 'right') return -c * 100 + r;
  if (dir === 'up') return r * 100 + c;
  return -r * 100 + c;
}

/** Cells furthest in a direction (several when tied on that axis). */
export function extremes(cells: readonly number[], dir: Direction, cols: number): number[] {
  if (cells.length === 0) return [];
  const axis = (c: number) => (dir === 'left' ? c % cols : dir === 'right' ? -(c % cols) : dir === 'up' ? Math.floor(c / cols) : -Math.floor(c / cols));
  const best = Math.min(...cells.map(axis));
  return cells.filter((c) => axis(c) === best);
}

/** The neighbour of a cell in a direction, or null off the grid. */
export function neighbor(cell: number, dir: Direction, rows: number, cols: number): number | null {
  const r = Math.floor(cell / cols) + (dir === 'up' ? -1 : dir === 'down' ? 1 : 0);
  const c = (cell % cols) + (dir === 'left' ? -1 : dir === 'right' ? 1 : 0);
  return r < 0 || r >= rows || c < 0 || c >= cols ? null : r * cols + c;
}

/** Cells next to `cell` for a relation ('next' = left or right, or above or below when neither exists). */
export function related(cell: number, dir: Direction | 'next', rows: number, cols: number): number[] {
  if (dir !== 'next') return [neighbor(cell, dir, rows, cols)].filter((x): x is number => x !== null);
  const side = (['left', 'right'] as const).map((d) => neighbor(cell, d, rows, cols)).filter((x): x is number => x !== null);
  const vert = (['up', 'down'] as const).map((d) => neighbor(cell, d, rows, cols)).filter((x): x is number => x !== null);
  return [...side, ...vert];
}

/** Every cell a reference could mean, before its number is checked. */
export function matchRef(scene: GridScene, ref: RefSpec, schema: LanguageSchema, ctx: RefContext): number[] {
  const { rows, cols } = schema.grid ?? { rows: 1, cols: scene.cells.length };
  const live = (cs: readonly number[]) => cs.filter((c) => scene.cells[c] && (!ctx.within || ctx.within.includes(c)));
  let cells: number[];
  if (ref.pronoun) {
    const occupied = live(scene.cells.map((_, i) => i));
    cells = ctx.referent?.length ? live(ctx.referent) : occupied.length === 1 ? occupied : [];
  } else cells = live(scene.cells.map((_, i) => i));
  cells = cells.filter((c) => {
    const o = scene.cells[c]!;
    return Object.entries(ref.values).every(([a, v]) => valueOf(o, a) === v) && (ref.either ?? []).every((e) => e.values.includes(valueOf(o, e.attr)!));
  });
  if (ref.rel) {
    const rel = ref.rel;
    const landmarks = matchRef(scene, rel.landmark, schema, { referent: ctx.referent });
    const sameLine = (a: number, b: number) => (rel.line === 'row' ? Math.floor(a / cols) === Math.floor(b / cols) : rel.line === 'column' ? a % cols === b % cols : true);
    const near = (c: number) => landmarks.some((l) => related(l, rel.dir, rows, cols).includes(c) && sameLine(l, c));
    cells = cells.filter(near);
  }
  if (ref.except) {
    const out = new Set(matchRef(scene, ref.except, schema, ctx));
    cells = cells.filter((c) => !out.has(c));
  }
  if (ref.other && ctx.referent?.length) {
    let rest = cells.filter((c) => !ctx.referent!.includes(c));
    // "the other one" with nothing else said: another object of the kind just talked about (same shape, else colour).
    const first = scene.cells[ctx.referent[0]!];
    if (first && Object.keys(ref.values).length === 0) {
      for (const attr of schema.attributes.filter((a) => a.noun || a.name === 'color')) {
        const alike = rest.filter((c) => valueOf(scene.cells[c]!, attr.name) === valueOf(first, attr.name));
        if (alike.length) {
          rest = alike;
          break;
        }
      }
    }
    if (rest.length) cells = rest;
  }
  if (ref.place) {
    const p = ref.place;
    if ('cells' in p) {
      const at = cells.filter((c) => p.cells.includes(c));
      // "the middle heart" with no heart in the middle: the middle one of three in a line.
      cells = at.length || !p.middle ? at : middleOf(cells, cols);
    } else {
      // "the rightmost triangle in the bottom row": the extreme among those in the row; "the top star": the star in
      // the top row, else the highest one.
      const inside = p.within ? cells.filter((c) => p.within!.includes(c)) : [];
      cells = extremes(inside.length ? inside : cells, p.extreme, cols);
    }
  }
  if (ref.superlative) {
    const attr = schema.attributes.find((a) => a.name === ref.superlative!.attr)!;
    const rank = (c: number) => attr.values.indexOf(valueOf(scene.cells[c]!, attr.name)!) * ref.superlative!.dir;
    const best = Math.max(...cells.map(rank));
    cells = cells.filter((c) => rank(c) === best);
  }
  if (ref.ordinal) {
    const axis = ref.ordinal.axis;
    const sorted = [...cells].sort((a, b) => key(a, axis, cols) - key(b, axis, cols));
    const n = ref.ordinal.n;
    const pick = n > 0 ? sorted[n - 1] : sorted[sorted.length + n];
    cells = pick === undefined ? [] : [pick];
  }
  return cells;
}

/** Resolves a reference: one object, exactly two for "both", exactly n for a count, or all that match. */
export function resolveRef(scene: GridScene, ref: RefSpec, schema: LanguageSchema, ctx: RefContext): Resolution {
  let cells = matchRef(scene, ref, schema, ctx);
  const n = ref.number;
  const want = n === 'both' ? 2 : typeof n === 'number' ? n : 0;
  if (ref.pronoun && want > cells.length && ctx.mentions) {
    // "make them both red" after one star was picked among two: "them" reaches back to the other one.
    const alike = matchRef(scene, { ...ref, pronoun: undefined }, schema, { ...ctx, referent: null });
    // "make all three of them bigger" with three objects in the picture: those three.
    cells = byMention(alike, want, [ctx.referent ?? [], ...ctx.mentions]) ?? (alike.length === want ? alike : cells);
  }
  if (cells.length === 0) return { status: 'none' };
  // "those two circles", "both squares" among more: the ones just talked about, when they are exactly that many.
  const recent = cells.filter((c) => ctx.referent?.includes(c));
  if (want && cells.length > want) {
    if (recent.length === want) cells = recent;
    else if (ctx.mentions) cells = byMention(cells, want, [ctx.referent ?? [], ...ctx.mentions]) ?? cells;
  }
  // "one of them" (a plural pronoun counted to one) asks which, as "the circle" does among several.
  if (n === 'one' && ref.pronoun !== 'one' && cells.length > 1) return { status: 'ambiguous', cells };
  if (n === 'both' && cells.length !== 2) return cells.length > 2 ? { status: 'ambiguous', cells } : { status: 'none' };
  if (typeof n === 'number' && cells.length !== n) return cells.length > n ? { status: 'ambiguous', cells } : { status: 'none' };
  return { status: 'ok', cells };
}

/**
 * The `want` objects among `cells` that the latest turns mentioned, when the fewest latest turns mentioning at
 * least that many mention exactly that many; null when recency does not settle it.
 */
function byMention(cells: readonly number[], want: number, mentions: readonly (readonly number[])[]): number[] | null {
  const seen = new Set<number>();
  for (const m of mentions) {
    for (const c of m) if (cells.includes(c)) seen.add(c);
    if (seen.size >= want) return seen.size === want ? [...seen] : null;
  }
  return null;
}

/** The middle one of an odd number of objects in one row or one column (none otherwise). */
function middleOf(cells: readonly number[], cols: number): number[] {
  if (cells.length % 2 === 0) return [];
  const rowsOf = new Set(cells.map((c) => Math.floor(c / cols)));
  const colsOf = new Set(cells.map((c) => c % cols));
  if (rowsOf.size !== 1 && colsOf.size !== 1) return [];
  const sorted = [...cells].sort((a, b) => a - b);
  return [sorted[(sorted.length - 1) / 2]!];
}
