/**
 * Shows how understanding read each turn of one dialogue: the tagger's clauses (operation, certainty, tagged
 * phrases) and the dialogue layer's reply, replayed as eval:dialogue replays it (the expected scene after
 * every turn). A developer's lens on a failing turn; it decides nothing.
 * Usage: npx tsx scripts/understanding/explain.ts --dialogues FILE.jsonl --id ID [--pack DIR]
 */
import { readFileSync } from 'node:fs';
import { dialogueOf } from '../../src/dialogue/index.ts';
import { DialogueManager } from '../../src/dialogue/manager.ts';
import { validateDialogues } from '../../src/domain/dialogue-file.ts';
import { cloneScene, scenesEqual, type Scene } from '../../src/domain/scene.ts';
import type { Reading } from '../../src/understanding/reading.ts';
import { anySceneProblem, domainOfScenes } from '../lib/domains.ts';
import { fail, parseCli } from '../lib/cli.ts';
import { nodeUnderstander } from '../lib/node-understander.ts';

const values = parseCli({
  usage: 'explain --dialogues FILE.jsonl --id ID [--pack DIR]',
  options: { dialogues: { type: 'string' }, id: { type: 'string' }, pack: { type: 'string', default: 'models/packs/shapes-v1' } },
  required: ['dialogues', 'id'],
});
const { records, issues } = validateDialogues(readFileSync(values.dialogues, 'utf8'), anySceneProblem);
if (issues.length > 0) fail(`${values.dialogues}: ${issues.length} malformed line(s), first at line ${issues[0]!.line}: ${issues[0]!.reason}`, 1);
const d = records.find((r) => r.id === values.id) ?? fail(`no dialogue "${values.id}" in ${values.dialogues}`, 1);
const domain = domainOfScenes([d.scene]);
const { understander, dispose } = await nodeUnderstander(values.pack, domain);

/** One line per clause: op (certainty), then each phrase as ROLE[words]. */
function describe(r: Reading): string {
  return r.clauses.map((c) => {
    const spans = c.spans.map((s) => `${s.role}[${s.words.join(' ')}]`).join(' ');
    return `    ${c.op} ${c.opProb.toFixed(2)} (alt ${c.alt.op} ${c.alt.prob.toFixed(2)}) "${c.words.join(' ')}" ${spans}`;
  }).join('\n');
}

let scene: Scene = cloneScene(d.scene);
const manager = new DialogueManager(scene, understander.lexicon, dialogueOf(domain));
for (const [i, t] of d.turns.entries()) {
  const context = manager.context;
  const reading = await understander.read(t.user, context);
  const r = manager.turn(reading, scene);
  const expectClarify = 'clarify' in t.expect;
  const ok = expectClarify ? r.kind === 'clarify' || r.kind === 'confirm' : r.kind !== 'clarify' && r.kind !== 'confirm' && scenesEqual(r.scene, t.expect as Scene);
  console.log(`#${i} [${context}] ${JSON.stringify(t.user)}  ${ok ? 'ok' : 'FAIL'}${expectClarify ? ' (expects a question)' : ''}`);
  console.log(describe(reading));
  console.log(`    -> ${r.kind}: ${r.reply}`);
  if (!expectClarify) {
    scene = cloneScene(t.expect as Scene);
    if (r.kind !== 'confirm') manager.forceScene(scene);
  }
}
await dispose();
