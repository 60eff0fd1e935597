/** Cells of a rows x cols grid, row-major, row 0 at the top: the places of every gridded domain. */

/** Adjacent-cell relations. */
export type Direction = 'left' | 'right' | 'up' | 'down';

/** A grid's size in cells. */
export interface Grid {
  rows: number;
  cols: number;
}

/** The adjacent cell in a direction, or null at the border. */
export function neighborIn(grid: Grid, cell: number, dir: Direction): number | null {
  const r = Math.floor(cell / grid.cols) + (dir === 'up' ? -1 : dir === 'down' ? 1 : 0);
  const c = (cell % grid.cols) + (dir === 'left' ? -1 : dir === 'right' ? 1 : 0);
  return r < 0 || r >= grid.rows || c < 0 || c >= grid.cols ? null : r * grid.cols + c;
}
