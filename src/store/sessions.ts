/** Sessions, turns, images and per-turn model state, persisted under typed key scopes of a `KV`. */
import type { KV } from './kv.ts';

/** How a turn was understood; `edit` turns run the model. */
export type TurnKind = 'edit' | 'undo' | 'redo' | 'reset' | 'clarify' | 'answer' | 'question' | 'unknown' | 'start';
/** `pending` is written before the model runs; a crash leaves it pending, so nothing the user typed is lost. */
export type TurnStatus = 'pending' | 'done' | 'failed';

/** One user turn and what the system did with it. */
export interface Turn {
  id: string;
  sessionId: string;
  /** The turn this one continues from; history is a tree, so branches survive undo-and-continue. */
  parentId: string | null;
  user: string;
  kind: TurnKind;
  status: TurnStatus;
  reply: string;
  /** Blob keys of the image and mask after this turn, when it produced them. */
  imageKey: string | null;
  maskKey: string | null;
  /** Key of the tracker state vector after this turn. */
  stateKey: string | null;
  /** Extra structured data (resolved instruction, scene, attention), kept as plain JSON. */
  data: Record<string, unknown>;
  createdAt: number;
  error?: string;
}

/** A dialogue over one picture. */
export interface Session {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** The turn whose image is on screen; null at the source image. */
  headId: string | null;
  sourceKey: string;
  pack: string | null;
}

const key = {
  session: (id: string) => `session:${id}`,
  turn: (sessionId: string, id: string) => `turn:${sessionId}:${id}`,
  turns: (sessionId: string) => `turn:${sessionId}:`,
  blob: (id: string) => `blob:${id}`,
  state: (id: string) => `state:${id}`,
  current: 'meta:current-session',
};

/** Random id, sortable by creation time. */
export function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The persistence API the app and tests use. */
export class SessionStore {
  constructor(private readonly kv: KV) {}

  /** Creates a session around a source image and makes it current. */
  async createSession(source: Blob, title: string, pack: string | null = null): Promise<Session> {
    const now = Date.now();
    const session: Session = { id: newId(), title, createdAt: now, updatedAt: now, headId: null, sourceKey: newId(), pack };
    await this.kv.setMany([
      [key.blob(session.sourceKey), source],
      [key.session(session.id), session],
      [key.current, session.id],
    ]);
    return session;
  }

  async getSession(id: string): Promise<Session | undefined> {
    return this.kv.get<Session>(key.session(id));
  }

  async saveSession(session: Session): Promise<void> {
    await this.kv.set(key.session(session.id), { ...session, updatedAt: Date.now() });
  }

  /** All sessions, newest first. */
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

  /** Deletes a session with all its turns, images and states. */
  async deleteSession(id: string): Promise<void> {
    const session = await this.getSession(id);
    if (!session) return;
    for (const turn of await this.turns(id)) {
      for (const k of [turn.imageKey, turn.maskKey]) if (k) await this.kv.del(key.blob(k));
      if (turn.stateKey) await this.kv.del(key.state(turn.stateKey));
      await this.kv.del(key.turn(id, turn.id));
    }
    await this.kv.del(key.blob(session.sourceKey));
    await this.kv.del(key.session(id));
    if ((await this.currentSessionId()) === id) await this.kv.del(key.current);
  }

  /** Writes (or overwrites) a turn. */
  async putTurn(turn: Turn): Promise<void> {
    await this.kv.set(key.turn(turn.sessionId, turn.id), turn);
  }

  /** A session's turns in creation order. */
  async turns(sessionId: string): Promise<Turn[]> {
    const ids = await this.kv.keys(key.turns(sessionId));
    const all = await Promise.all(ids.map((k) => this.kv.get<Turn>(k)));
    return all.filter((t): t is Turn => !!t).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /** Stores a blob (image, mask) and returns its key. */
  async putBlob(blob: Blob): Promise<string> {
    const id = newId();
    await this.kv.set(key.blob(id), blob);
    return id;
  }

  async getBlob(id: string): Promise<Blob | undefined> {
    return this.kv.get<Blob>(key.blob(id));
  }

  /** Stores a tracker state vector and returns its key. */
  async putState(state: Float32Array): Promise<string> {
    const id = newId();
    await this.kv.set(key.state(id), state);
    return id;
  }

  async getState(id: string): Promise<Float32Array | undefined> {
    return this.kv.get<Float32Array>(key.state(id));
  }
}
