/**
 * Chooses the confirmation threshold on DEV data (never on the frozen test split): replays dialogues with
 * confirmations off, then, for each threshold, counts what confirming below it would do: edits that were
 * right but would be asked about, and wrong edits it would catch.
 * Usage: tsx scripts/understanding/calibrate.ts --dialogues test/corpus/understanding/dev.jsonl [--pack DIR]
 */
import { readFileSync } from 'node:fs';
import { evaluateDialogues } from '../../src/dialogue/evaluate.ts';
import { dialogueOf } from '../../src/dialogue/index.ts';
import { validateDialogues } from '../../src/domain/dialogue-file.ts';
import { anySceneProblem, domainOfScenes } from '../lib/domains.ts';
import { nodeUnderstander } from '../lib/node-understander.ts';
import { fail, parseCli } from '../lib/cli.ts';

const values = parseCli({ usage: 'calibrate --dialogues FILE.jsonl [--dialogues ...] [--pack DIR]', options: { dialogues: { type: 'string', multiple: true }, pack: { type: 'string', default: 'models/packs/shapes-v1' } } });
if (!values.dialogues?.length) fail('missing --dialogues FILE');
if (values.dialogues.some((f) => f.includes('understanding/test'))) fail('calibrate on dev data only: the test split is frozen');
const records = values.dialogues.flatMap((f) => validateDialogues(readFileSync(f, 'utf8'), anySceneProblem).records);
const domain = domainOfScenes(records.map((r) => r.scene));
const { understander, dispose } = await nodeUnderstander(values.pack, domain);
const report = await evaluateDialogues(records, understander, dialogueOf(domain), 0);
await dispose();
const edits = report.outcomes.filter((o) => (o.kind === 'edit' || o.kind === 'answer') && o.confidence !== undefined);
const n = report.outcomes.length;
console.log(`${records.length} dialogues, ${n} turns; edit turns with a confidence: ${edits.length}; success without confirming ${(100 * report.turnSuccess).toFixed(1)}%`);
// A needless question costs the user one "yes"; a wrong edit costs an undo and the request again.
const WRONG_COST = 2;
console.log(`threshold  right-but-asked  wrong-caught  wrong-left  user cost (a wrong edit counts ${WRONG_COST}; as % of all turns)`);
let best = { t: 0, cost: Infinity };
for (const t of [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
  const asked = edits.filter((o) => o.confidence! < t);
  const rightAsked = asked.filter((o) => o.ok).length;
  const wrongCaught = asked.filter((o) => !o.ok).length;
  const wrongLeft = edits.filter((o) => o.confidence! >= t && !o.ok).length;
  const pct = (x: number) => `${((100 * x) / n).toFixed(2)}%`.padStart(8);
  const cost = rightAsked + WRONG_COST * wrongLeft;
  if (cost < best.cost) best = { t, cost };
  console.log(`${t.toFixed(1).padStart(9)}  ${pct(rightAsked).padStart(15)}  ${pct(wrongCaught).padStart(12)}  ${pct(wrongLeft).padStart(10)}  ${pct(cost).padStart(9)}`);
}
console.log(`lowest user cost at threshold ${best.t.toFixed(1)} (CONFIRM_BELOW in src/dialogue/confidence.ts)`);
