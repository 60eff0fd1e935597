/** The app's reactive state and actions: the open session, its pictures and transcript, sessions, import/export. */
import { NotEditableError } from '../conversation/domain-fit.ts';
import type { Scene } from '../domain/scene.ts';
import { InputError } from '../../workers/errors.ts';
import { importSessionText } from '../store/session-file.ts';
import { askPersistence } from '../store/open-storage.ts';
import type { Session, SessionStore, Switch } from '../store/sessions.ts';
import { EngineState } from './engine-state.svelte.ts';
import { SERIOUS, describeError, errorName } from './errors.ts';
import { canvasCodec, decodeImage, resizePixels, toSquarePixels } from './image-io.ts';
import { SessionController, type ControllerDeps, type SessionView, type TurnOutcome } from './session-controller.ts';
import { downloadPicture, downloadSession, sessionFileText } from './session-downloads.ts';
import { SessionTabs } from './session-tabs.ts';

export class AppState {
  readonly engine: EngineState;
  sessions = $state<Session[]>([]);
  /** The open session as its controller last published it; the components read nothing else of it. */
  view = $state.raw<SessionView | null>(null);
  /** Object URLs of filmstrip pictures, by history-node id of the open session. */
  thumbs = $state<Record<string, string>>({});
  error = $state<string | null>(null);
  /** Short status line for screen readers and the header ("Session exported."). */
  notice = $state('');
  /** True while a new session's picture is being read (waits for the model pack first). */
  starting = $state(false);
  /** The Settings switches: touch up results that read differently from the request; exact moves and swaps. */
  switches = $state<Record<Switch, boolean>>({ touchUp: true, exactMoves: true });
  /** After a picture Parley cannot edit: the scene it read there, offered as the closest start. */
  closest = $state.raw<{ scene: Scene; title: string } | null>(null);
  /** Why sessions will not be kept (storage could not be opened), for a standing banner. */
  storageProblem = $state<string | null>(null);
  /** True while another tab writes the open session: this one shows it and follows, but cannot change it. */
  readOnly = $state(false);
  private controller: SessionController | null = null;
  /** The running turn, so that a tab losing its session to another can let that turn settle first. */
  private inflight: Promise<unknown> = Promise.resolve();
  private readonly tabs = new SessionTabs({ changed: (id) => this.follow(id), lost: (id) => this.lose(id) });

  constructor(
    engine: EngineState,
    readonly store: SessionStore,
  ) {
    this.engine = engine;
  }

  /** Restores the last session (it needs no model) while the pack loads. */
  async init(): Promise<void> {
    const engine = this.engine.init();
    await this.guard(async () => {
      const saved = await this.store.settings().catch(() => null);
      if (saved) this.switches = { touchUp: saved.touchUp, exactMoves: saved.exactMoves };
      this.sessions = await this.store.listSessions();
      const current = await this.store.currentSessionId();
      if (current) await this.open(current);
    });
    await engine;
  }

  /** Sets a Settings switch; applies from the next turn on. A full disk only loses the choice for the next visit. */
  async setSwitch(name: Switch, on: boolean): Promise<void> {
    this.switches = { ...this.switches, [name]: on };
    await this.store.saveSettings({ [name]: on }).catch(() => undefined);
  }

  get busy(): boolean {
    return !!this.view?.running;
  }

  /** Opens a stored session exactly where it was left. */
  async open(id: string): Promise<void> {
    const c = await SessionController.open(this.deps(), id);
    if (c) await this.use(c);
  }

  /** Starts from a random generated scene. */
  startRandom(): Promise<void> {
    const seed = Math.floor(Math.random() * 1e9);
    return this.startScene(this.engine.domain.randomScene(seed), `Random ${this.engine.domain.words.picture} ${seed % 10000}`);
  }

  /** Starts from the scene read in a picture Parley could not edit as it was (the closest offer). */
  startClosest(): Promise<void> {
    const offer = this.closest;
    this.closest = null;
    return offer ? this.startScene(offer.scene, offer.title) : Promise.resolve();
  }

  /** Starts from a built-in example scene. */
  startExample(id: string): Promise<void> {
    const example = this.engine.domain.examples.find((e) => e.id === id);
    return example ? this.startScene(example.scene, example.title) : Promise.resolve();
  }

  /** Starts from a picked, dropped or pasted file (validated, center-cropped and resampled to the pack's size). */
  async startFromFile(file: Blob, title: string): Promise<void> {
    await this.withStart(async () => {
      const bitmap = await decodeImage(file);
      try {
        const info = await this.engine.ready();
        await this.begin(toSquarePixels(bitmap, info.imageSize!), title);
      } catch (e) {
        if (e instanceof NotEditableError) this.closest = { scene: e.scene, title: `${title} (as read)` };
        throw e;
      } finally {
        bitmap.close();
      }
    });
  }

  /** Sends one turn ("undo" and "redo" from the buttons and keys too). */
  send(text: string): Promise<void> {
    return this.turn((c) => c.say(text));
  }

  /** Moves to a filmstrip picture. */
  jump(nodeId: string): Promise<void> {
    return this.view?.current.id === nodeId ? Promise.resolve() : this.turn((c) => c.jump(nodeId));
  }

  /** Runs a failed or interrupted turn again. */
  retry(turnId: string): Promise<void> {
    return this.turn((c) => c.retry(turnId));
  }

  /** Stops the running turn. */
  cancel(): void {
    this.controller?.cancel();
  }

  /** Downloads the picture on screen as a PNG. */
  async exportImage(): Promise<void> {
    await this.guard(async () => {
      await downloadPicture(this.need());
      this.notice = 'Picture exported.';
    });
  }

