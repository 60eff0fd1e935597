/** LocalEngine: backend choice, warm-up, device-loss recovery and keeping the old pack when a load fails. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource } from '../../../scripts/lib/file-source.ts';
import type { BackendKind, EditRequest } from '../../../workers/engine.ts';
import { DeviceLostError, GpuError } from '../../../workers/errors.ts';
import { CpuPipeline } from '../../../workers/runtime/cpu-pipeline.ts';
import { LocalEngine, type Pipeline } from '../../../workers/runtime/local-engine.ts';
import { configureOrt } from '../../../workers/runtime/ort.ts';
import { packModel } from '../../../workers/runtime/pack-model.ts';
import { warmupRequest } from '../../../workers/runtime/warmup.ts';
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';

const PACK = join(__dirname, '../../fixtures/models/tiny-fp32');
const request = (): EditRequest => ({ image: new Uint8ClampedArray(16 * 16 * 4).fill(200), size: 16, text: 'w2 w3', state: null });

/** A CPU pipeline posing as `backend`, optionally slower, that can lose its "device" once. */
interface Options {
  slow?: BackendKind;
  loseOnce?: boolean;
  /** How much slower the slow backend's runs are, ms (default 30). */
  slowMs?: number;
  created?: BackendKind[];
  /** Creating a pipeline on this backend fails (a shader, session or memory error). */
  failCreate?: BackendKind;
  /** The first WebGPU turn fails with a GPU validation error. */
  gpuErrorOnce?: boolean;
  /** Runs wait for this before finishing; disposals are logged. */
  gate?: () => Promise<void>;
  log?: string[];
}

function engineWith(opts: Options) {
  let lose = opts.loseOnce ?? false;
  let gpuError = opts.gpuErrorOnce ?? false;
  configureOrt();
  return new LocalEngine({
    source: fileSource,
    warmupRequest,
    probe: async () => ({ available: true, description: 'test adapter' }),
    async createPipeline(pack, backend, onLost): Promise<Pipeline> {
      opts.created?.push(backend);
      if (backend === opts.failCreate) throw new Error('WGSL shader failed to compile');
      const inner = await CpuPipeline.create(packModel(pack));
      return {
        backend,
        async run(r, signal) {
          if (backend === opts.slow) await new Promise((res) => setTimeout(res, opts.slowMs ?? 30));
          if (gpuError && backend === 'webgpu' && r.text === 'w2 w3') {
            gpuError = false;
            throw new GpuError('A GPU step failed during an edit: out of bounds');
          }
          if (opts.gate && r.text === 'w2 w3') {
            opts.log?.push(`run ${backend} start`);
            await opts.gate();
            opts.log?.push(`run ${backend} end`);
          }
          if (lose && backend === 'webgpu' && r.text === 'w2 w3') {
            lose = false;
            onLost();
            throw new DeviceLostError('lost');
          }
          return inner.run(r, signal);
        },
        dispose: () => (opts.log?.push(`dispose ${backend}`), inner.dispose()),
      };
    },
  });
}

