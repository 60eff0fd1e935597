/** Sessions, their chat transcript, history-node pictures and settings, under typed key scopes of a `KV`. */
import type { DialogueKind, DialogueState } from '../dialogue/index.ts';
import type { Recognition } from '../domain/domain.ts';
import type { Scene } from '../domain/scene.ts';
import type { BackendChoice, BackendKind } from '../../workers/engine.ts';
import type { KV } from './kv.ts';

/** A dialogue over one picture; `dialogue` is the DialogueManager's JSON (history tree, current node, open question). */
export interface Session {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Name of the model pack the session was started with. */
  pack: string | null;
  /** Side of the session's square pictures (the pack's image size). */
  size: number;
  dialogue: DialogueState;
}

/** `pending` is written before the model runs; a crash leaves it pending, so nothing the user typed is lost. */
export type TurnStatus = 'pending' | 'done' | 'failed';
/** A typed (or button) message, or a click on a filmstrip picture. */
export type TurnAction = 'say' | 'jump';

/** One entry of the chat transcript. */
export interface Turn {
  id: string;
  sessionId: string;
  /** Position in the transcript (0, 1, 2, ...). */
  seq: number;
  action: TurnAction;
  /** What the user said; for a jump, a short description of the picture chosen. */
  user: string;
  /** The history node a jump goes to. */
  target: string | null;
  status: TurnStatus;
  /** The dialogue layer's reply (user-facing text), or the error shown for a failed turn. */
  reply: string;
  kind: DialogueKind | null;
  /** The history node current after the turn. */
  nodeId: string | null;
  /** Error name (workers/errors.ts) of a failed turn. */
  error: string | null;
  createdAt: number;
}

/** The model's per-pixel and per-region outputs kept for the mask, attention and step-map views. */
export interface NodeView {
  /** Blob key of the edit mask, an 8-bit grayscale PNG. */
  maskKey: string;
  /** `(words.length, grid * grid)` row-major. */
  attention: Float32Array;
  words: string[];
  /** Fusion steps per region, `grid * grid`. */
  steps: Uint8Array;
  grid: number;
  timings: Record<string, number>;
  backend: BackendKind;
}

/** What is stored for a history node that has its own picture. */
export interface NodeRecord {
  sessionId: string;
  nodeId: string;
  /** Blob key of the picture (PNG). */
  imageKey: string;
  size: number;
  /** Tracker state after the turn that made the picture (null for the original). */
  state: Float32Array | null;
  recognition: Recognition<Scene>;
  view: NodeView | null;
}

/** User settings that outlive sessions. */
export interface Settings {
  pack: string | null;
  backend: BackendChoice;
  /** Touch up results that read differently from the request (Conversation's repair rounds). */
  touchUp: boolean;
  /** Move and swap objects by copying their pixels instead of having the model redraw them (Conversation). */
  exactMoves: boolean;
}

/** The on/off switches of the Settings panel. */
export type Switch = 'touchUp' | 'exactMoves';

const DEFAULT_SETTINGS: Settings = { pack: null, backend: 'auto', touchUp: true, exactMoves: true };

const key = {
  session: (id: string) => `session:${id}`,
  turn: (sessionId: string, id: string) => `turn:${sessionId}:${id}`,
  turns: (sessionId: string) => `turn:${sessionId}:`,
  node: (sessionId: string, nodeId: string) => `node:${sessionId}:${nodeId}`,
  nodes: (sessionId: string) => `node:${sessionId}:`,
  blob: (id: string) => `blob:${id}`,
  current: 'meta:current-session',
  settings: 'meta:settings',
};

/** Random id, sortable by creation time. */
export function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The persistence API the app and tests use. */
export class SessionStore {
  constructor(private readonly kv: KV) {}

  /** Writes a new session and makes it current, in one transaction. */
  async createSession(session: Session): Promise<void> {
    await this.kv.setMany([
      [key.session(session.id), session],
      [key.current, session.id],
    ]);
  }

  async getSession(id: string): Promise<Session | undefined> {
    return this.kv.get<Session>(key.session(id));
  }

