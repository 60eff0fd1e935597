import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHAPES_DIALOGUE } from '../../../src/domains/shapes-v1/dialogue/dialogue.ts';
import { evaluateDialogues, replayDialogue } from '../../../src/dialogue/evaluate.ts';
import { generateDialogue, } from '../../../scripts/data/shapes-v1/dialogue.ts';
import type { ScriptedDialogue as Dialogue } from '../../../src/domain/dialogue-file.ts';
import { hashString, Rng } from '../../../src/domain/rng.ts';
import { validateDialogues } from '../../../src/domains/shapes-v1/validate.ts';
import { packUnderstander } from '../understanding/pack-understander.ts';

const u = await packUnderstander();

// Same seeding as scripts/data/export-dialogues.ts, another seed than the one the report quotes.
function heldout(count: number, seed: number): Dialogue[] {
  return Array.from({ length: count }, (_, i) =>
    generateDialogue(new Rng(hashString(`dialogue:${seed}:heldout:${i}`)), `d${seed}-${i}`, 'heldout'));
}

describe('dialogue evaluation on generated held-out dialogues (perfect model)', () => {
  const dialogues = heldout(400, 11);

  // Floors just under what the committed pack's understanding measures (models/README, "Understanding people"):
  // a regression guard, not the targets, which `npm run eval` measures on the whole system.
  it('keeps its figures on the generator\'s held-out phrasings: clarification accuracy >= 93%, turn success >= 87%', async () => {
    const report = await evaluateDialogues(dialogues, u, SHAPES_DIALOGUE);
    expect(report.turns).toBeGreaterThan(1500);
    expect(report.clarifyTurns).toBeGreaterThan(200);
    expect(report.clarificationAccuracy, JSON.stringify(report.failures.slice(0, 5))).toBeGreaterThanOrEqual(0.93);
    expect(report.turnSuccess, JSON.stringify(report.failures.slice(0, 5))).toBeGreaterThanOrEqual(0.87);
  });

  it('keeps its figures on the blind-written dev split: clarification accuracy >= 91%, turn success >= 82%', async () => {
    const dev = validateDialogues(readFileSync('test/corpus/understanding/dev.jsonl', 'utf8')).records;
    const report = await evaluateDialogues(dev, u, SHAPES_DIALOGUE);
    expect(report.turns).toBe(1160);
    expect(report.clarificationAccuracy).toBeGreaterThanOrEqual(0.91);
    expect(report.turnSuccess).toBeGreaterThanOrEqual(0.82);
  });

  it('counts a wrong scene or a missed question as a failure (negative controls)', async () => {
    const ok = await Promise.all(dialogues.map(async (x) => (await replayDialogue(x, u, SHAPES_DIALOGUE)).every((o) => o.ok)));
    const d = dialogues.find((x, i) => ok[i] && x.turns.some((t) => 'clarify' in t.expect) && x.turns.some((t) => !('clarify' in t.expect)))!;
    expect((await replayDialogue(d, u, SHAPES_DIALOGUE)).every((o) => o.ok)).toBe(true);
    const wrongScene = structuredClone(d);
    const k = wrongScene.turns.findIndex((t) => !('clarify' in t.expect));
    const cells = (wrongScene.turns[k]!.expect as { cells: unknown[] }).cells;
    const at = cells.findIndex((c) => c !== null);
    cells[at] = null;
    const out = await replayDialogue(wrongScene, u, SHAPES_DIALOGUE);
    expect(out[k]!.ok).toBe(false);
    expect(out[k]!.asked).toBe(false);
    const noQuestion = structuredClone(d);
    const q = noQuestion.turns.findIndex((t) => 'clarify' in t.expect);
    noQuestion.turns[q]!.expect = structuredClone(d.scene);
    const report = await evaluateDialogues([noQuestion], u, SHAPES_DIALOGUE);
    expect(report.clarificationAccuracy).toBeLessThan(1);
    expect(report.failures.map((f) => f.turn)).toContain(q);
  });
});
