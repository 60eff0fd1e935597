/**
 * The grammar's reference session, which the dialogue generator uses to compute each turn's expected scene (the
 * app's own dialogue state is src/dialogue's HistoryTree): a dialogue over one picture, history with undo/redo/reset, the previous referent for pronouns, and an open
 * clarifying question. Semantics (spec): undo returns the previous scene; reset goes back to the first scene
 * as a new, undoable step; a clarify turn changes nothing and the next turn answers it.
 */
import { applyEdit, type Edit } from '../../../src/domains/shapes-v1/edits.ts';
import { interpret, type Interpretation, type Pending } from '../../../src/domains/shapes-v1/interpret.ts';
import { cloneScene, scenesEqual, type Scene } from '../../../src/domains/shapes-v1/scene.ts';

/** Serializable state of a session (stored with the dialogue). */
export interface SessionState {
  history: Scene[];
  index: number;
  referent: number[] | null;
  pending: Pending | null;
}

/** What a turn did. */
export interface TurnResult {
  kind: Interpretation['kind'];
  scene: Scene;
  edits: Edit[];
  question?: string;
  reason?: string;
}

/** Undo/redo history of scenes. */
export class ReferenceHistory {
  private scenes: Scene[];
  private at = 0;

  constructor(initial: Scene, scenes?: Scene[], index?: number) {
    this.scenes = scenes ? scenes.map(cloneScene) : [cloneScene(initial)];
    this.at = index ?? 0;
  }
  /** The current scene. */
  get current(): Scene {
    return this.scenes[this.at]!;
  }
  /** The first scene. */
  get initial(): Scene {
    return this.scenes[0]!;
  }
  get canUndo(): boolean {
    return this.at > 0;
  }
  get canRedo(): boolean {
    return this.at < this.scenes.length - 1;
  }
  /** Records a new scene, dropping anything that could have been redone. */
  push(scene: Scene): void {
    this.scenes = this.scenes.slice(0, this.at + 1);
    this.scenes.push(cloneScene(scene));
    this.at++;
  }
  undo(): void {
    if (this.canUndo) this.at--;
  }
  redo(): void {
    if (this.canRedo) this.at++;
  }
  /** Back to the first scene as a new step (a no-op when already there). */
  reset(): void {
    if (!scenesEqual(this.current, this.initial)) this.push(this.initial);
  }
  /** Copies of the scenes and the position, for SessionState. */
  dump(): { scenes: Scene[]; index: number } {
    return { scenes: this.scenes.map(cloneScene), index: this.at };
  }
}

/** Runs user turns through the reference interpreter against a scene history. */
export class ReferenceSession {
  private readonly history: ReferenceHistory;
  private referent: number[] | null;
  private pending: Pending | null;

  constructor(initial: Scene, state?: SessionState) {
    this.history = new ReferenceHistory(initial, state?.history, state?.index);
    this.referent = state?.referent ?? null;
    this.pending = state?.pending ?? null;
  }

  /** The scene after the last turn. */
  get scene(): Scene {
    return this.history.current;
  }

  /** True while a clarifying question waits for its answer. */
  get awaitingAnswer(): boolean {
    return this.pending !== null;
  }

  /** Interprets and applies one user turn. */
  turn(text: string): TurnResult {
    const r = interpret(text, { scene: this.scene, referent: this.referent, pending: this.pending });
    const out = (extra: Partial<TurnResult> = {}): TurnResult => ({ kind: r.kind, scene: this.scene, edits: [], ...extra });
    if (r.kind !== 'unknown') this.pending = null;
    switch (r.kind) {
      case 'edit': {
        let s = this.scene;
        for (const e of r.edits) s = applyEdit(s, e);
        this.history.push(s);
        this.referent = r.referent;
        return out({ edits: r.edits });
      }
      case 'focus':
        this.referent = r.referent;
        return out();
      case 'clarify':
        this.pending = r.pending;
        return out({ question: r.question });
      case 'undo':
      case 'redo':
      case 'reset':
        this.history[r.kind]();
        return out();
      case 'unknown':
        return out({ reason: r.reason });
    }
  }

  /** The serializable state. */
  state(): SessionState {
    const h = this.history.dump();
    return { history: h.scenes, index: h.index, referent: this.referent, pending: this.pending };
  }
}
