/**
 * What the dialogue layer needs from a domain beyond its Domain value and Lexicon: how edits work on its scenes,
 * how the model is told about them, how questions about its pictures are answered, and the domain-worded replies.
 * A domain folder supplies one such value (shapes-v1: SHAPES_DIALOGUE) as its Domain's `dialogue` field; the
 * dialogue layer, the conversation and the evaluation take it as an argument and never import a domain.
 */
import type { Domain } from '../domain/domain.ts';
import type { Scene } from '../domain/scene.ts';
import type { Change } from '../understanding/changes.ts';
import type { Failure, Need } from '../understanding/outcome.ts';
import type { Reading } from '../understanding/reading.ts';
import { DomainError } from '../../workers/errors.ts';

/** A domain's resolved edit, as the generic layers see it: plain JSON tagged by its operation. */
export interface DomainEdit {
  readonly op: string;
}

/** What a domain's exact rules read in a turn: edits, an ambiguity, or nothing they are sure of (null). */
export type ExactReading<E extends DomainEdit = DomainEdit> =
  | { kind: 'edits'; edits: E[]; referent: number[] | null; scene: Scene }
  | { kind: 'clarify' }
  | null;

/** The dialogue's sentences that name the domain's things (failures and needs arrive as typed codes). */
export interface DialogueReplies<E extends DomainEdit = DomainEdit> {
  /** A reply that says what can be said, with examples that fit the scene, after `lead` (default: not understood). */
  help(scene: Scene, lead?: string): string;
  /** A reply to a remark that asks for no change: thanks, a greeting, or something Parley cannot do. */
  remark(words: readonly string[], scene: Scene): string;
  /** The question that resolves a need ("Which square: ...?", "What color should the star be?"). */
  need(need: Need, scene: Scene): string;
  /** A reply for a failure, and whether it means "understood, but it cannot be done". */
  failure(failure: Failure, scene: Scene): { reply: string; impossible: boolean };
  /** Why an edit that changes nothing was not run ("The circle in the top left is already red."). */
  already(edit: E, scene: Scene): string;
  /** A note that the recognizer was unsure about these cells ("(I wasn't sure what is in the top left.)"). */
  unsure(cells: readonly number[]): string;
  /** Where the reading of the model's result differs from the scene asked for; empty when they agree. */
  shortfall(expected: Scene, seen: Scene, limit?: number): string;
}

/** A domain's dialogue rules and words (methods, so that a domain's narrower scene and edit types fit). */
export interface DialogueDomain<E extends DomainEdit = DomainEdit> {
  /** The scene after an edit (the input is not modified); throws DomainError when the scene does not allow it. */
  applyEdit(scene: Scene, edit: E): Scene;
  /** The domain's edit for an understanding change, and back (for corrections and repeats). */
  toEdit(change: Change): E;
  toChange(edit: E): Change;
  /** One edit per target cell of a plural edit (others come back unchanged, in a list of one). */
  splitEdit(edit: E): E[];
  /** Cells an edit reads (where the recognizer's confidence matters). */
  readCells(edit: E): number[];
  /** Cells whose object changes under the edit (the model's pixels are kept only there). */
  changedCells(edit: E): number[];
  /** What "it" refers to after the edit is undone; null when nothing. */
  undoFocus(edit: E): number[] | null;
  /** The two cells whose pixels are exchanged when the edit only moves whole objects (move, swap); else null. */
  pixelSwap(edit: E): readonly [number, number] | null;
  /** Edits that turn `seen` into `expected` cell by cell; with `rebuild`, wrong objects are redrawn whole. */
  repairEdits(expected: Scene, seen: Scene, rebuild: boolean): E[];
  /**
   * The canonical instruction the model receives for an edit of `scene`, or null when the edit's targets have no
   * single name (split it with splitEdit); `wording` 1, 2, ... pick other words for a retry.
   */
  instruction(edit: E, scene: Scene, wording?: number): string | null;
  /** A canonical instruction as a past-tense reply sentence ("Made the circle in the top left red."). */
  pastTense(instruction: string): string;
  /** The answer to a turn read as questions about the picture, and the cells it singled out (the next "it"). */
  answer(reading: Reading, scene: Scene, referent: number[] | null, confidence?: readonly number[]): { reply: string; referent: number[] | null };
  /** An exact fast path: the domain's own rules' reading of a turn, when they read every word of it. */
  exactReading?(text: string, scene: Scene, referent: number[] | null): ExactReading<E>;
  replies: DialogueReplies<E>;
}

/** A domain whose `dialogue` field, when present, holds its dialogue rules. */
export type DomainWithDialogue = Domain<Scene, DialogueDomain>;

/** The domain's dialogue rules; a domain without them cannot hold a conversation. */
export function dialogueOf(domain: DomainWithDialogue): DialogueDomain {
  if (!domain.dialogue) throw new DomainError(`Parley cannot hold a conversation about ${domain.name} pictures.`);
  return domain.dialogue;
}

