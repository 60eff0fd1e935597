/** The engine side of the app: model packs on offer, the loaded one, download progress and the backend choice. */
import type { DomainWithDialogue } from '../dialogue/index.ts';
import { DOMAINS, domainNamed } from '../domains/index.ts';
import type { BackendChoice, BackendKind, Engine, EngineInfo, Progress } from '../../workers/engine.ts';
import { NoPackError } from '../../workers/errors.ts';
import type { SessionStore } from '../store/sessions.ts';
import { describeError } from './errors.ts';

/** A pack the app can offer, from `packs/index.json` (scripts/vite/packs-plugin.ts). */
export interface PackListing {
  name: string;
  domain: string;
  editable: boolean;
  bytes: number;
  path: string;
}


/** Where loading the chosen pack stands. */
export type PackStatus = 'idle' | 'loading' | 'ready' | 'failed';

export class EngineState {
  info = $state<EngineInfo | null>(null);
  packs = $state<PackListing[]>([]);
  /** The chosen pack's name (loaded, loading or failed). */
  pack = $state<string | null>(null);
  backend = $state<BackendChoice>('auto');
  progress = $state<Progress | null>(null);
  status = $state<PackStatus>('idle');
  /** Warm-up time per turn of each backend, as last measured (a load with one backend keeps the other's). */
  measured = $state<Partial<Record<BackendKind, number>>>({});
  /** Why the last load failed, for the user. */
  problem = $state<string | null>(null);
  private loading: Promise<void> = Promise.resolve();

  /** The domain of the chosen pack (the first known domain until one is chosen). */
  get domain(): DomainWithDialogue {
    const name = this.packs.find((p) => p.name === this.pack)?.domain;
    return (name && domainNamed(name)) || DOMAINS[0]!;
  }
  private abort: AbortController | null = null;
  /** Resolves once `init` has chosen a pack (and started loading it), so early callers of `ready` wait for it. */
  private readonly started: Promise<void>;
  private markStarted: () => void = () => undefined;

  constructor(
    readonly engine: Engine,
    private readonly store: SessionStore,
  ) {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
  }

  /** Probes the adapter, reads the pack list and starts loading the chosen pack (or one of the registry's first domain). */
  async init(): Promise<void> {
    try {
      await this.choose();
    } catch (e) {
      this.status = 'failed';
      this.problem = describeError(e);
    } finally {
      this.markStarted();
    }
  }

  private async choose(): Promise<void> {
    this.info = await this.engine.info();
    const settings = await this.store.settings().catch(() => ({ pack: null, backend: 'auto' as const }));
    this.backend = settings.backend;
    try {
      const response = await fetch(new URL('packs/index.json', document.baseURI));
      const listed = response.ok ? ((await response.json()) as PackListing[]) : [];
      // Packs that cannot hold a conversation (cosal-v1, a benchmark model with no recognizer) or whose domain
      // this build does not know stay out of the picker.
      this.packs = listed.filter((p) => p.editable && domainNamed(p.domain));
    } catch {
      this.packs = [];
    }
    const pack = this.packs.find((p) => p.name === settings.pack) ?? this.packs.find((p) => p.domain === DOMAINS[0]!.name) ?? this.packs[0];
    if (!pack) {
      this.status = 'failed';
      this.problem = 'This build has no model pack, so pictures cannot be edited.';
      return;
    }
    void this.load(pack.name);
  }

  /** Loads a pack with the current backend choice; a failure leaves the previous pack (if any) in use. */
  load(name: string): Promise<void> {
    const listing = this.packs.find((p) => p.name === name);
    if (!listing) return Promise.resolve();
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.pack = name;
    this.status = 'loading';
    this.problem = null;
    this.progress = { stage: 'download', loaded: 0, total: listing.bytes };
    this.loading = (async () => {
      try {
        const url = new URL(listing.path, document.baseURI).href;
        const info = await this.engine.load({ packUrl: url, backend: this.backend, expectedDomain: listing.domain }, (p) => (this.progress = p), abort.signal);
        if (abort.signal.aborted) return;
        this.info = info;
        this.measured = { ...this.measured, ...info.timings };
        this.status = 'ready';
        await this.store.saveSettings({ pack: name, backend: this.backend }).catch(() => undefined);
      } catch (e) {
        if (abort.signal.aborted) return;
        this.status = 'failed';
        this.problem = describeError(e);
        this.info = await this.engine.info().catch(() => this.info);
      } finally {
        if (this.abort === abort) this.progress = null;
      }
    })();
    return this.loading;
  }

  /** Switches the backend and reloads the pack so the choice takes effect (and `auto` measures again). */
  async setBackend(choice: BackendChoice): Promise<void> {
    this.backend = choice;
    if (this.pack) await this.load(this.pack);
    else await this.store.saveSettings({ pack: null, backend: choice }).catch(() => undefined);
  }

  /** Waits until no pack is loading (whether the load worked or not). */
  async settled(): Promise<void> {
    await this.started;
    // A newer load may have replaced the one awaited (pack or backend changed meanwhile): wait for the latest.
    for (let p = this.loading; ; p = this.loading) {
      await p;
      if (p === this.loading) return;
    }
  }

  /** Waits for the pack being loaded; throws NoPackError when there is none ready. */
  async ready(): Promise<EngineInfo> {
    await this.settled();
    if (this.status !== 'ready' || !this.info?.imageSize) {
      // The load's own problem is already on screen (its banner); this says why the action did not happen.
      throw new NoPackError(this.problem ? 'No model is ready to read the picture: see the model problem above.' : 'No model pack is loaded yet: pick one in the header.');
    }
    return this.info;
  }
}