  /** Overwrites a session, stamping `updatedAt`; returns what was written. */
  async saveSession(session: Session): Promise<Session> {
    const saved = { ...session, updatedAt: Date.now() };
    await this.kv.set(key.session(session.id), saved);
    return saved;
  }

  /** All sessions, most recently used first. */
  async listSessions(): Promise<Session[]> {
    const ids = await this.kv.keys('session:');
    const all = await Promise.all(ids.map((k) => this.kv.get<Session>(k)));
    return all.filter((s): s is Session => !!s).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async currentSessionId(): Promise<string | undefined> {
    return this.kv.get<string>(key.current);
  }

  async setCurrentSession(id: string): Promise<void> {
    await this.kv.set(key.current, id);
  }

  /** Deletes a session with its transcript, node records and their blobs. */
  async deleteSession(id: string): Promise<void> {
    for (const node of await this.nodes(id)) {
      await this.kv.del(key.blob(node.imageKey));
      if (node.view) await this.kv.del(key.blob(node.view.maskKey));
      await this.kv.del(key.node(id, node.nodeId));
    }
    for (const k of await this.kv.keys(key.turns(id))) await this.kv.del(k);
    await this.kv.del(key.session(id));
    if ((await this.currentSessionId()) === id) await this.kv.del(key.current);
  }

  /** Writes (or overwrites) a transcript entry. */
  async putTurn(turn: Turn): Promise<void> {
    await this.kv.set(key.turn(turn.sessionId, turn.id), turn);
  }

  /** Saves the dialogue state and the completed turn together, so neither is ever stored without the other. */
  async completeTurn(session: Session, turn: Turn): Promise<Session> {
    const saved = { ...session, updatedAt: Date.now() };
    await this.kv.setMany([
      [key.session(session.id), saved],
      [key.turn(turn.sessionId, turn.id), turn],
    ]);
    return saved;
  }

  /** A session's transcript in order. */
  async turns(sessionId: string): Promise<Turn[]> {
    const ids = await this.kv.keys(key.turns(sessionId));
    const all = await Promise.all(ids.map((k) => this.kv.get<Turn>(k)));
    return all.filter((t): t is Turn => !!t).sort((a, b) => a.seq - b.seq || a.createdAt - b.createdAt);
  }

  /** Writes a node record with the blobs it references, in one transaction; a replaced record's blobs are deleted. */
  async putNode(record: NodeRecord, blobs: [string, Blob][]): Promise<void> {
    const old = await this.getNode(record.sessionId, record.nodeId);
    await this.kv.setMany([...blobs.map(([id, b]): [string, unknown] => [key.blob(id), b]), [key.node(record.sessionId, record.nodeId), record]]);
    // A retried turn after a crash can re-create a node id whose first attempt was stored but never committed.
    const keep = new Set([record.imageKey, record.view?.maskKey]);
    for (const k of [old?.imageKey, old?.view?.maskKey]) if (k && !keep.has(k)) await this.kv.del(key.blob(k));
  }

  async getNode(sessionId: string, nodeId: string): Promise<NodeRecord | undefined> {
    return this.kv.get<NodeRecord>(key.node(sessionId, nodeId));
  }

  /** Every node record of a session. */
  async nodes(sessionId: string): Promise<NodeRecord[]> {
    const ids = await this.kv.keys(key.nodes(sessionId));
    const all = await Promise.all(ids.map((k) => this.kv.get<NodeRecord>(k)));
    return all.filter((n): n is NodeRecord => !!n);
  }

  async getBlob(id: string): Promise<Blob | undefined> {
    return this.kv.get<Blob>(key.blob(id));
  }

  /** Stored settings, with defaults for any not stored yet (settings saved by older versions lack some). */
  async settings(): Promise<Settings> {
    return { ...DEFAULT_SETTINGS, ...(await this.kv.get<Partial<Settings>>(key.settings)) };
  }

  /** Stores some settings, keeping the others. */
  async saveSettings(change: Partial<Settings>): Promise<void> {
    await this.kv.set(key.settings, { ...(await this.settings()), ...change });
  }
}
