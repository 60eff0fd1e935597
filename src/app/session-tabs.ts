/**
 * One writer per session across tabs (issue 24.3). The tab that opens a session first holds its Web Lock and
 * writes; another tab on the same session opens it read-only and follows the writer's changes through a
 * BroadcastChannel. "Edit here" steals the lock: the old writer stops its turn, lets its last writes land, says
 * it has let go, and only then does the new writer re-read the session, so no turn is lost or numbered twice.
 */

/** What a tab tells the others about a session. */
type Message = { kind: 'changed' | 'released'; session: string };

export interface TabEvents {
  /** Another tab wrote this session (re-read it). */
  changed(session: string): void;
  /** Another tab took this session over (become read-only; stop and settle first). */
  lost(session: string): Promise<void>;
}

/** How long a new writer waits for the old one to let go before it reads anyway (a frozen or closed tab). */
export const RELEASE_WAIT_MS = 5_000;

export class SessionTabs {
  private held: { session: string; release: () => void } | null = null;
  private readonly channel: BroadcastChannel | null;
  private readonly waiting = new Map<string, () => void>();

  constructor(
    private readonly events: TabEvents,
    private readonly locks: LockManager | null = typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null,
    channel: BroadcastChannel | null = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('parley-sessions') : null,
  ) {
    this.channel = channel;
    if (channel) channel.onmessage = (e: MessageEvent<Message>) => this.receive(e.data);
  }

  /** True when this tab may write the session (always, where the browser has no Web Locks). */
  writes(session: string): boolean {
    return !this.locks || this.held?.session === session;
  }

  /**
   * Tries to become the session's writer; with `steal`, takes it from another tab and waits until that tab has
   * settled. Lets go of any other session this tab held. Resolves to whether this tab now writes the session.
   */
  async claim(session: string, steal = false): Promise<boolean> {
    if (!this.locks) return true;
    if (this.held?.session === session) return true;
    // The other tab may have closed meanwhile: take a free lock without stealing (and without waiting for it).
    if (steal && (await this.claim(session))) return true;
    this.release();
    const released = steal ? this.released(session) : null;
    const got = await new Promise<boolean>((resolve) => {
      const name = `parley-session:${session}`;
      const hold = (lock: Lock | null) => {
        if (!lock) return resolve(false);
        return new Promise<void>((release) => {
          this.held = { session, release };
          resolve(true);
        });
      };
      const request = steal ? this.locks!.request(name, { steal: true }, hold) : this.locks!.request(name, { ifAvailable: true }, hold);
      // A steal by another tab rejects the holder's request: this tab stops writing.
      request.catch(async (e: unknown) => {
        if ((e as Error)?.name !== 'AbortError' || this.held?.session !== session) return;
        this.held = null;
        await this.events.lost(session);
        this.post({ kind: 'released', session });
      });
    });
    if (got && released) await released;
    return got;
  }

  /** True when another tab writes the session now (this tab keeps whatever it holds). */
  async inUseElsewhere(session: string): Promise<boolean> {
    if (!this.locks || this.held?.session === session) return false;
    return (await this.locks.request(`parley-session:${session}`, { ifAvailable: true }, (lock) => lock === null)) as boolean;
  }

  /** Tells the read-only tabs that this session changed. */
  announce(session: string): void {
    this.post({ kind: 'changed', session });
  }

  /** Lets go of the session this tab writes, if any. */
  release(): void {
    this.held?.release();
    this.held = null;
  }

  private released(session: string): Promise<void> {
    return new Promise((resolve) => {
      const done = () => (clearTimeout(timer), this.waiting.delete(session), resolve());
      const timer = setTimeout(done, RELEASE_WAIT_MS);
      this.waiting.set(session, done);
    });
  }

  private receive(m: Message): void {
    if (m.kind === 'released') this.waiting.get(m.session)?.();
    else if (!this.writes(m.session)) this.events.changed(m.session);
  }

  private post(m: Message): void {
    this.channel?.postMessage(m);
  }
}
