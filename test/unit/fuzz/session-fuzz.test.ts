/**
 * Issue 24: 10,000 mutated session files through the real import path (parse and check, then import, open, lay out
 * the filmstrip, undo and redo). Every case ends in time with either a named InputError and nothing written, or a
 * session that opens and works. Prints the counts and the slowest case for the closing note.
 */
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';
import { describe, expect, it } from 'vitest';
import { layoutHistory } from '../../../src/app/filmstrip.ts';
import { EXAMPLES } from '../../../src/domains/shapes-v1/examples.ts';
import { SessionController } from '../../../src/app/session-controller.ts';
import { Rng } from '../../../src/domain/rng.ts';
import { memoryKV } from '../../../src/store/kv.ts';
import { exportSession, importSessionText } from '../../../src/store/session-file.ts';
import { SessionStore } from '../../../src/store/sessions.ts';
import { nodeCodec, perfectEngine } from '../app/fixtures.ts';
import { mutateJson, mutateText } from './mutate.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
/** Each case's bound; a hang or a quadratic walk shows up as a case far slower than this. */
const CASE_MS = 2_000;

async function baseFile() {
  const model = perfectEngine();
  const store = new SessionStore(memoryKV());
  const deps = { domain: SHAPES_V1, engine: model.engine, store, codec: nodeCodec };
  const c = await SessionController.start(deps, model.show(EXAMPLES[0]!.scene), 64, 'Two squares', 'perfect');
  await c.say('make the circle red');
  await c.say('now make it bigger');
  await c.say('undo');
  await c.say('make the square green');
  return { file: await exportSession(store, c.view.session.id), engine: model.engine };
}

describe('session import fuzz', () => {
  it(`${CASES} mutated files: no hang, no crash, no write for a rejected file`, async () => {
    const { file, engine } = await baseFile();
    const text = JSON.stringify(file);
    const rng = new Rng('session-fuzz');
    const counts = { rejected: 0, accepted: 0, opened: 0 };
    let slowest = { ms: 0, index: -1 };
    for (let i = 0; i < CASES; i++) {
      const mutated = rng.chance(0.15) ? mutateText(text, rng) : JSON.stringify(mutateJson(structuredClone(file), rng, 1 + rng.int(3)));
      const t0 = performance.now();
      const kv = memoryKV();
      const store = new SessionStore(kv);
      let session;
      try {
        session = await importSessionText(store, mutated, { domain: SHAPES_V1, imageSize: 64 });
      } catch (e) {
        expect((e as Error).name, `case ${i}: ${(e as Error).stack}`).toBe('InputError');
        expect(await kv.keys(''), `case ${i} wrote`).toEqual([]);
        counts.rejected++;
      }
      if (session) {
        counts.accepted++;
        const c = await SessionController.open({ domain: SHAPES_V1, engine, store, codec: nodeCodec }, session.id);
        expect(c, `case ${i}`).not.toBeNull();
        expect(layoutHistory(c!.view.history, c!.view.current.id).items.length).toBe(c!.view.history.length);
        if (i % 10 === 0) {
          for (const say of ['undo', 'redo']) {
            const { turn } = await c!.say(say);
            expect(turn.status, `case ${i}: ${say}: ${turn.reply} ${turn.error}`).toBe('done');
          }
          counts.opened++;
        }
      }
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, index: i };
    }
    console.log(`session fuzz: ${CASES} cases, ${counts.rejected} rejected, ${counts.accepted} accepted (${counts.opened} also undone and redone), slowest ${slowest.ms.toFixed(1)} ms (case ${slowest.index})`);
    expect(slowest.ms).toBeLessThan(CASE_MS);
    expect(counts.rejected).toBeGreaterThan(CASES / 2);
  }, 600_000);
});