describe('LocalEngine', () => {
  it('auto measures both backends and keeps the faster', async () => {
    // A margin far above the timing noise of a loaded 2-core machine (30 ms flaked there).
    const engine = engineWith({ slow: 'webgpu', slowMs: 400 });
    const info = await engine.load({ packUrl: PACK, backend: 'auto' });
    expect(info.backend).toBe('wasm');
    expect(info.timings?.webgpu).toBeGreaterThan(info.timings!.wasm!);
    expect(info.pack).toBe('tiny-fp32');
    expect(info.imageSize).toBe(16);
  });

  it('honours an explicit backend', async () => {
    const engine = engineWith({ slow: 'wasm' });
    expect((await engine.load({ packUrl: PACK, backend: 'wasm' })).backend).toBe('wasm');
  });

  it('recovers from a lost device mid-turn and returns the same result', async () => {
    const created: BackendKind[] = [];
    const engine = engineWith({ loseOnce: true, slow: 'wasm', created });
    await engine.load({ packUrl: PACK, backend: 'webgpu' });
    const recovered = await engine.edit(request());
    const again = await engine.edit(request());
    expect(Array.from(recovered.image)).toEqual(Array.from(again.image));
    expect(created).toEqual(['webgpu', 'webgpu']);
  });

  it('auto falls back to WASM when the WebGPU pipeline cannot be created', async () => {
    const created: BackendKind[] = [];
    const engine = engineWith({ failCreate: 'webgpu', created });
    expect((await engine.load({ packUrl: PACK, backend: 'auto' })).backend).toBe('wasm');
    expect(created).toEqual(['webgpu', 'wasm']);
    await expect(engineWith({ failCreate: 'webgpu' }).load({ packUrl: PACK, backend: 'webgpu' })).rejects.toThrow(/shader/);
  });

  it('moves a turn to WASM after a GPU error and returns its result', async () => {
    const created: BackendKind[] = [];
    const engine = engineWith({ gpuErrorOnce: true, created });
    await engine.load({ packUrl: PACK, backend: 'webgpu' });
    const result = await engine.edit(request());
    expect(result.image.length).toBe(16 * 16 * 4);
    expect(created).toEqual(['webgpu', 'wasm']);
    expect((await engine.info()).backend).toBe('wasm');
  });

  it('does not dispose a pipeline under a running turn when the backend or pack changes', async () => {
    const log: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let gated = false;
    const engine = engineWith({ log, gate: () => (gated ? gate : Promise.resolve()) });
    await engine.load({ packUrl: PACK, backend: 'webgpu' });
    gated = true;
    const turn = engine.edit(request());
    await new Promise((r) => setTimeout(r, 10));
    const switching = engine.load({ packUrl: PACK, backend: 'wasm' });
    await new Promise((r) => setTimeout(r, 200));
    expect(log).not.toContain('dispose webgpu');
    open();
    expect((await turn).image.length).toBe(16 * 16 * 4);
    await switching;
    expect(log.indexOf('dispose webgpu')).toBeGreaterThan(log.indexOf('run webgpu end'));
  });

  it('rejects bad input with a clear error', async () => {
    const engine = engineWith({});
    await expect(engine.edit(request())).rejects.toThrow(/No model pack/);
    await engine.load({ packUrl: PACK, backend: 'wasm' });
    await expect(engine.edit({ ...request(), size: 32, image: new Uint8ClampedArray(32 * 32 * 4) })).rejects.toThrow(/16x16/);
    await expect(engine.edit({ ...request(), text: '   ' })).rejects.toThrow(/empty/);
    await expect(engine.edit({ ...request(), text: '?!' })).rejects.toThrow(/no words/);
    await expect(engine.edit({ ...request(), state: new Float32Array(3) })).rejects.toThrow(/Tracker state/);
  });

  it('keeps the loaded pack when loading another one fails', async () => {
    const engine = engineWith({});
    await engine.load({ packUrl: PACK, backend: 'wasm' });
    await expect(engine.load({ packUrl: join(PACK, 'missing'), backend: 'wasm' })).rejects.toThrow(/manifest.json/);
    expect((await engine.info()).pack).toBe('tiny-fp32');
    expect((await engine.edit(request())).image.length).toBe(16 * 16 * 4);
  });

  it('reads a scene with the recognizer', async () => {
    const engine = engineWith({});
    await engine.load({ packUrl: PACK, backend: 'wasm' });
    const heads = await engine.recognize(request().image, 16);
    expect(heads.cells).toBe(9);
    expect(Object.keys(heads.heads)).toEqual(['shape', 'color', 'size', 'texture']);
    const { scene, confidence } = SHAPES_V1.readScene(heads);
    expect(scene.cells).toHaveLength(9);
    expect(confidence.every((p) => p > 0 && p <= 1)).toBe(true);
  });
});
