/**
 * Evaluates the whole system headless (dialogue layer + model), turn by turn, each turn on its own previous output.
 * Usage: npm run eval -- --dialogues FILE.jsonl --out DIR [--pack DIR] [--limit N] [--repair-rounds N] [--model-moves] [--model-only]
 *        [--teacher-forced]
 * The conversation runs as in the app (touch-up rounds, steps confined to their cells, moves and swaps by copying
 * pixels); --model-only measures the model's own output instead (no touch-up, no confinement, every edit by the
 * model); --model-moves leaves moves and swaps to the model; --repair-rounds N sets the touch-up rounds.
 * --teacher-forced starts every turn from the expected previous scene (its render), so one miss does not hide the
 * turns after it. Each failed turn gets one failure kind (scripts/lib/failure-kinds.ts).
 * Writes DIR/<id>/<turn>.png, DIR/<id>/<turn>.expected.png and DIR/report.json (spec/shapes-v1.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Conversation, memoryNodes } from '../src/conversation/conversation.ts';
import { inkError, judgePicture } from '../src/domains/shapes-v1/pixel-judge.ts';
import type { Scene } from '../src/domains/shapes-v1/scene.ts';
import { validateDialogues } from '../src/domain/dialogue-file.ts';
import { fail, packDir, parseCli, readInput, writePng } from './lib/cli.ts';
import { packDomain } from './lib/domains.ts';
import { nodeEngine } from './lib/node-engine.ts';
import { ASKING } from '../src/dialogue/evaluate.ts';
import { failureKind, isWrongEdit } from './lib/failure-kinds.ts';
import { aggregate, changedCells, judgesDisagree, scoreCells, scoreImage, type TurnScore } from './lib/turn-score.ts';

const values = parseCli({ usage: 'eval --dialogues FILE.jsonl --out DIR [--pack DIR] [--limit N] [--repair-rounds N] [--model-moves] [--model-only] [--teacher-forced]',
  options: { dialogues: { type: 'string' }, out: { type: 'string' }, pack: { type: 'string' }, limit: { type: 'string' },
    'repair-rounds': { type: 'string' }, 'model-only': { type: 'boolean', default: false },
    'model-moves': { type: 'boolean', default: false }, 'teacher-forced': { type: 'boolean', default: false } },
});
if (!values.out) fail('missing --out DIR');
const text = readInput(values.dialogues, '--dialogues file').toString('utf8');
const pack = packDir('shapes-v1', values.pack);
const domain = packDomain(pack);
const { records, issues } = validateDialogues(text, domain.sceneProblem);
if (issues.length > 0) {
  for (const i of issues.slice(0, 20)) console.error(`${values.dialogues}:${i.line}: ${i.reason}`);
  fail(`${issues.length} malformed line(s) in ${values.dialogues}; nothing was evaluated`);
}
const dialogues = records.slice(0, values.limit ? Number(values.limit) : undefined);
const repairRounds = values['model-only'] ? 0 : values['repair-rounds'] === undefined ? undefined : Number(values['repair-rounds']);
if (repairRounds !== undefined && !(Number.isInteger(repairRounds) && repairRounds >= 0)) {
  fail(`--repair-rounds must be a whole number >= 0, got "${values['repair-rounds']}"`);
}
const options = { repairRounds, confine: !values['model-only'], transplant: !values['model-only'] && !values['model-moves'] };
const mode = { teacherForced: values['teacher-forced'] };
const engine = await nodeEngine(pack);
const size = (await engine.info()).imageSize!;
if (size !== domain.imageSize) fail(`the pack edits ${size}x${size} images; ${domain.name} dialogues need ${domain.imageSize}x${domain.imageSize}`);
const turns: TurnScore[] = [];
const started = performance.now();
for (const d of dialogues) {
  const dir = join(values.out, d.id);
  mkdirSync(dir, { recursive: true });
  let expected = d.scene as Scene;
  let expectedImage = domain.renderRgba(expected);
  const conversation = await Conversation.start(domain, engine, memoryNodes(), expectedImage, size, options);
  let previous = expectedImage;
  // The conversation is generic; this evaluation and its judges are shapes-v1's (packDir('shapes-v1') above).
  let seen = (await conversation.dataOf(conversation.dialogue.current.id)).recognition.scene as Scene;
  for (const [n, turn] of d.turns.entries()) {
    if (values['teacher-forced'] && n > 0) {
      await conversation.force(expected, expectedImage, 'clarify' in d.turns[n - 1]!.expect);
      [previous, seen] = [expectedImage, expected];
    }
    const result = await conversation.say(turn.user);
    const clarifyExpected = 'clarify' in turn.expect;
    const before = expected;
    if (!clarifyExpected) expected = turn.expect as Scene;
    expectedImage = domain.renderRgba(expected);
    const shown = result.shown.image;
    writePng(join(dir, `${n}.png`), shown, size);
    writePng(join(dir, `${n}.expected.png`), expectedImage, size);
    const clarifyAsked = ASKING.has(result.dialogue.kind);
    const cells = scoreCells(result.shown.recognition.scene as Scene, expected);
    const pixelProblems = clarifyExpected ? [] : judgePicture(shown, expectedImage);
    const recognizerSuccess = clarifyExpected ? clarifyAsked : !clarifyAsked && cells.cellAccuracy === 1;
    const pixelSuccess = clarifyExpected ? clarifyAsked : !clarifyAsked && pixelProblems.length === 0;
    const success = recognizerSuccess && pixelSuccess;
    const ink = [...changedCells(before, expected)].flatMap((c) => {
      const o = expected.cells[c];
      const error = o ? inkError(shown, expectedImage, c, o.color) : null;
      return o && error !== null ? [{ texture: o.texture, color: o.color, error }] : [];
    });
    const facts = { kind: result.dialogue.kind, asked: clarifyAsked, clarifyExpected, success, before: seen, intended: result.dialogue.scene as Scene, expectedBefore: before, expected };
    turns.push({
      id: d.id, turn: n, user: turn.user, kind: result.dialogue.kind, reply: result.dialogue.reply, clarifyExpected, clarifyAsked,
      success, recognizerSuccess, pixelSuccess, pixelProblems, ink, failure: failureKind(facts), wrongEdit: isWrongEdit(facts), confidence: result.dialogue.confidence,
      ...cells, ...scoreImage(shown, expectedImage, previous, changedCells(before, expected), size),
      repaired: result.repaired.length,
      modelMs: result.results.reduce((s, r) => s + (r.timings.total ?? 0), 0),
    });
    previous = shown;
    seen = result.shown.recognition.scene as Scene;
  }
}
const report = {
  pack: (await engine.info()).pack,
  dialogues: dialogues.length,
  options,
  mode,
  seconds: Math.round((performance.now() - started) / 100) / 10,
  aggregate: aggregate(turns),
  /** Where the recognizer and the pixel judge disagree, with what each saw. */
  disagreements: judgesDisagree(turns).map(({ id, turn, user, recognizerSuccess, misread, pixelProblems }) => ({ id, turn, user, recognizerSuccess, misread, pixelProblems })),
  turns,
};
writeFileSync(join(values.out, 'report.json'), `${JSON.stringify(report, null, 1)}\n`);
console.log(JSON.stringify({ dialogues: report.dialogues, seconds: report.seconds, ...report.aggregate }, null, 1));
await engine.dispose();
