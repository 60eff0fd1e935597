/** Place names of the nine cells as replies say them. */
import { POSITION_NAMES } from './lexicon.ts';

/**
 * One train-split name per cell; two-word names where the grammar has one ("middle left", not "left", which
 * people also read as "the leftmost").
 */
export const CELL_NAMES: readonly string[] = POSITION_NAMES.map(
  (l) => l.both.find((n) => n.split(' ').length === 2) ?? l.both[0]!,
);
