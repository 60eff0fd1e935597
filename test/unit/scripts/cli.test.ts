/** The CLIs on good and malformed input (they run the same engine as the app, on WASM). */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../scripts/lib/png.ts';

const TINY = 'test/fixtures/models/tiny-fp32';
const tsx = (script: string, args: string[]) =>
  spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], { encoding: 'utf8', timeout: 120_000 });
const tmp = () => mkdtempSync(join(tmpdir(), 'parley-cli-'));

describe('npm run edit', () => {
  it('writes one PNG per turn at the pack size and prints the replies', () => {
    const out = tmp();
    const r = tsx('edit', ['--image', 'public/icons/icon-192.png', '--say', 'make the circle red', '--say', 'undo', '--out', out, '--pack', TINY]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/> make the circle red\n/);
    expect(r.stdout).toMatch(/nothing to undo|Undid/);
    for (const n of [1, 2]) expect(decodePng(readFileSync(join(out, `turn-${n}.png`))).width).toBe(16);
  });

  it.each([
    [['--say', 'hi', '--pack', TINY], /missing image/],
    [['--image', 'README.md', '--say', 'hi', '--pack', TINY], /not a PNG/],
    [['--image', 'public/icons/icon-192.png', '--pack', TINY], /at least one --say/],
    [['--image', 'public/icons/icon-192.png', '--say', ' ', '--pack', TINY], /empty --say/],
    [['--image', 'public/icons/icon-192.png', '--say', 'hi', '--pack', 'nowhere'], /no model pack at nowhere/],
    [['--image', 'public/icons/icon-192.png', '--say', 'make the circle red'], /icon-192\.png: This picture is not one Parley can edit/],
  ])('fails clearly on %j', (args, message) => {
    const r = tsx('edit', args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('npm run eval / eval:cosal on malformed files', () => {
  it('eval names the bad line and evaluates nothing', () => {
    const dir = tmp();
    const file = join(dir, 'bad.jsonl');
    execFileSync('npx', ['tsx', 'scripts/data/export-dialogues.ts', '--out', join(dir, 'ok.jsonl'), '--count', '1', '--seed', '3', '--split', 'heldout'], { encoding: 'utf8' });
    writeFileSync(file, `${readFileSync(join(dir, 'ok.jsonl'), 'utf8').trim()}\n{"id": "d2", "scene": {"domain": "shapes-v1"}, "turns": []}\n`);
    const r = tsx('eval', ['--dialogues', file, '--out', join(dir, 'out'), '--pack', TINY]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:2: /);
    expect(existsSync(join(dir, 'out', 'report.json'))).toBe(false);
  });

  it('eval:cosal names the bad line', () => {
    const dir = tmp();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, 'not json\n');
    const r = tsx('eval-cosal', ['--file', file, '--out', join(dir, 'out'), '--pack', TINY]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:1: /);
  });
});
