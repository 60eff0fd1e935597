/** The history's plain-JSON shape: what HistoryTree stores and history-check.ts proves well formed. */
import type { Scene } from '../domain/scene.ts';
import type { DomainEdit } from './dialogue-domain.ts';

/** One edit the model runs: the edit, the canonical instruction it receives, and the scene expected after it. */
export interface EditStep {
  edit: DomainEdit;
  instruction: string;
  expected: Scene;
}

/** A point in the history: the original picture, an edit turn's result, or a reset to the original. */
export interface HistoryNode {
  id: string;
  parent: string | null;
  children: string[];
  /** The child redo goes to: the most recently created or visited one. */
  redoChild: string | null;
  kind: 'start' | 'edit' | 'reset';
  /** What the user said, and the reply summary. */
  user: string;
  summary: string;
  steps: EditStep[];
  /** The scene here: the expected one until the recognizer's reading replaces it on the next turn. */
  scene: Scene;
  /** The node whose picture this node shows (itself, or the original for a reset). */
  image: string;
  /** The pronoun referent (cells) after this node's turn. */
  referent: number[] | null;
}

/** Serializable state of a HistoryTree. */
export interface HistoryState {
  nodes: HistoryNode[];
  current: string;
  nextId: number;
}

/** What a new node records (the tree fills in ids and links). */
export type NewNode = Pick<HistoryNode, 'kind' | 'user' | 'summary' | 'steps' | 'scene' | 'referent'> & { image?: string };
