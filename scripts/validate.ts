/**
 * Validates contract files (spec/shapes-v1.md) and exits non-zero naming the line and the reason.
 * Usage: npm run validate -- --scene FILE | --dialogues FILE.jsonl | --cosal FILE.jsonl
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateCosal, validateDialogues, validateScenes, type ValidationResult } from '../src/domain/validate.ts';

const { values } = parseArgs({ options: { scene: { type: 'string' }, dialogues: { type: 'string' }, cosal: { type: 'string' } } });
const jobs: [string, string, (t: string) => ValidationResult<unknown>][] = [];
if (values.scene) jobs.push(['scene', values.scene, validateScenes]);
if (values.dialogues) jobs.push(['dialogues', values.dialogues, validateDialogues]);
if (values.cosal) jobs.push(['cosal', values.cosal, validateCosal]);
if (jobs.length === 0) {
  console.error('usage: validate --scene FILE | --dialogues FILE.jsonl | --cosal FILE.jsonl');
  process.exit(2);
}
let failed = false;
for (const [kind, file, check] of jobs) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`${file}: cannot read: ${(e as Error).message}`);
    failed = true;
    continue;
  }
  const { records, issues } = check(text);
  for (const { line, reason } of issues.slice(0, 20)) console.error(`${file}:${line}: ${reason}`);
  if (issues.length > 20) console.error(`${file}: ... and ${issues.length - 20} more problems`);
  if (issues.length > 0) failed = true;
  else console.log(`${file}: ${records.length} valid ${kind} record(s)`);
}
process.exit(failed ? 1 : 0);
