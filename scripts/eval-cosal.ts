/**
 * CoSaL benchmark (LBIE): colorizes each record's silhouettes from its nine sentences and scores mean IoU over
 * 7 classes (6 colors + background), accumulated over the whole file.
 * Usage: npm run eval:cosal -- --file FILE.jsonl --out DIR [--pack DIR] [--samples 8]
 * Writes DIR/report.json (mean IoU, per-class IoU) and DIR/samples/<id>.{src,out,tgt}.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COSAL_COLORS, COSAL_RGB, COSAL_SIZE, renderCosal, type CosalRecord } from '../src/domains/cosal-v1/cosal.ts';
import { validateCosal } from '../src/domains/cosal-v1/validate.ts';
import { fail, packDir, parseCli, readInput, writePng } from './lib/cli.ts';
import { nodeEngine } from './lib/node-engine.ts';

const values = parseCli({ usage: 'eval:cosal --file FILE.jsonl --out DIR [--pack DIR] [--samples 8]',
  options: { file: { type: 'string' }, out: { type: 'string' }, pack: { type: 'string' }, samples: { type: 'string', default: '8' } },
});
if (!values.out) fail('missing --out DIR');
const { records, issues } = validateCosal(readInput(values.file, '--file').toString('utf8'));
if (issues.length > 0) {
  for (const i of issues.slice(0, 20)) console.error(`${values.file}:${i.line}: ${i.reason}`);
  fail(`${issues.length} malformed line(s) in ${values.file}; nothing was evaluated`);
}
const CLASSES = ['background', ...COSAL_COLORS];
const PALETTE: (readonly [number, number, number])[] = [[255, 255, 255], ...COSAL_COLORS.map((c) => COSAL_RGB[c])];
const engine = await nodeEngine(packDir('cosal-v1', values.pack));
const info = await engine.info();
if (info.imageSize !== COSAL_SIZE) fail(`pack ${info.pack} edits ${info.imageSize}px images, CoSaL needs ${COSAL_SIZE}px`);

const rgba = (rgb: Uint8Array) => {
  const out = new Uint8ClampedArray((rgb.length / 3) * 4);
  for (let p = 0; p < rgb.length / 3; p++) out.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, 255], p * 4);
  return out;
};
/** The class of the palette color nearest to a pixel. */
const classify = (img: Uint8ClampedArray, p: number) => {
  let best = 0;
  let bestD = Infinity;
  PALETTE.forEach(([r, g, b], k) => {
    const d = (img[p * 4]! - r) ** 2 + (img[p * 4 + 1]! - g) ** 2 + (img[p * 4 + 2]! - b) ** 2;
    if (d < bestD) [best, bestD] = [k, d];
  });
  return best;
};

const inter = new Array<number>(CLASSES.length).fill(0);
const union = new Array<number>(CLASSES.length).fill(0);
const samples = Number(values.samples);
const started = performance.now();
for (const [n, rec] of records.entries()) {
  const { src, tgt, labels } = renderCosal(rec as CosalRecord);
  const image = rgba(src);
  const r = await engine.edit({ image, size: COSAL_SIZE, text: rec.sentences.join(' . '), state: null });
  for (let p = 0; p < labels.length; p++) {
    const got = classify(r.image, p);
    const want = labels[p]!;
    if (got === want) inter[got]!++;
    union[got]!++;
    if (got !== want) union[want]!++;
  }
  if (n < samples) {
    for (const [tag, img] of [['src', image], ['out', r.image], ['tgt', rgba(tgt)]] as const) {
      writePng(join(values.out, 'samples', `${rec.id}.${tag}.png`), img, COSAL_SIZE);
    }
  }
}
const perClass = Object.fromEntries(CLASSES.map((c, k) => [c, union[k] ? Math.round((inter[k]! / union[k]!) * 1e4) / 1e4 : null]));
const present = CLASSES.map((_, k) => k).filter((k) => union[k]! > 0);
const meanIou = present.reduce((s, k) => s + inter[k]! / union[k]!, 0) / present.length;
const report = {
  pack: info.pack, file: values.file, records: records.length, seconds: Math.round((performance.now() - started) / 100) / 10,
  mean_iou: Math.round(meanIou * 1e4) / 1e4, per_class_iou: perClass,
};
writeFileSync(join(values.out, 'report.json'), `${JSON.stringify(report, null, 1)}\n`);
console.log(JSON.stringify(report, null, 1));
await engine.dispose();
