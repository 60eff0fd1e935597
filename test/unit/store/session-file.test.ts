/** Session export/import: a lossless round trip, and a clear, located error for each kind of malformed file. */
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionController } from '../../../src/app/session-controller.ts';
import { EXAMPLES } from '../../../src/domains/shapes-v1/examples.ts';
import { memoryKV } from '../../../src/store/kv.ts';
import { base64ToBytes, bytesToBase64 } from '../../../src/store/base64.ts';
import { exportSession, importSession, checkSessionFile, type SessionFile } from '../../../src/store/session-file.ts';
import { SessionStore } from '../../../src/store/sessions.ts';
import { nodeCodec, perfectEngine } from '../app/fixtures.ts';

async function played() {
  const model = perfectEngine();
  const store = new SessionStore(memoryKV());
  const deps = { domain: SHAPES_V1, engine: model.engine, store, codec: nodeCodec };
  const c = await SessionController.start(deps, model.show(EXAMPLES[0]!.scene), 64, 'Two squares', 'perfect');
  await c.say('make the circle red');
  await c.say('make the square green');
  return { c, store, deps };
}

const text = (file: SessionFile) => JSON.stringify(file);

describe('session files', () => {
  it('encodes base64 in chunks without loss', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) & 255);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(Uint8Array.from([137, 80, 78, 71]))).toBe('iVBORw==');
  });

  it('round-trips a session: dialogue (with its open question), transcript and every picture', async () => {
    const { c, store, deps } = await played();
    const file = checkSessionFile(text(await exportSession(store, c.view.session.id)), { domain: SHAPES_V1 });
    expect(file.nodes.n1?.image.startsWith('data:image/png;base64,')).toBe(true);
    const into = new SessionStore(memoryKV());
    const imported = await importSession(into, file);
    expect(imported.id).not.toBe(c.view.session.id);
    expect(await into.currentSessionId()).toBe(imported.id);
    expect(imported.dialogue).toEqual(c.view.session.dialogue);
    const strip = (t: { id: string; sessionId: string }) => ({ ...t, id: '', sessionId: '' });
    expect((await into.turns(imported.id)).map(strip)).toEqual(c.view.turns.map(strip));
    const back = (await SessionController.open({ ...deps, store: into }, imported.id))!;
    expect(back.view.awaiting).toBe(true);
    for (const id of ['n0', 'n1']) {
      const [a, b] = [await c.picture(id), await back.picture(id)];
      expect(Buffer.from(b.image).equals(Buffer.from(a.image))).toBe(true);
      expect(b.recognition).toEqual(a.recognition);
    }
    const r = (await back.picture('n1')).result!;
    expect(r.words).toEqual((await c.picture('n1')).result!.words);
    expect(r.steps).toEqual((await c.picture('n1')).result!.steps);
    expect((await back.say('the right one')).turn.kind).toBe('answer');
  });

  it('rejects files that are not sessions', () => {
    expect(() => checkSessionFile('{"title": ', { domain: SHAPES_V1 })).toThrow(/not a Parley session: it is not valid JSON/);
    expect(() => checkSessionFile('[1, 2]', { domain: SHAPES_V1 })).toThrow(/not a Parley session: expected format "parley-session-v1"/);
    expect(() => checkSessionFile('{"format": "parley-session-v9"}', { domain: SHAPES_V1 })).toThrow(/its format is "parley-session-v9"/);
  });

  const cases: [string, (f: SessionFile & Record<string, unknown>) => void, RegExp][] = [
    ['a missing title', (f) => delete (f as Partial<SessionFile>).title, /title must be a string/],
    ['a bad size', (f) => (f.size = 0), /size must be a whole number/],
    ['a missing picture', (f) => delete f.nodes.n1, /nodes lack the picture of history node n1/],
    ['a picture that is not a data URL', (f) => (f.nodes.n1!.image = 'http://example.com/x.png'), /nodes\.n1\.image must be a PNG data URL/],
    ['a picture that is not a PNG', (f) => (f.nodes.n1!.image = `data:image/png;base64,${btoa('GIF89a and more bytes')}`), /nodes\.n1\.image is not a PNG image/],
    ['broken base64', (f) => (f.nodes.n0!.image = 'data:image/png;base64,iVBORw0KGgo%%%'), /nodes\.n0\.image is not valid base64/],
    ['an attention matrix of the wrong size', (f) => f.nodes.n1!.view!.attention.pop(), /nodes\.n1\.view\.attention must have/],
    ['an unknown colour in a scene', (f) => (f.nodes.n0!.recognition.scene.cells[4] = { shape: 'circle', color: 'teal' as 'red', size: 'small', texture: 'solid' }), /nodes\.n0\.recognition\.scene\.cells\[4\]\.color must be one of/],
    ['a bad turn status', (f) => (f.transcript[0]!.status = 'lost' as 'done'), /transcript\[0\]\.status must be one of pending, done, failed/],
    ['a current node that does not exist', (f) => (f.dialogue.history.current = 'n7'), /dialogue\.history current node n7 is not a node/],
    ['a dangling child', (f) => f.dialogue.history.nodes[0]!.children.push('n9'), /refers to a missing node n9/],
    ['a parent cycle', (f) => {
      const [n0, n1] = f.dialogue.history.nodes;
      Object.assign(n1!, { parent: 'n1', children: ['n1'] });
      Object.assign(n0!, { children: [], redoChild: null });
    }, /has a cycle: node n1 cannot be reached from n0/],
    ['a child cycle', (f) => f.dialogue.history.nodes[1]!.children.push('n0'), /node n1 lists n0 as a child, but n0's parent is null/],
    ['nextId below an existing id', (f) => (f.dialogue.history.nextId = 1), /nextId must be a whole number above 1/],
    ['a node id that names an Object property', (f) => {
      const h = f.dialogue.history;
      const json = JSON.stringify(h).replaceAll('"n1"', '"constructor"');
      f.dialogue.history = JSON.parse(json);
      (f.nodes as Record<string, unknown>)['constructor'] = f.nodes.n1;
      delete f.nodes.n1;
    }, /node id "constructor"/],
    ['pictures of another size than the session', (f) => (f.size = 1024), /nodes\.n0\.image is 64x64, not the session's 1024x1024/],
    ['a "PNG" that is only a signature', (f) => (f.nodes.n1!.image = `data:image/png;base64,${btoa('\x89PNG\r\n\x1a\n')}`), /nodes\.n1\.image is not a PNG image \(it is only a signature\)/],
    ['a truncated PNG', (f) => (f.nodes.n0!.image = f.nodes.n0!.image.slice(0, 200)), /nodes\.n0\.image is a truncated PNG/],
    ['a PNG with a damaged chunk', (f) => {
      const bytes = base64ToBytes(f.nodes.n0!.image.slice('data:image/png;base64,'.length));
      bytes[bytes.length - 20] ^= 0xff;
      f.nodes.n0!.image = `data:image/png;base64,${bytesToBase64(bytes)}`;
    }, /nodes\.n0\.image is a corrupt PNG \(its IDAT chunk fails its checksum\)/],
    ['a 50 MB title', (f) => (f.title = 'x'.repeat(50 * 1024 * 1024)), /title is 52428800 characters long \(at most 200\)/],
    ['a transcript turn on a missing node', (f) => (f.transcript[0]!.nodeId = 'n5'), /transcript\[0\]\.nodeId is not a history node/],
    ['two turns with one seq', (f) => (f.transcript[1]!.seq = f.transcript[0]!.seq), /transcript\[1\]\.seq must be a whole number not used/],
    ['a referent off the grid', (f) => (f.dialogue.referent = [99]), /dialogue\.referent must be cell numbers from 0 to 8/],
    ['a mention off the grid', (f) => (f.dialogue.mentions = [[4], [9]]), /dialogue\.mentions\[1\] must be cell numbers from 0 to 8/],
    ['a hundred turns of mentions', (f) => (f.dialogue.mentions = Array.from({ length: 100 }, () => [4])), /dialogue\.mentions has 100 entries \(at most 6\)/],
    ['an unknown dialogue version', (f) => ((f.dialogue as { version: number }).version = 2), /dialogue\.version must be 1/],
  ];

  it.each(cases)('names the problem: %s', async (_, spoil, message) => {
    const { c, store } = await played();
    const file = structuredClone(await exportSession(store, c.view.session.id)) as SessionFile & Record<string, unknown>;
    expect(() => checkSessionFile(text(file), { domain: SHAPES_V1 })).not.toThrow();
    spoil(file);
    let err: Error | undefined;
    try {
      checkSessionFile(text(file), { domain: SHAPES_V1 });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).toBe('InputError');
    expect(err?.message).toMatch(/^That session file is malformed: /);
    expect(err?.message).toMatch(message);
  });

  it('checks the size against the pack that will edit it', async () => {
    const { c, store } = await played();
    const file = await exportSession(store, c.view.session.id);
    expect(() => checkSessionFile(text(file), { domain: SHAPES_V1, imageSize: 64 })).not.toThrow();
    expect(() => checkSessionFile(text({ ...file, size: 1024 }), { domain: SHAPES_V1, imageSize: 64 })).toThrow(/size is 1024 px, but the model pack edits 64 px pictures/);
  });

  it('npm run validate -- --session names the problem and exits non-zero', async () => {
    const { c, store } = await played();
    const file = await exportSession(store, c.view.session.id);
    const dir = mkdtempSync(join(tmpdir(), 'parley-session-'));
    const run = (f: SessionFile) => {
      writeFileSync(join(dir, 's.json'), text(f));
      return spawnSync('npx', ['tsx', 'scripts/validate.ts', '--session', join(dir, 's.json')], { encoding: 'utf8', timeout: 60_000 });
    };
    const ok = run({ ...file, pack: 'shapes-v1' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/1 valid session record/);
    const big = run({ ...file, pack: 'shapes-v1', size: 1024 });
    expect(big.status).toBe(1);
    expect(big.stderr).toMatch(/size is 1024 px, but the model pack edits 64 px pictures/);
  });
});
