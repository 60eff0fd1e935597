/**
 * Measures the dialogue layer alone on the spec's dialogue JSONL: each dialogue is replayed through the
 * DialogueManager with the EXPECTED scene standing in for the recognizer's reading after every turn.
 * Prints clarification accuracy (asked exactly when expected) and turn success (scene equals `expect`).
 * Usage: npm run eval:dialogue -- --dialogues FILE.jsonl [--pack DIR] [--show N] [--json]
 */
import { readFileSync } from 'node:fs';
import { evaluateDialogues } from '../src/dialogue/evaluate.ts';
import { dialogueOf } from '../src/dialogue/index.ts';
import { validateDialogues } from '../src/domain/dialogue-file.ts';
import { anySceneProblem, domainOfScenes } from './lib/domains.ts';
import { fail, parseCli } from './lib/cli.ts';
import { nodeUnderstander } from './lib/node-understander.ts';

const values = parseCli({
  usage: 'eval-dialogue --dialogues FILE.jsonl [--pack DIR] [--show N] [--json]',
  options: { dialogues: { type: 'string' }, pack: { type: 'string', default: 'models/packs/shapes-v1' }, show: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } },
  required: ['dialogues'],
});
let text: string;
try {
  text = readFileSync(values.dialogues, 'utf8');
} catch (e) {
  fail(`${values.dialogues}: cannot read: ${(e as Error).message}`);
}
const { records, issues } = validateDialogues(text, anySceneProblem);
if (issues.length > 0) {
  for (const { line, reason } of issues.slice(0, 20)) console.error(`${values.dialogues}:${line}: ${reason}`);
  // 1, not 2: the file was read but is not valid dialogue JSONL, as `npm run validate` reports it
  fail(`${issues.length} malformed line(s) in ${values.dialogues}; nothing was evaluated`, 1);
}
const t0 = performance.now();
let domain;
try {
  domain = domainOfScenes(records.map((r) => r.scene));
} catch (e) {
  fail(`${values.dialogues}: ${(e as Error).message}`, 1);
}
const { understander, dispose } = await nodeUnderstander(values.pack, domain);
const report = await evaluateDialogues(records, understander, dialogueOf(domain));
await dispose();
const secs = (performance.now() - t0) / 1000;
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
if (values.json) {
  console.log(JSON.stringify({ ...report, failures: report.failures.slice(0, Number(values.show)) }, null, 2));
} else {
  console.log(`${values.dialogues}: ${report.dialogues} dialogues, ${report.turns} turns (${report.clarifyTurns} expect a question) in ${secs.toFixed(1)} s`);
  console.log(`  clarification accuracy: ${pct(report.clarificationAccuracy)}`);
  console.log(`  turn success:           ${pct(report.turnSuccess)} (scene turns ${pct(report.sceneTurnSuccess)}, whole dialogues ${pct(report.dialogueSuccess)})`);
  const ms = report.outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2);
  console.log(`  reading a turn (understanding + dialogue, ORT-WASM): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
  for (const f of report.failures.slice(0, Number(values.show))) {
    console.log(`  FAIL ${f.id}#${f.turn} ${JSON.stringify(f.user)} -> ${f.kind}: ${f.reply}`);
  }
}