  /** Downloads the whole session (pictures, transcript, dialogue state) as one JSON file. */
  async exportSession(): Promise<void> {
    await this.guard(async () => {
      await downloadSession(this.store, this.need());
      this.notice = 'Session exported.';
    });
  }

  /** Imports a session file as a new session and opens it. */
  async importSession(file: Blob): Promise<void> {
    await this.guard(async () => {
      const text = await sessionFileText(file);
      const { imageSize } = await this.engine.ready();
      const session = await importSessionText(this.store, text, { domain: this.engine.domain, imageSize: imageSize ?? undefined });
      await this.open(session.id);
      this.notice = `Imported "${session.title}".`;
    });
  }

  /** Takes the open session over from the tab that writes it (that tab becomes read-only). */
  async editHere(): Promise<void> {
    await this.guard(async () => {
      const id = this.need().view.session.id;
      if (!(await this.tabs.claim(id, true))) throw new InputError('This session could not be taken over from the other tab.');
      this.readOnly = false;
      await this.reread(id);
    });
  }

  /** Deletes a stored session; deleting the open one closes it. */
  async deleteSession(id: string): Promise<void> {
    await this.guard(async () => {
      if (await this.tabs.inUseElsewhere(id)) throw new InputError('That session is open in another tab; close it there first.');
      await this.store.deleteSession(id);
      if (this.controller?.view.session.id === id) {
        this.controller = null;
        this.view = null;
        this.dropThumbs();
      }
      this.sessions = await this.store.listSessions();
    });
  }

  private async startScene(scene: Scene, title: string): Promise<void> {
    await this.withStart(async () => {
      const info = await this.engine.ready();
      const { domain } = this.engine;
      await this.begin(await resizePixels(domain.renderRgba(scene), domain.imageSize, info.imageSize!), title);
    });
  }

  private async begin(image: Uint8ClampedArray, title: string): Promise<void> {
    const info = await this.engine.ready();
    askPersistence(); // after a user's action, where browsers that ask are least surprising
    await this.use(await SessionController.start(this.deps(), image, info.imageSize!, title, info.pack));
    this.notice = `Started "${title}".`;
  }

  /** Runs a session start with `starting` set, so the start buttons wait and say why. */
  private async withStart(action: () => Promise<void>): Promise<void> {
    this.closest = null;
    if (this.busy || this.starting) {
      this.error = 'Please wait until the current turn has finished before starting a new picture.';
      return;
    }
    this.starting = true;
    try {
      await this.guard(action);
    } finally {
      this.starting = false;
    }
  }

  private async turn(action: (c: SessionController) => Promise<TurnOutcome>): Promise<void> {
    await this.guard(async () => {
      const c = this.need();
      if (this.readOnly) throw new InputError('This session is being edited in another tab. Choose "Edit here" to continue it in this tab.');
      const running = action(c);
      this.inflight = running.catch(() => undefined);
      const { error } = await running;
      this.tabs.announce(c.view.session.id);
      await this.refresh();
      if (error && SERIOUS.has(errorName(error))) this.error = describeError(error);
    });
  }

  private async use(c: SessionController): Promise<void> {
    if (this.controller?.view.session.id !== c.view.session.id) this.dropThumbs();
    this.controller = c;
    this.readOnly = !(await this.tabs.claim(c.view.session.id));
    await this.refresh();
    this.sessions = await this.store.listSessions();
  }

  /** Loads the open session's picture into its view and shows that, then loads the filmstrip's pictures. */
  private async refresh(): Promise<void> {
    const c = this.controller;
    if (!c) return;
    try {
      await c.showCurrent();
    } finally {
      // Shown with its picture, so switching sessions never flashes an empty stage; shown without one that cannot be read.
      if (this.controller === c) this.view = c.view;
    }
    for (const node of c.view.history) {
      if (this.thumbs[node.id]) continue;
      const blob = await c.pictureBlob(node.id);
      if (blob && this.controller === c) this.thumbs = { ...this.thumbs, [node.id]: URL.createObjectURL(blob) };
    }
  }

  /** Re-reads the open session from storage (another tab wrote it). */
  private async reread(id: string): Promise<void> {
    const c = await SessionController.open(this.deps(), id);
    if (!c || this.controller?.view.session.id !== id) return;
    this.controller = c;
    await this.refresh();
  }

  private follow(id: string): void {
    if (this.readOnly && this.controller?.view.session.id === id) void this.guard(() => this.reread(id));
  }

  /** Another tab took the open session: stop the running turn and let its writes land before saying so. */
  private async lose(id: string): Promise<void> {
    if (this.controller?.view.session.id !== id) return;
    this.readOnly = true;
    this.controller.cancel();
    await this.inflight;
  }

  private dropThumbs(): void {
    for (const url of Object.values(this.thumbs)) URL.revokeObjectURL(url);
    this.thumbs = {};
  }

  private deps(): ControllerDeps {
    const engine = this.engine;
    return {
      domain: engine.domain, engine: engine.engine, store: this.store, codec: canvasCodec, beforeRun: () => engine.settled(),
      // Only the open session's views: a controller this tab has let go of may still finish a turn.
      onChange: (view) => { if (this.controller?.view === view) this.view = view; },
      options: () => ({ repairRounds: this.switches.touchUp ? undefined : 0, transplant: this.switches.exactMoves }),
    };
  }

  private need(): SessionController {
    if (!this.controller) throw new InputError('Start a session first: pick a picture, an example or a random scene.');
    return this.controller;
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    try {
      this.error = null;
      await action();
    } catch (e) {
      this.error = describeError(e);
    }
  }
}
