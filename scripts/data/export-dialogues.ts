/**
 * Exports multi-turn dialogues as the spec's dialogue-evaluation JSONL, each replayed through the reference
 * session (interpreter + history) to count disagreements.
 * Usage: npm run data:dialogues -- --out data/dialogues-heldout.jsonl --count 500 --seed 1 --split heldout
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDialogue } from './shapes-v1/dialogue.ts';
import { hashString, Rng } from '../../src/domain/rng.ts';
import { sceneToJson, type Scene } from '../../src/domains/shapes-v1/scene.ts';
import { ReferenceSession } from './shapes-v1/reference-session.ts';
import { parseCli } from '../lib/cli.ts';
import { formatBytes } from './shard-writer.ts';

const values = parseCli({
  usage: 'export-dialogues --out FILE.jsonl [--count N] [--seed S] [--split train|heldout]',
  options: {
    out: { type: 'string' }, count: { type: 'string', default: '500' }, seed: { type: 'string', default: '1' },
    split: { type: 'string', default: 'heldout' },
  },
  required: ['out'],
  choices: { split: ['train', 'heldout'] },
});
const split = values.split;
const count = Number(values.count);
const t0 = performance.now();
const lines: string[] = [];
let turns = 0;
let clarify = 0;
let disagreements = 0;
for (let i = 0; i < count; i++) {
  const id = `d${values.seed}-${split}-${String(i).padStart(5, '0')}`;
  const d = generateDialogue(new Rng(hashString(`dialogue:${values.seed}:${split}:${i}`)), id, split);
  const session = new ReferenceSession(d.scene as Scene);
  for (const t of d.turns) {
    turns++;
    const r = session.turn(t.user);
    if ('clarify' in t.expect) {
      clarify++;
      if (r.kind !== 'clarify') disagreements++;
    } else if (JSON.stringify(sceneToJson(session.scene)) !== JSON.stringify(t.expect)) disagreements++;
  }
  lines.push(JSON.stringify(d));
}
const text = `${lines.join('\n')}\n`;
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, text);
const secs = (performance.now() - t0) / 1000;
console.log(`dialogues/${split}: ${count} dialogues, ${turns} turns (${clarify} clarify) -> ${values.out} (${formatBytes(text.length)}) in ${secs.toFixed(1)} s`);
console.log(`  reference-session disagreements: ${disagreements}`);
if (disagreements > 0) process.exitCode = 1;
