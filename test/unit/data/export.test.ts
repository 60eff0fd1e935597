import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalInstruction } from '../../../src/domains/shapes-v1/dialogue/canonical.ts';
import { renderCosal } from '../../../src/domains/cosal-v1/cosal.ts';
import { generateCosal } from '../../../scripts/data/cosal-v1/generate.ts';
import { makeEditExample } from '../../../scripts/data/shapes-v1/edit-examples.ts';
import { EDIT_OPS } from '../../../src/domains/shapes-v1/edits.ts';
import { renderScene } from '../../../src/domains/shapes-v1/raster.ts';
import { Rng, hashString } from '../../../src/domain/rng.ts';
import { encodeCells } from '../../../src/domains/shapes-v1/scene.ts';
import { encode } from '../../../src/domains/shapes-v1/tokenizer.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tsx = (script: string, args: string[]) =>
  execFileSync('npx', ['tsx', `scripts/${script}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const field = (shards: string, name: string) => {
  const index = JSON.parse(readFileSync(join(shards, 'index.json'), 'utf8'));
  const spec = index.fields[name];
  const buf = readFileSync(join(shards, spec.file));
  const C = { uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array }[spec.dtype as 'uint8'];
  return { shape: spec.shape as number[], data: new C(buf.buffer, buf.byteOffset, buf.byteLength / C.BYTES_PER_ELEMENT) };
};

describe('export-edits', () => {
  it('writes shards that read back as the examples it generated', () => {
    const out = join(dir, 'edits');
    const log = tsx('data/export-edits.ts', ['--out', out, '--count', '24', '--seed', '3', '--split', 'heldout']);
    expect(log).toMatch(/24 examples \(48 images\)/);
    expect(log).toMatch(/\d+ images\/s/);
    expect(log).toContain('interpreter disagreements: 0');
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    expect(index).toMatchObject({ format: 'parley-shards-v1', kind: 'edits', count: 24, seed: 3, split: 'heldout', image_size: 64, max_len: 32 });
    expect(index.vocab_sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const i of [0, 13, 23]) {
      const ex = makeEditExample(new Rng(hashString(`edits:3:heldout:${i}`)), 'heldout', { typo: 0.08 });
      expect(field(out, 'src').data.subarray(i * 12288, (i + 1) * 12288)).toEqual(renderScene(ex.src));
      expect(field(out, 'tgt').data.subarray(i * 12288, (i + 1) * 12288)).toEqual(renderScene(ex.tgt));
      expect(field(out, 'tokens').data.subarray(i * 32, (i + 1) * 32)).toEqual(encode(ex.text));
      expect(field(out, 'ctx_tokens').data.subarray(i * 32, (i + 1) * 32)).toEqual(encode(ex.context));
      expect(field(out, 'cells_tgt').data.subarray(i * 36, (i + 1) * 36)).toEqual(encodeCells(ex.tgt));
      expect(field(out, 'op').data[i]).toBe(EDIT_OPS.indexOf(ex.edit.op));
    }
    expect(field(out, 'changed').shape).toEqual([24, 64, 64]);
    expect(field(out, 'changed').data.some((v) => v === 1)).toBe(true);
    const py = execFileSync('/usr/bin/python3', ['models/data.py', '--check', out], { encoding: 'utf8' });
    expect(py).toContain('src          uint8   (24, 64, 64, 3)');
    expect(py).toContain('vocab_sha256 matches');
    expect(py).not.toContain('PROBLEM');
  });

  it('adds each edit\'s canonical instruction with --with-canonical and keeps the raw examples as they were', () => {
    const plain = join(dir, 'edits-plain');
    const paired = join(dir, 'edits-paired');
    tsx('data/export-edits.ts', ['--out', plain, '--count', '12', '--seed', '5']);
    tsx('data/export-edits.ts', ['--out', paired, '--count', '12', '--seed', '5', '--with-canonical']);
    expect(field(paired, 'tokens').data).toEqual(field(plain, 'tokens').data);
    for (let i = 0; i < 12; i++) {
      const ex = makeEditExample(new Rng(hashString(`edits:5:train:${i}`)), 'train', { typo: 0.08 });
      expect(field(paired, 'canon_tokens').data.subarray(i * 32, (i + 1) * 32)).toEqual(encode(canonicalInstruction(ex.edit, ex.src) ?? ex.text));
    }
    expect(JSON.parse(readFileSync(join(plain, 'index.json'), 'utf8')).fields.canon_tokens).toBeUndefined();
  });

  it('words some train references postnominally with --postnominal and refuses it for held-out data', () => {
    const out = join(dir, 'edits-postnominal');
    tsx('data/export-edits.ts', ['--out', out, '--count', '12', '--seed', '5', '--postnominal']);
    expect(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')).postnominal).toBe(true);
    let reworded = 0;
    for (let i = 0; i < 12; i++) {
      const example = (postnominal: boolean) =>
        makeEditExample(new Rng(hashString(`edits:5:train:${i}`)), 'train', { typo: 0.08, postnominal });
      expect(field(out, 'tokens').data.subarray(i * 32, (i + 1) * 32)).toEqual(encode(example(true).text));
      if (example(true).text !== example(false).text) reworded++;
    }
    expect(reworded).toBeGreaterThan(0);
    expect(() => tsx('data/export-edits.ts', ['--out', join(dir, 'x'), '--split', 'heldout', '--postnominal'])).toThrow(/train split/);
  });
});

describe('export-cosal and export-dialogues', () => {
  it('write shards, cosal-v1 JSONL and dialogue JSONL that the validator accepts', () => {
    const out = join(dir, 'cosal');
    expect(tsx('data/export-cosal.ts', ['--out', out, '--k', '6', '--count', '20', '--seed', '4'])).toMatch(/20 examples \(40 images\)/);
    const rec = JSON.parse(readFileSync(join(out, 'cosal.jsonl'), 'utf8').split('\n')[7]!);
    expect(rec).toEqual(generateCosal(new Rng(hashString('cosal:4:6:7')), 'c4-k6-000007', 6));
    expect(field(out, 'labels').data.subarray(7 * 2304, 8 * 2304)).toEqual(renderCosal(rec).labels);
    expect(field(out, 'tokens').shape).toEqual([20, 48]);
    const file = join(dir, 'dialogues.jsonl');
    expect(tsx('data/export-dialogues.ts', ['--out', file, '--count', '15', '--split', 'train'])).toContain('disagreements: 0');
    expect(tsx('validate.ts', ['--dialogues', file, '--cosal', join(out, 'cosal.jsonl')])).toMatch(/15 valid dialogues[\s\S]*20 valid cosal/);
  });

  it('makes the validator exit non-zero naming the line', () => {
    const file = join(dir, 'cosal.jsonl');
    execFileSync('sh', ['-c', `printf '{"id":"x"}\\n' > ${file}`]);
    try {
      tsx('validate.ts', ['--cosal', file]);
      expect.unreachable('validate should fail');
    } catch (e) {
      const err = e as { status: number; stderr: string };
      expect(err.status).toBe(1);
      expect(err.stderr).toContain(`${file}:1: cells must be an array of 9 entries`);
    }
  });
});
