/**
 * One open session, the one owner of its state on the UI thread: its Conversation, transcript and the persist-first
 * turn protocol (issue 7). A turn is stored as pending before the model runs; node pictures, dialogue state and the
 * completed turn are stored after. Every change publishes a new SessionView, which is all the UI reads.
 */
import { MAX_TURN_CHARS } from '../understanding/text.ts';
import { Conversation, type ConversationOptions, type ConversationTurn, type NodeData } from '../conversation/conversation.ts';
import type { DomainWithDialogue, HistoryNode } from '../dialogue/index.ts';
import type { Engine } from '../../workers/engine.ts';
import { InputError } from '../../workers/errors.ts';
import { sessionNodes, type ImageCodec, type SessionNodes } from '../store/node-store.ts';
import { newId, type Session, type SessionStore, type Turn, type TurnAction } from '../store/sessions.ts';
import { describeError, errorName } from './errors.ts';
import { nodeDescription, nodeLabel } from './filmstrip.ts';

/** What a controller needs from the app. */
export interface ControllerDeps {
  /** The domain of the pack the engine runs. */
  domain: DomainWithDialogue;
  engine: Engine;
  store: SessionStore;
  codec: ImageCodec;
  /** Awaited after a turn is stored as pending and before it runs (the app waits for a pack still loading). */
  beforeRun?: () => Promise<void>;
  /** Called with each new view (the transcript, the running turn or the picture changed). */
  onChange?: (view: SessionView) => void;
  /** How turns run (the touch-up setting), read at every turn. */
  options?: () => ConversationOptions;
}

/** The picture on screen, and its parent's for the before/after comparison. */
export interface ShownPicture {
  /** The history node whose picture this is (it lags `SessionView.current` while the picture loads). */
  readonly node: string;
  readonly shown: NodeData;
  readonly before: NodeData | null;
}

/** What the UI shows of the open session: a snapshot, replaced (never changed) after every change. */
export interface SessionView {
  readonly session: Session;
  readonly turns: readonly Turn[];
  /** History nodes in creation order. */
  readonly history: readonly HistoryNode[];
  readonly current: HistoryNode;
  /** True while a clarifying question waits for its answer. */
  readonly awaiting: boolean;
  /** Id of the turn running now, if any. */
  readonly running: string | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Null until the first picture has loaded. */
  readonly picture: ShownPicture | null;
}

/** A turn's outcome: the stored transcript entry, and the error when it failed. */
export interface TurnOutcome {
  turn: Turn;
  error: unknown;
}

export class SessionController {
  private active: { turnId: string; abort: AbortController } | null = null;
  private shown: ShownPicture | null = null;
  /** The picture the last turn made or moved to (its ConversationTurn.shown), so that showing it reads nothing again. */
  private made: { node: string; data: NodeData } | null = null;
  private snapshot: SessionView;

  private constructor(
    private readonly deps: ControllerDeps,
    private readonly conversation: Conversation,
    private readonly nodeStore: SessionNodes,
    private session: Session,
    private turns: Turn[],
  ) {
    this.snapshot = this.build();
  }

  /** Starts a session over a picture (the recognizer reads it); stored and made current. */
  static async start(deps: ControllerDeps, image: Uint8ClampedArray, size: number, title: string, pack: string | null): Promise<SessionController> {
    const id = newId();
    const nodes = sessionNodes(deps.store, id, deps.codec);
    const conversation = await Conversation.start(deps.domain, deps.engine, nodes, image, size);
    const now = Date.now();
    const session: Session = { id, title, createdAt: now, updatedAt: now, pack, size, dialogue: conversation.toJSON() };
    await deps.store.createSession(session);
    return new SessionController(deps, conversation, nodes, session, []);
  }

  /** Reopens a stored session exactly as it was (history tree, current node, transcript, open question). */
  static async open(deps: ControllerDeps, id: string): Promise<SessionController | null> {
    const session = await deps.store.getSession(id);
    if (!session) return null;
    const nodes = sessionNodes(deps.store, id, deps.codec);
    const conversation = Conversation.resume(deps.domain, deps.engine, nodes, session.dialogue);
    // Remembering which session is open is a convenience; a full disk must not stop the user reading a session.
    await deps.store.setCurrentSession(id).catch(() => undefined);
    return new SessionController(deps, conversation, nodes, session, await deps.store.turns(id));
  }

  /** The open session as the UI shows it now. */
  get view(): SessionView {
    return this.snapshot;
  }

  /** The picture (and model outputs) a history node shows. */
  picture(nodeId: string): Promise<NodeData> {
    return this.conversation.dataOf(nodeId);
  }

  /** Puts the current node's picture, and its parent's, into the view (until then it shows the previous ones). */
  async showCurrent(): Promise<SessionView> {
    const { id, parent } = this.conversation.dialogue.current;
    const shown = this.made?.node === id ? this.made.data : await this.picture(id);
    const before = parent ? await this.picture(parent) : null;
    this.shown = { node: id, shown, before };
    // A turn that started meanwhile has half changed the dialogue; its own next change publishes the picture.
    if (!this.active) this.publish();
    return this.snapshot;
  }

