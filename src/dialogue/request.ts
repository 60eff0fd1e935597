/** A request being carried out and the question Parley may have open about it (plain JSON, persisted). */
import type { Change } from '../understanding/changes.ts';
import type { Choice, Given, Need } from '../understanding/outcome.ts';
import type { Reading } from '../understanding/reading.ts';

/** A request: the reading and the answers given to questions about it so far. */
export interface Request {
  reading: Reading;
  choices: Choice[];
  given: Given[];
  /** The user said yes to it (or corrected it plainly): no second confirmation. */
  confirmed?: boolean;
  /** Confidence set by whoever built the request (a correction's own reading), instead of the reading's. */
  confidence?: number;
  /** What pronouns and target-less clauses refer to (the object of a "What should I do with it?"). */
  referent?: number[] | null;
  /** A request of the user's own turn (not an answer or a correction): the exact fast path may read it too. */
  fresh?: boolean;
  /** A correction: the id of the history node whose edit this request replaces (while that node is on screen). */
  replaces?: string;
  /** Changes Parley proposed itself (a contradiction turned the way the words ask), used as they are once confirmed. */
  changes?: Change[];
}

/** A question Parley asked and waits to have answered. */
export type OpenQuestion =
  | { kind: 'which'; need: Extract<Need, { need: 'which' }>; request: Request }
  | { kind: 'value'; need: Extract<Need, { need: 'value' }>; request: Request }
  | { kind: 'where'; need: Extract<Need, { need: 'where' }>; request: Request }
  | { kind: 'what'; targets: number[] }
  | { kind: 'confirm'; request: Request };

/** The last edit turn, for corrections ("no, the other one") and repeats ("same for the square"). */
export interface LastEdit {
  node: string;
  reading: Reading;
  choices: Choice[];
  given: Given[];
  changes: Change[];
}

