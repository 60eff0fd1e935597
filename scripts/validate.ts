/**
 * Validates contract files (spec/shapes-v1.md) and exits non-zero naming the line and the reason.
 * Usage: npm run validate -- --scene FILE | --dialogues FILE.jsonl | --cosal FILE.jsonl | --session FILE [--pack DIR]
 * (a session file is checked against the image size of --pack, or of models/packs/<its pack> when that exists).
 */
import { existsSync, readFileSync } from 'node:fs';
import { validateDialogues, validateScenes, type ValidationResult } from '../src/domain/dialogue-file.ts';
import { DOMAINS, domainNamed } from '../src/domains/index.ts';
import { validateCosal } from '../src/domains/cosal-v1/validate.ts';
import { checkSessionFile } from '../src/store/session-file.ts';
import { fail, parseCli } from './lib/cli.ts';
import { anySceneProblem } from './lib/domains.ts';

const values = parseCli({
  usage: 'validate --scene FILE | --dialogues FILE.jsonl | --cosal FILE.jsonl | --session FILE [--pack DIR]',
  options: { scene: { type: 'string' }, dialogues: { type: 'string' }, cosal: { type: 'string' }, session: { type: 'string' }, pack: { type: 'string' } },
});

/** One session file as a ValidationResult: the checker stops at the first problem, which it names. */
function validateSession(text: string): ValidationResult<unknown> {
  const named = /"pack"\s*:\s*"([\w.-]{1,64})"/.exec(text.slice(0, 4096))?.[1];
  const dir = values.pack ?? (named && existsSync(`models/packs/${named}/manifest.json`) ? `models/packs/${named}` : undefined);
  const manifest = dir ? (JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as { image_size?: number; domain?: string }) : {};
  // The pack's domain, else the one the file's scenes name.
  const name = manifest.domain ?? /"domain"\s*:\s*"([\w.-]{1,64})"/.exec(text)?.[1];
  const domain = name ? domainNamed(name) : DOMAINS[0];
  try {
    if (!domain?.dialogue) throw new Error(`session files of domain "${name}" cannot be checked: Parley holds no conversations in it`);
    return { records: [checkSessionFile(text, { domain, imageSize: manifest.image_size })], issues: [] };
  } catch (e) {
    return { records: [], issues: [{ line: 1, reason: (e as Error).message }] };
  }
}
const jobs: [string, string, (t: string) => ValidationResult<unknown>][] = [];
if (values.scene) jobs.push(['scene', values.scene, (t) => validateScenes(t, anySceneProblem)]);
if (values.dialogues) jobs.push(['dialogues', values.dialogues, (t) => validateDialogues(t, anySceneProblem)]);
if (values.cosal) jobs.push(['cosal', values.cosal, validateCosal]);
if (values.session) jobs.push(['session', values.session, validateSession]);
if (jobs.length === 0) fail('nothing to validate: give --scene, --dialogues, --cosal or --session (see --help)');
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
