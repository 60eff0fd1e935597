/**
 * Exports single-turn edit examples as `edits` training shards (models/SHARDS.md).
 * Usage: npm run data:edits -- --out data/edits-train --count 20000 --seed 1 --split train|heldout [--typo 0.08]
 *   [--canonical 0.5]  (that share of examples carries the dialogue layer's canonical instruction, what the app sends)
 *   [--with-canonical]  (every example also carries its canonical instruction as `canon_tokens`: models/distill.py)
 *   [--postnominal]  (train only: some references put an adjective after the noun, "the circle of red color")
 * Example i is generated from its own seed (seed, split, i), so any range can be regenerated alone.
 * Also writes examples.jsonl (text, context, kind, edit) for inspection.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalInstruction } from '../../src/domains/shapes-v1/dialogue/canonical.ts';
import { makeEditExample, type ExampleKind } from './shapes-v1/edit-examples.ts';
import { applyEdit, EDIT_OPS } from '../../src/domains/shapes-v1/edits.ts';
import { interpret } from '../../src/domains/shapes-v1/interpret.ts';
import { renderSceneInto } from '../../src/domains/shapes-v1/raster.ts';
import { hashString, Rng } from '../../src/domain/rng.ts';
import { COLORS, encodeCells, IMAGE_SIZE, scenesEqual, SHAPES, SIZES, TEXTURES } from '../../src/domains/shapes-v1/scene.ts';
import { encode, MAX_LEN } from '../../src/domains/shapes-v1/tokenizer.ts';
import { fail, parseCli } from '../lib/cli.ts';
import { printSizes, ShardWriter, vocabSha256, type FieldSpec } from './shard-writer.ts';

const KINDS: readonly ExampleKind[] = ['plain', 'plural', 'pronoun', 'same', 'same-as', 'two-sentence'];
const values = parseCli({
  usage: 'export-edits --out DIR [--count N] [--seed S] [--split train|heldout] [--typo P] [--canonical P] [--with-canonical] [--postnominal]',
  options: {
    out: { type: 'string' }, count: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' },
    split: { type: 'string', default: 'train' }, typo: { type: 'string', default: '0.08' },
    canonical: { type: 'string', default: '0' }, 'with-canonical': { type: 'boolean', default: false },
    postnominal: { type: 'boolean', default: false },
  },
  required: ['out'],
  choices: { split: ['train', 'heldout'] },
});
const split = values.split;
if (values.postnominal && split !== 'train') fail('--postnominal is for the train split (held-out phrasings must stay as they are)');
const count = Number(values.count);
const seed = Number(values.seed);
const S = IMAGE_SIZE;
const pairs = values['with-canonical'];
const FIELDS = {
  src: { dtype: 'uint8', shape: [S, S, 3] }, tgt: { dtype: 'uint8', shape: [S, S, 3] },
  tokens: { dtype: 'uint16', shape: [MAX_LEN] }, ctx_tokens: { dtype: 'uint16', shape: [MAX_LEN] },
  changed: { dtype: 'uint8', shape: [S, S] }, cells_src: { dtype: 'int8', shape: [9, 4] },
  cells_tgt: { dtype: 'int8', shape: [9, 4] }, op: { dtype: 'uint8', shape: [] }, kind: { dtype: 'uint8', shape: [] },
} satisfies Record<string, FieldSpec>;
// canon_tokens exists only with --with-canonical; row('canon_tokens') is called only then
type EditField = keyof typeof FIELDS | 'canon_tokens';
const canonField = { canon_tokens: { dtype: 'uint16', shape: [MAX_LEN] } } satisfies Record<string, FieldSpec>;
const writer = new ShardWriter<EditField>(values.out, {
  ...(pairs ? canonField : {}),
  ...FIELDS,
} as Record<EditField, FieldSpec>, {
  kind: 'edits', seed, split, image_size: S, max_len: MAX_LEN, vocab_sha256: vocabSha256(),
  ops: EDIT_OPS, example_kinds: KINDS, shapes: SHAPES, colors: COLORS, sizes: SIZES, textures: TEXTURES,
  ...(values.postnominal ? { postnominal: true } : {}),
});

const t0 = performance.now();
const lines: string[] = [];
const perKind = new Map<string, number>();
let disagreements = 0;
for (let i = 0; i < count; i++) {
  const rng = new Rng(hashString(`edits:${seed}:${split}:${i}`));
  const ex = makeEditExample(rng, split, { typo: Number(values.typo), postnominal: values.postnominal });
  const canonical = rng.chance(Number(values.canonical)) ? canonicalInstruction(ex.edit, ex.src) : null;
  // an edit the dialogue layer has no one canonical wording for keeps its own words on both sides
  if (pairs) {
    const canonWords = canonical ?? canonicalInstruction(ex.edit, ex.src) ?? ex.text;
    encode(canonWords, MAX_LEN, writer.row<Uint16Array>('canon_tokens'));
  }
  if (canonical) Object.assign(ex, { text: canonical, context: '', referent: null, kind: 'plain' });
  const src = writer.row<Uint8Array>('src');
  const tgt = writer.row<Uint8Array>('tgt');
  renderSceneInto(ex.src, src, 0);
  renderSceneInto(ex.tgt, tgt, 0);
  const changed = writer.row<Uint8Array>('changed');
  for (let p = 0; p < S * S; p++) {
    const k = p * 3;
    changed[p] = src[k] !== tgt[k] || src[k + 1] !== tgt[k + 1] || src[k + 2] !== tgt[k + 2] ? 1 : 0;
  }
  encode(ex.text, MAX_LEN, writer.row<Uint16Array>('tokens'));
  encode(ex.context, MAX_LEN, writer.row<Uint16Array>('ctx_tokens'));
  encodeCells(ex.src, writer.row<Int8Array>('cells_src'));
  encodeCells(ex.tgt, writer.row<Int8Array>('cells_tgt'));
  writer.row('op')[0] = EDIT_OPS.indexOf(ex.edit.op);
  writer.row('kind')[0] = KINDS.indexOf(ex.kind);
  writer.commit();
  // The reference interpreter must read every instruction as intended (data hygiene, counted not hidden).
  const r = interpret(ex.text, { scene: ex.src, referent: ex.referent });
  if (r.kind !== 'edit' || !scenesEqual(r.edits.reduce(applyEdit, ex.src), ex.tgt)) disagreements++;
  perKind.set(ex.kind, (perKind.get(ex.kind) ?? 0) + 1);
  lines.push(JSON.stringify({ i, kind: ex.kind, text: ex.text, context: ex.context, edit: ex.edit }));
}
const bytes = writer.finish();
writeFileSync(join(values.out, 'examples.jsonl'), `${lines.join('\n')}\n`);
const secs = (performance.now() - t0) / 1000;
console.log(`edits/${split}: ${count} examples (${2 * count} images) -> ${values.out} in ${secs.toFixed(1)} s`);
console.log(`  throughput ${(2 * count / secs).toFixed(0)} images/s (incl. grammar, tokenizing, interpreter check)`);
console.log(`  kinds: ${[...perKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`  interpreter disagreements: ${disagreements}`);
printSizes(bytes);
if (disagreements > 0) process.exitCode = 1;
