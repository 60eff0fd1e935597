/**
 * What understanding concluded about a turn, as a typed union the dialogue acts on and `replies.ts` words.
 * No English here: failures are codes with their data (STYLE 13).
 */
import type { Op, Role } from './tags.ts';

/** Why a request could not be carried out or read. */
export type Failure =
  | { code: 'nothing-recognized' }
  | { code: 'empty' }
  | { code: 'too-long'; max: number }
  | { code: 'no-match'; phrase: string }
  | { code: 'unknown-pronoun'; phrase: string }
  | { code: 'place-taken'; cell: number }
  | { code: 'off-grid' }
  | { code: 'grid-full' }
  | { code: 'needs-one'; phrase: string }
  | { code: 'unavailable-value'; attr: string; name: string }
  | { code: 'unsupported'; words: string[] }
  | { code: 'nothing-to-repeat' }
  | { code: 'nothing-to-fix' };

/** Where a clarifying question points: which phrase of which clause. */
export interface Slot {
  clause: number;
  role: Role;
  span: number;
}

/** A choice already made for a slot (an answer to an earlier question in the same turn). */
export interface Choice extends Slot {
  cells: number[];
}

/** A value already given in answer to "what colour?" / "where?". */
export interface Given {
  clause: number;
  values?: { attr: string; value: string }[];
  cell?: number;
}

/** Why a turn needs a question before anything happens. */
export type Need =
  | { need: 'which'; slot: Slot; candidates: number[]; phrase: string }
  | { need: 'value'; clause: number; attr: string | null; targets: number[]; op: Op; choices?: readonly string[]; unavailable?: string }
  | { need: 'where'; clause: number; candidates: number[] }
  | { need: 'what'; targets: number[] };
