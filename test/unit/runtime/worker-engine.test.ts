/**
 * WorkerEngine's recovery (issue 24.4) against stand-in workers (comlink over a MessageChannel): a crash mid-turn
 * and a hang past the deadline are retried once on a fresh worker that reloads the pack; a second failure is a
 * WorkerError; a cancelled call whose worker does not stop has that worker terminated.
 */
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { WorkerEngine, type WorkerLike } from '../../../src/engine-client.ts';
import type { EditRequest, EditResult, EngineInfo } from '../../../workers/engine.ts';

type Behaviour = 'works' | 'hangs' | 'crashes' | 'no-pack';
const never = () => new Promise<never>(() => undefined);
const request: EditRequest = { image: new Uint8ClampedArray(16), size: 2, text: 'make it red', state: null };
const info = { backend: 'wasm', pack: 'p' } as EngineInfo;

/** Spawns stand-in workers whose edits behave as listed, one entry per worker started; logs what each was asked. */
function spawner(behaviours: Behaviour[]) {
  const log: string[] = [];
  let started = 0;
  const spawn = (): WorkerLike => {
    const n = ++started;
    const behaviour = behaviours[n - 1] ?? 'works';
    const { port1, port2 } = new MessageChannel();
    const events = new EventTarget();
    expose({
      info: async () => info,
      load: async (o: { packUrl: string }) => {
        log.push(`w${n} load ${o.packUrl}`);
        if (behaviour === 'no-pack' && o.packUrl === 'packs/p') throw Object.assign(new Error('Pack file "decoder.onnx" is missing'), { name: 'PackError' });
        return info;
      },
      edit: async (r: EditRequest): Promise<EditResult> => {
        log.push(`w${n} edit`);
        if (behaviour === 'hangs') return never();
        if (behaviour === 'crashes') {
          setTimeout(() => events.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' })), 5);
          return never();
        }
        return { image: r.image, backend: 'wasm' } as EditResult;
      },
      abort: () => log.push(`w${n} abort`),
    }, port2);
    port1.start();
    return {
      postMessage: (m: unknown) => port1.postMessage(m),
      addEventListener: ((type: string, l: EventListener) => (type === 'message' ? port1 : events).addEventListener(type, l)) as WorkerLike['addEventListener'],
      removeEventListener: ((type: string, l: EventListener) => (type === 'message' ? port1 : events).removeEventListener(type, l)) as WorkerLike['removeEventListener'],
      terminate: () => (log.push(`w${n} terminated`), port1.close()),
    };
  };
  return { spawn, log };
}

const fast = { edit: 100, call: 100, abortGrace: 50 };

describe('WorkerEngine recovery', () => {
  it('retries a turn whose worker crashed on a fresh worker that reloads the pack', async () => {
    const { spawn, log } = spawner(['crashes', 'works']);
    const engine = new WorkerEngine(spawn, fast);
    await engine.load({ packUrl: 'packs/p' });
    const result = await engine.edit(request);
    expect(result.backend).toBe('wasm');
    expect(log).toEqual(['w1 load packs/p', 'w1 edit', 'w1 terminated', 'w2 load packs/p', 'w2 edit']);
  });

  it('gives up with a WorkerError after a hang on two workers, and starts afresh on the next call', async () => {
    const { spawn, log } = spawner(['hangs', 'hangs', 'works']);
    const engine = new WorkerEngine(spawn, fast);
    await engine.load({ packUrl: 'packs/p' });
    await expect(engine.edit(request)).rejects.toMatchObject({ name: 'WorkerError', message: expect.stringMatching(/no answer in 0.1 s/) });
    expect(log.filter((l) => l.endsWith('terminated'))).toEqual(['w1 terminated', 'w2 terminated']);
    expect((await engine.edit(request)).backend).toBe('wasm');
    expect(log.slice(-2)).toEqual(['w3 load packs/p', 'w3 edit']);
  });

  it('terminates a worker that does not stop after a cancel', async () => {
    const { spawn, log } = spawner(['hangs', 'works']);
    const engine = new WorkerEngine(spawn, { ...fast, edit: 10_000 });
    await engine.load({ packUrl: 'packs/p' });
    const abort = new AbortController();
    const turn = engine.edit(request, abort.signal);
    await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    await expect(turn).rejects.toMatchObject({ name: 'AbortError' });
    expect(log).toContain('w1 abort');
    expect(log).toContain('w1 terminated');
    expect((await engine.edit(request)).backend).toBe('wasm');
  });

  it('reports a pack that will not reload on the fresh worker once, then lets a new load through', async () => {
    const { spawn, log } = spawner(['crashes', 'no-pack']);
    const engine = new WorkerEngine(spawn, fast);
    await engine.load({ packUrl: 'packs/p' });
    await expect(engine.edit(request)).rejects.toMatchObject({ name: 'PackError' });
    expect((await engine.load({ packUrl: 'packs/q' })).pack).toBe('p');
    expect(log.slice(-1)).toEqual(['w2 load packs/q']);
  });
});
