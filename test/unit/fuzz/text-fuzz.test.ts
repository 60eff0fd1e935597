/**
 * Issue 24: 1,000 hostile turns (one enormous word, control and lone-surrogate characters, emoji, markup, numbers
 * beyond any grid, repeated words, real requests mixed with junk) through the real session controller, with the
 * pack's understanding tagger. Each turn ends in time with an answer, or is refused up front and writes nothing;
 * none fails, hangs or throws anything else.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/domains/shapes-v1/examples.ts';
import { SessionController } from '../../../src/app/session-controller.ts';
import { Rng } from '../../../src/domain/rng.ts';
import { memoryKV } from '../../../src/store/kv.ts';
import { SessionStore } from '../../../src/store/sessions.ts';
import { nodeCodec, perfectEngine } from '../app/fixtures.ts';
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';

const CASES = 1_000;
const REAL = ['make the circle red', 'undo', 'the square bigger', 'what color is the star?', 'remove it', 'yes', 'no', 'the left one'];
const JUNK = ['\u0000', '\u200b', '\u202e', '\ud800', '🦄🦄', '<script>alert(1)</script>', "'; drop table turns; --", '%s%s%n', '\\', '999999999999', '-0', 'NaN'];

function hostile(rng: Rng): string {
  switch (rng.int(7)) {
    case 0: return 'x'.repeat(1 + rng.int(20_000));
    case 1: return Array.from({ length: 1 + rng.int(60) }, () => String.fromCharCode(rng.int(0x10000))).join('');
    case 2: return Array.from({ length: 1 + rng.int(12) }, () => rng.pick(JUNK)).join(rng.pick([' ', '', '\n']));
    case 3: return `${rng.pick(REAL)} ${rng.pick(JUNK)} ${'a'.repeat(rng.int(300))}`;
    case 4: return Array.from({ length: 1 + rng.int(150) }, () => rng.pick(['make', 'it', 'the', 'red', 'and', 'circle', 'bigger', 'not'])).join(' ');
    case 5: return rng.pick(['', ' ', '\n\t', '.', '?', '!!!', 'a', 'the 47th circle in row 9000']);
    default: return rng.pick(REAL);
  }
}

describe('text fuzz', () => {
  it(`${CASES} hostile turns: an answer or an up-front refusal, in time`, async () => {
    const model = perfectEngine();
    const kv = memoryKV();
    const store = new SessionStore(kv);
    const c = await SessionController.start({ domain: SHAPES_V1, engine: model.engine, store, codec: nodeCodec }, model.show(EXAMPLES[0]!.scene), 64, 'Fuzz', 'perfect');
    const rng = new Rng('text-fuzz');
    const counts = { answered: 0, refused: 0 };
    let slowest = 0;
    for (let i = 0; i < CASES; i++) {
      const text = hostile(rng);
      const turnsBefore = (await store.turns(c.view.session.id)).length;
      const t0 = performance.now();
      try {
        const { turn } = await c.say(text);
        expect(turn.status, `case ${i} ${JSON.stringify(text.slice(0, 80))}: ${turn.reply}`).toBe('done');
        expect(turn.reply.length).toBeGreaterThan(0);
        counts.answered++;
      } catch (e) {
        expect((e as Error).name, `case ${i}: ${(e as Error).stack}`).toBe('InputError');
        expect((await store.turns(c.view.session.id)).length, `case ${i} stored a refused turn`).toBe(turnsBefore);
        counts.refused++;
      }
      slowest = Math.max(slowest, performance.now() - t0);
    }
    console.log(`text fuzz: ${CASES} turns, ${counts.answered} answered, ${counts.refused} refused up front, slowest ${slowest.toFixed(1)} ms`);
    expect(slowest).toBeLessThan(2_000);
  }, 600_000);
});
