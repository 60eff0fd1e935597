/** The app's reactive state and actions: engine status, sessions, turns; every change is persisted first. */
import type { Engine, EngineInfo, Progress } from '../../workers/engine.ts';
import { SessionStore, newId, type Session, type Turn } from '../store/sessions.ts';
import { decodeImage, pixelsToPng, pngToPixels, toSquarePixels } from './image-io.ts';

/** A pack the app can offer, from `packs/index.json`. */
export interface PackListing {
  name: string;
  domain: string;
  bytes: number;
  path: string;
}

export class AppState {
  info = $state<EngineInfo | null>(null);
  packs = $state<PackListing[]>([]);
  progress = $state<Progress | null>(null);
  sessions = $state<Session[]>([]);
  session = $state<Session | null>(null);
  turns = $state<Turn[]>([]);
  /** Object URLs of stored images, by blob key. */
  urls = $state<Record<string, string>>({});
  error = $state<string | null>(null);
  busy = $state(false);

  constructor(
    readonly engine: Engine,
    readonly store: SessionStore,
  ) {}

  /** Restores the last session, then loads the first pack in the background. */
  async init(): Promise<void> {
    await this.guard(async () => {
      this.info = await this.engine.info();
      this.sessions = await this.store.listSessions();
      const current = await this.store.currentSessionId();
      if (current) await this.open(current);
    });
    void this.loadDefaultPack();
  }

  /** Loads the first listed pack; failure is shown, the app stays usable for browsing sessions. */
  async loadDefaultPack(): Promise<void> {
    await this.guard(async () => {
      const response = await fetch(new URL('packs/index.json', document.baseURI));
      this.packs = response.ok ? ((await response.json()) as PackListing[]) : [];
      const pack = this.packs.find((p) => p.domain === 'shapes-v1') ?? this.packs[0];
      if (!pack) return;
      this.info = await this.engine.load({ packUrl: new URL(pack.path, document.baseURI).href }, (p) => (this.progress = p));
      this.progress = null;
    });
  }

  /** Opens a stored session and its turns. */
  async open(id: string): Promise<void> {
    const session = await this.store.getSession(id);
    if (!session) return;
    this.session = session;
    this.turns = await this.store.turns(id);
    await this.store.setCurrentSession(id);
    await this.ensureUrl(session.sourceKey);
    for (const t of this.turns) if (t.imageKey) await this.ensureUrl(t.imageKey);
  }

  /** Starts a session from a picked, dropped or pasted file (validated, resampled to the model's size). */
  async startFromFile(file: Blob, title = 'Uploaded picture'): Promise<void> {
    await this.guard(async () => {
      const bitmap = await decodeImage(file);
      const size = this.imageSize();
      const png = await pixelsToPng(toSquarePixels(bitmap, size), size);
      bitmap.close();
      await this.startFromPng(png, title);
    });
  }

  /** Starts a session from an already square PNG at the model's size. */
  async startFromPng(png: Blob, title: string): Promise<void> {
    const session = await this.store.createSession(png, title, this.info?.pack ?? null);
    this.sessions = await this.store.listSessions();
    await this.open(session.id);
  }

  /** Sends one user turn: written as pending before the model runs, then completed or marked failed. */
  async send(text: string): Promise<void> {
    const session = this.session;
    if (!session || !text.trim() || this.busy) return;
    const head = this.turns.find((t) => t.id === session.headId) ?? null;
    const turn: Turn = {
      id: newId(), sessionId: session.id, parentId: head?.id ?? null, user: text.trim(), kind: 'edit',
      status: 'pending', reply: '', imageKey: null, maskKey: null, stateKey: null, data: {}, createdAt: Date.now(),
    };
    await this.guard(async () => {
      await this.store.putTurn(turn);
      this.turns = [...this.turns, turn];
      this.busy = true;
      try {
        await this.runEdit(session, turn, head);
      } catch (e) {
        const failed = { ...turn, status: 'failed' as const, error: (e as Error).message, reply: `Sorry: ${(e as Error).message}` };
        await this.store.putTurn(failed);
        this.turns = this.turns.map((t) => (t.id === turn.id ? failed : t));
      } finally {
        this.busy = false;
      }
    });
  }

  /** Key of the image currently on screen. */
  currentImageKey(): string | null {
    const head = this.turns.find((t) => t.id === this.session?.headId);
    return head?.imageKey ?? this.session?.sourceKey ?? null;
  }

  private async runEdit(session: Session, turn: Turn, head: Turn | null): Promise<void> {
    const sourceKey = head?.imageKey ?? session.sourceKey;
    const { pixels, width } = await pngToPixels((await this.store.getBlob(sourceKey))!);
    const state = head?.stateKey ? ((await this.store.getState(head.stateKey)) ?? null) : null;
    const result = await this.engine.edit({ image: pixels, size: width, text: turn.user, state });
    const imageKey = await this.store.putBlob(await pixelsToPng(result.image, width));
    const stateKey = await this.store.putState(result.state);
    const done: Turn = { ...turn, status: 'done', imageKey, stateKey, reply: 'Done.', data: { timings: result.timings } };
    await this.store.putTurn(done);
    const updated = { ...session, headId: done.id };
    await this.store.saveSession(updated);
    this.session = updated;
    this.turns = this.turns.map((t) => (t.id === turn.id ? done : t));
    await this.ensureUrl(imageKey);
  }

  /** Uploads are resampled to the loaded model's input size (64 until a pack says otherwise). */
  private imageSize(): number {
    return this.info?.imageSize ?? 64;
  }

  private async ensureUrl(key: string): Promise<void> {
    if (this.urls[key]) return;
    const blob = await this.store.getBlob(key);
    if (blob) this.urls = { ...this.urls, [key]: URL.createObjectURL(blob) };
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    try {
      this.error = null;
      await action();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }
}
