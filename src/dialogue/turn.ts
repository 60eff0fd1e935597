/** What one dialogue turn gives back, and the dialogue's saved state: plain JSON. */
import type { Scene } from '../domain/scene.ts';
import type { Context } from '../understanding/tags.ts';
import type { EditStep, HistoryState } from './history.ts';
import type { LastEdit, OpenQuestion } from './request.ts';

/** How a turn was understood. */
export type DialogueKind =
  | 'edit' | 'answer' | 'clarify' | 'confirm' | 'question' | 'focus' | 'undo' | 'redo' | 'reset' | 'jump' | 'cancel'
  | 'impossible' | 'unknown' | 'other';

/** The outcome of one turn: what to say, what the model must run, and which history node to show. */
export interface DialogueTurn {
  kind: DialogueKind;
  reply: string;
  /** Edits for the model, in order, each on the previous one's output (edit and answer turns only). */
  steps: EditStep[];
  node: string;
  show: string;
  /** The scene expected on screen after the turn (for a confirm: the scene the proposed edit would give). */
  scene: Scene;
  candidates?: number[];
  /** How sure understanding was (edit, answer and confirm turns). */
  confidence?: number;
  /** The node whose picture the steps start from (the one before a corrected edit, for a correction). */
  from?: string;
}

/** Serializable state of a DialogueManager. */
export interface DialogueState {
  version: 1;
  history: HistoryState;
  referent: number[] | null;
  open: OpenQuestion | null;
  last?: LastEdit | null;
  context?: Context;
  /** The objects of recent turns, most recent first (mentions.ts). */
  mentions?: number[][];
}

/** Per-turn extras: the recognizer's confidence per cell (0..1), when the scene was read off pixels. */
export interface TurnOptions {
  confidence?: readonly number[];
}
