/**
 * Exports CoSaL (spec: cosal-v1) as JSONL and as `cosal` training shards (models/SHARDS.md).
 * Usage: npm run data:cosal -- --k 4|6|8 --count 50000 --seed 1 --out data/cosal-k4 [--jsonl FILE]
 * Writes DIR/cosal.jsonl unless --jsonl names another file. Extra shard fields beyond SHARDS.md:
 * `sent_tokens` (N,9,6: each sentence alone, as LBIE encodes them) and `cells` (N,9,2: shape, color index).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COSAL_COLORS, COSAL_SHAPES, COSAL_SIZE, renderCosal } from '../../src/domains/cosal-v1/cosal.ts';
import { generateCosal } from './cosal-v1/generate.ts';
import { Rng, hashString } from '../../src/domain/rng.ts';
import { encode, words } from '../../src/domains/shapes-v1/tokenizer.ts';
import { fail, parseCli } from '../lib/cli.ts';
import { printSizes, ShardWriter, vocabSha256 } from './shard-writer.ts';

/** Token length of all nine sentences together (models/MATH.md). */
const LMAX = 48;
/** Longest single sentence ("light green below half thin ellipse"). */
const SENT_LEN = 6;
const values = parseCli({
  usage: 'export-cosal --out DIR --k 1..9 [--count N] [--seed S] [--jsonl FILE]',
  options: {
    out: { type: 'string' }, k: { type: 'string', default: '4' }, count: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' }, jsonl: { type: 'string' },
  },
  required: ['out'],
});
const k = Number(values.k);
if (!(k >= 1 && k <= 9)) fail(`--k must be a number of objects from 1 to 9, got "${values.k}"`);
const count = Number(values.count);
const seed = Number(values.seed);
const S = COSAL_SIZE;
const writer = new ShardWriter(values.out, {
  src: { dtype: 'uint8', shape: [S, S, 3] }, tgt: { dtype: 'uint8', shape: [S, S, 3] },
  tokens: { dtype: 'uint16', shape: [LMAX] }, labels: { dtype: 'uint8', shape: [S, S] },
  sent_tokens: { dtype: 'uint16', shape: [9, SENT_LEN] }, cells: { dtype: 'int8', shape: [9, 2] },
}, {
  kind: 'cosal', k, seed, image_size: S, max_len: LMAX, sentence_len: SENT_LEN, vocab_sha256: vocabSha256(),
  shapes: COSAL_SHAPES, colors: COSAL_COLORS, label_classes: ['background', ...COSAL_COLORS],
});

const t0 = performance.now();
const lines: string[] = [];
let truncated = 0;
let maxWords = 0;
for (let i = 0; i < count; i++) {
  const id = `c${seed}-k${k}-${String(i).padStart(6, '0')}`;
  const rec = generateCosal(new Rng(hashString(`cosal:${seed}:${k}:${i}`)), id, k);
  const img = renderCosal(rec);
  writer.row('src').set(img.src);
  writer.row('tgt').set(img.tgt);
  writer.row('labels').set(img.labels);
  const text = rec.sentences.join(' . ');
  const n = words(text).length;
  maxWords = Math.max(maxWords, n);
  if (n > LMAX) truncated++;
  encode(text, LMAX, writer.row<Uint16Array>('tokens'));
  const sent = writer.row<Uint16Array>('sent_tokens');
  rec.sentences.forEach((s, j) => encode(s, SENT_LEN, sent, j * SENT_LEN));
  const cells = writer.row<Int8Array>('cells');
  rec.cells.forEach((c, j) => cells.set([COSAL_SHAPES.indexOf(c.shape), COSAL_COLORS.indexOf(c.color)], j * 2));
  writer.commit();
  lines.push(JSON.stringify(rec));
}
const bytes = writer.finish();
const jsonl = values.jsonl ?? join(values.out, 'cosal.jsonl');
writeFileSync(jsonl, `${lines.join('\n')}\n`);
const secs = (performance.now() - t0) / 1000;
console.log(`cosal k=${k}: ${count} examples (${2 * count} images) -> ${values.out}, ${jsonl} in ${secs.toFixed(1)} s`);
console.log(`  throughput ${(2 * count / secs).toFixed(0)} images/s`);
console.log(`  words per description: max ${maxWords}; over ${LMAX} (truncated in tokens): ${truncated}`);
printSizes(bytes);
