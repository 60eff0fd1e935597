/**
 * Places on a grid as people say them: cells, rows, columns, corners, sides and the middle, read from the
 * side and middle words of a phrase. The same words mean a filter in a reference ("the top star": the
 * highest star) and a cell in a destination ("move it to the top": the top middle).
 */
import type { Direction } from './english.ts';

/** Words of a place phrase, gathered from the lexicon's entries. */
export interface PlaceWords {
  vertical?: Direction;
  horizontal?: Direction;
  middle: number;
  row: boolean;
  column: boolean;
  corner: boolean;
  edge: boolean;
  extreme: boolean;
}

/** A place: the cells it covers, and whether it picks the extreme of the matches instead of a fixed area. */
export type Place = { cells: number[]; middle?: boolean } | { extreme: Direction; within?: number[] };

/** An empty place-word set. */
export function noPlace(): PlaceWords {
  return { middle: 0, row: false, column: false, corner: false, edge: false, extreme: false };
}

/** True when any place word was seen. */
export function hasPlace(p: PlaceWords): boolean {
  return p.vertical !== undefined || p.horizontal !== undefined || p.middle > 0 || p.row || p.column || p.corner || p.edge;
}

const rowOf = (d: Direction | undefined) => (d === 'up' ? 0 : d === 'down' ? 2 : undefined);
const colOf = (d: Direction | undefined) => (d === 'left' ? 0 : d === 'right' ? 2 : undefined);

/** Cells of a rows x cols grid selected by row and column (either may be undefined = any). */
export function cellsOf(rows: number, cols: number, r?: number, c?: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if ((r === undefined || i === r) && (c === undefined || j === c)) out.push(i * cols + j);
  return out;
}

/** What the words mean in a 3x3 grid; `destination` reads a lone side as the middle of that side. */
export function readPlace(p: PlaceWords, rows: number, cols: number, destination: boolean): Place | null {
  if (!hasPlace(p)) return null;
  const lastRow = rows - 1;
  const lastCol = cols - 1;
  let r = rowOf(p.vertical);
  let c = colOf(p.horizontal);
  if (r === 2) r = lastRow;
  if (c === 2) c = lastCol;
  const midR = Math.floor(rows / 2);
  const midC = Math.floor(cols / 2);
  if (p.corner || p.edge) {
    const corners = [0, lastCol, lastRow * cols, lastRow * cols + lastCol];
    if (p.corner) return { cells: corners.filter((x) => (r === undefined || Math.floor(x / cols) === r) && (c === undefined || x % cols === c)) };
    return { cells: cellsOf(rows, cols, r, c) };
  }
  // "the rightmost one in the bottom row": an extreme within a row (or a column), not a corner cell.
  if (p.extreme && p.row && r !== undefined && c !== undefined) return { extreme: p.horizontal!, within: cellsOf(rows, cols, r) };
  if (p.extreme && p.column && r !== undefined && c !== undefined) return { extreme: p.vertical!, within: cellsOf(rows, cols, undefined, c) };
  if (r !== undefined && c !== undefined) return { cells: cellsOf(rows, cols, r, c) };
  if (p.middle > 0) {
    // "the middle of the top row": a side names the row, so "middle" is the place within it.
    if (r !== undefined) return { cells: cellsOf(rows, cols, r, midC) };
    if (c !== undefined) return { cells: cellsOf(rows, cols, midR, c) };
    if (p.row) return { cells: cellsOf(rows, cols, midR) };
    if (p.column) return { cells: cellsOf(rows, cols, undefined, midC) };
    // A lone "middle" may also mean the middle one of several ("the middle heart"): matching decides.
    return { cells: cellsOf(rows, cols, midR, midC), ...(destination ? {} : { middle: true }) };
  }
  if (r !== undefined) {
    if (p.row) return { cells: cellsOf(rows, cols, r) };
    if (destination) return { cells: cellsOf(rows, cols, r, midC) };
    return p.extreme ? { extreme: p.vertical! } : { extreme: p.vertical!, within: cellsOf(rows, cols, r) };
  }
  if (c !== undefined) {
    if (p.column) return { cells: cellsOf(rows, cols, undefined, c) };
    if (destination) return { cells: cellsOf(rows, cols, midR, c) };
    return p.extreme ? { extreme: p.horizontal! } : { extreme: p.horizontal!, within: cellsOf(rows, cols, undefined, c) };
  }
  return null;
}