  /** The stored PNG of a history node's picture. */
  async pictureBlob(nodeId: string): Promise<Blob | undefined> {
    const node = this.conversation.dialogue.nodes.find((n) => n.id === nodeId);
    const record = node && (await this.nodeStore.record(node.image));
    return record && this.deps.store.getBlob(record.imageKey);
  }

  /** One typed (or undo/redo button) turn through the dialogue layer. */
  say(text: string): Promise<TurnOutcome> {
    const user = text.trim();
    if (!user) return Promise.reject(new InputError('Please type what to change.'));
    // Refused before anything is stored, so a pasted essay cannot leave a turn that fails again on every Retry.
    if (user.length > MAX_TURN_CHARS) {
      return Promise.reject(new InputError(`That is ${user.length} characters long; please keep one turn under ${MAX_TURN_CHARS}.`));
    }
    return this.run(this.newTurn('say', user, null));
  }

  /** A filmstrip click: moves to any history node through the dialogue layer, recorded in the transcript. */
  jump(nodeId: string): Promise<TurnOutcome> {
    const node = this.conversation.dialogue.nodes.find((n) => n.id === nodeId);
    if (!node) return Promise.reject(new InputError(`There is no picture ${nodeId} in this session's history.`));
    return this.run(this.newTurn('jump', `Show ${nodeLabel(node)}: ${nodeDescription(node).toLowerCase()}`, nodeId));
  }

  /** Runs a failed turn, or one a crash left pending, again (at the end of the transcript). */
  retry(turnId: string): Promise<TurnOutcome> {
    const turn = this.turns.find((t) => t.id === turnId);
    if (!turn || turn.status === 'done' || turn.id === this.active?.turnId) return Promise.reject(new InputError('That turn cannot be retried.'));
    return this.run({ ...turn, seq: this.nextSeq(), createdAt: Date.now() });
  }

  /** Stops the running turn; it ends as failed ("Cancelled.") and can be retried. */
  cancel(): void {
    this.active?.abort.abort();
  }

  private newTurn(action: TurnAction, user: string, target: string | null): Turn {
    return {
      id: newId(), sessionId: this.session.id, seq: this.nextSeq(), action, user, target, status: 'pending', reply: '',
      kind: null, nodeId: null, error: null, createdAt: Date.now(),
    };
  }

  private nextSeq(): number {
    return this.turns.reduce((m, t) => Math.max(m, t.seq + 1), 0);
  }

  private setTurn(turn: Turn): void {
    this.turns = [...this.turns.filter((t) => t.id !== turn.id), turn].sort((a, b) => a.seq - b.seq);
    this.publish();
  }

  private build(): SessionView {
    const dialogue = this.conversation.dialogue;
    // Copies: the history tree changes its nodes in place, and a snapshot must not change under the components.
    const history = structuredClone(dialogue.nodes);
    const current = history.find((n) => n.id === dialogue.current.id)!;
    return {
      session: this.session, turns: this.turns, history, current, awaiting: dialogue.awaitingAnswer, running: this.active?.turnId ?? null,
      canUndo: current.parent !== null, canRedo: current.redoChild !== null, picture: this.shown,
    };
  }

  private publish(): void {
    this.snapshot = this.build();
    this.deps.onChange?.(this.snapshot);
  }

  private async run(turn: Turn): Promise<TurnOutcome> {
    if (this.active) throw new InputError('Please wait until the current turn has finished.');
    const abort = new AbortController();
    this.active = { turnId: turn.id, abort };
    try {
      const pending: Turn = { ...turn, status: 'pending', reply: '', kind: null, nodeId: null, error: null };
      // Persist first: if this write fails (full disk) nothing runs and the caller shows the StorageError.
      await this.deps.store.putTurn(pending);
      this.setTurn(pending);
      await this.deps.beforeRun?.();
      return await this.attempt(pending, abort.signal);
    } finally {
      this.active = null;
      this.publish();
    }
  }

  private async attempt(pending: Turn, signal: AbortSignal): Promise<TurnOutcome> {
    const finished = (out: ConversationTurn): Turn => ({ ...pending, status: 'done', reply: out.dialogue.reply, kind: out.dialogue.kind, nodeId: out.dialogue.node });
    // Inside the turn: when this write fails (full disk), the Conversation rolls the turn back with the rest.
    const commit = async (out: ConversationTurn) => {
      this.session = await this.deps.store.completeTurn({ ...this.session, dialogue: this.conversation.toJSON() }, finished(out));
    };
    try {
      const out = pending.action === 'jump'
        ? await this.conversation.jump(pending.target!, { commit })
        : await this.conversation.say(pending.user, { ...this.deps.options?.(), signal, commit });
      const done = finished(out);
      this.made = { node: out.dialogue.node, data: out.shown };
      this.setTurn(done);
      return { turn: done, error: null };
    } catch (e) {
      const failed: Turn = { ...pending, status: 'failed', reply: describeError(e), error: errorName(e) };
      this.setTurn(failed);
      await this.deps.store.putTurn(failed).catch(() => undefined); // a full disk keeps it pending, retryable after reload
      return { turn: failed, error: e };
    }
  }
}
