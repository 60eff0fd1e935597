/** SessionTabs: one writer per session, readers follow, and a take-over waits until the old writer has settled. */
import { describe, expect, it } from 'vitest';
import { SessionTabs } from '../../../src/app/session-tabs.ts';

/** Web Locks as the tests need them: exclusive, ifAvailable, and steal (the old holder's request rejects). */
class FakeLocks {
  private readonly held = new Map<string, { reject: (e: unknown) => void }>();
  request(name: string, opts: { ifAvailable?: boolean; steal?: boolean }, cb: (lock: unknown) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const current = this.held.get(name);
      if (current && opts.ifAvailable) return void Promise.resolve(cb(null)).then(resolve, reject);
      if (current && !opts.steal) throw new Error('waiting for a lock is not modelled');
      if (current) current.reject(Object.assign(new Error('stolen'), { name: 'AbortError' }));
      const entry = { reject };
      this.held.set(name, entry);
      Promise.resolve(cb({ name })).then((v) => {
        if (this.held.get(name) === entry) this.held.delete(name);
        resolve(v);
      }, reject);
    });
  }
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('SessionTabs', () => {
  it('lets one tab write, tells the others of changes, and hands over only after the old writer settles', async () => {
    const locks = new FakeLocks() as unknown as LockManager;
    const log: string[] = [];
    let settle!: () => void;
    const a = new SessionTabs({
      changed: (s) => log.push(`a changed ${s}`),
      lost: async (s) => {
        log.push(`a lost ${s}`);
        await new Promise<void>((r) => (settle = r));
        log.push('a settled');
      },
    }, locks, new BroadcastChannel('t1'));
    const b = new SessionTabs({ changed: (s) => log.push(`b changed ${s}`), lost: async () => undefined }, locks, new BroadcastChannel('t1'));
    expect(await a.claim('s1')).toBe(true);
    expect(await b.claim('s1')).toBe(false);
    expect([a.writes('s1'), b.writes('s1')]).toEqual([true, false]);
    a.announce('s1');
    await tick();
    expect(log).toEqual(['b changed s1']);
    let taken = false;
    const stealing = b.claim('s1', true).then((ok) => (taken = ok));
    await tick();
    expect(log).toContain('a lost s1');
    expect(taken).toBe(false); // still waiting for a's running turn to land
    settle();
    await stealing;
    expect(taken).toBe(true);
    expect(log.indexOf('a settled')).toBeGreaterThan(log.indexOf('a lost s1'));
    expect([a.writes('s1'), b.writes('s1')]).toEqual([false, true]);
    b.announce('s1');
    await tick();
    expect(log).toContain('a changed s1');
  });

  it('tells whether another tab writes a session without giving up its own', async () => {
    const locks = new FakeLocks() as unknown as LockManager;
    const quiet = { changed: () => undefined, lost: async () => undefined };
    const a = new SessionTabs(quiet, locks, null);
    const b = new SessionTabs(quiet, locks, null);
    expect(await a.claim('s1')).toBe(true);
    expect(await b.claim('s2')).toBe(true);
    expect(await b.inUseElsewhere('s1')).toBe(true);
    expect(await b.inUseElsewhere('s3')).toBe(false);
    expect(await b.inUseElsewhere('s2')).toBe(false);
    expect(b.writes('s2')).toBe(true);
  });

  it('takes a free session at once when asked to steal it (the writing tab has closed)', async () => {
    const locks = new FakeLocks() as unknown as LockManager;
    const quiet = { changed: () => undefined, lost: async () => undefined };
    const gone = new SessionTabs(quiet, locks, null);
    expect(await gone.claim('s1')).toBe(true);
    gone.release();
    await tick(); // the closed tab's lock is gone
    const started = Date.now();
    expect(await new SessionTabs(quiet, locks, null).claim('s1', true)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('writes everything where the browser has no Web Locks', async () => {
    const t = new SessionTabs({ changed: () => undefined, lost: async () => undefined }, null, null);
    expect(await t.claim('s1')).toBe(true);
    expect(t.writes('s2')).toBe(true);
  });
});
