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

/** The scene cell a pixel's center falls in, in a size x size picture. */
export function cellOfPixel(x: number, y: number, size: number, grid: Grid): number {
  const col = Math.min(grid.cols - 1, Math.floor(((x + 0.5) * grid.cols) / size));
  const row = Math.min(grid.rows - 1, Math.floor(((y + 0.5) * grid.rows) / size));
  return row * grid.cols + col;
}
