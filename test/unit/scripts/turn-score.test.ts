/** npm run eval's aggregate: turn success with and without the failures a dialogue inherits from earlier turns. */
import { describe, expect, it } from 'vitest';
import { aggregate, cellAccuracyByEditTurn, cleanHistoryTurns, judgesDisagree, scoreCells, type TurnScore } from '../../../scripts/lib/turn-score.ts';
import type { Scene } from '../../../src/domains/shapes-v1/scene.ts';

const turn = (id: string, n: number, success: boolean, repaired = 0): TurnScore => ({
  id, turn: n, user: 'u', kind: 'edit', reply: '', clarifyExpected: false, clarifyAsked: false, success,
  recognizerSuccess: success, pixelSuccess: success, pixelProblems: [], ink: [],
  failure: success ? null : 'model_drew_wrong', wrongEdit: false,
  psnr: 30, ssim: 0.9, cellAccuracy: success ? 1 : 8 / 9, misread: [], attributes: { shape: 1, color: 1, size: 1, texture: 1 },
  outsideChanged: 0, repaired, modelMs: 10 * (n + 1),
});

describe('turn scores', () => {
  // Dialogue a fails at its second turn; b never fails; c fails first. Listed out of order on purpose.
  const turns = [turn('b', 1, true), turn('a', 2, true), turn('a', 0, true), turn('c', 0, false, 2), turn('a', 1, false), turn('b', 0, true), turn('c', 1, true)];

  it('keeps the turns up to and including each dialogue first failure', () => {
    expect(cleanHistoryTurns(turns).map((t) => `${t.id}${t.turn}`)).toEqual(['a0', 'a1', 'b0', 'b1', 'c0']);
  });

  it('reports overall and clean-history success, touched-up turns and latency', () => {
    const a = aggregate(turns);
    expect(a.turns).toBe(7);
    expect(a.turn_success_pct).toBe(71.43);
    expect(a.clean_history_turns).toBe(5);
    expect(a.clean_history_turn_success_pct).toBe(60);
    expect(a.touched_up_turns_pct).toBe(14.29);
    expect(a.model_ms_p50).toBe(20);
    expect(a.model_ms_p95).toBe(30);
  });

  it('counts a turn only when the recognizer and the pixel judge both pass it, and reports each and their disagreements', () => {
    const washed = { ...turn('e', 0, false), recognizerSuccess: true, pixelSuccess: false, pixelProblems: ['4: ink reads pink, expected red'] };
    const a = aggregate([turn('e', 1, true), washed]);
    expect([a.turn_success_pct, a.recognizer_turn_success_pct, a.pixel_judge_turn_success_pct, a.judges_disagree_pct]).toEqual([50, 100, 50, 50]);
    expect(judgesDisagree([washed, turn('e', 1, true)]).map((t) => t.turn)).toEqual([0]);
  });

  it('reports the ink colour error per texture and colour', () => {
    const drew = (ink: TurnScore['ink']) => ({ ...turn('f', 0, true), ink });
    const a = aggregate([drew([{ texture: 'dotted', color: 'red', error: 30 }, { texture: 'solid', color: 'red', error: 4 }]), drew([{ texture: 'dotted', color: 'blue', error: 10 }])]);
    expect(a.ink_error_rgb).toEqual({
      dotted: { objects: 2, mean: 20, by_color: { blue: 10, red: 30 } },
      solid: { objects: 1, mean: 4, by_color: { red: 4 } },
    });
  });

  it('reports cell accuracy by how many edits a dialogue has made, clarifications not counted', () => {
    const ask = { ...turn('c', 2, true), clarifyExpected: true, clarifyAsked: true, cellAccuracy: 0 };
    const long = [0, 1, 2, 3, 4].map((n) => ({ ...turn('d', n, true), cellAccuracy: 1 - n / 9 }));
    const by = cellAccuracyByEditTurn([...turns, ask, ...long]);
    expect(Object.keys(by)).toEqual(['1', '2', '3', '4+']);
    expect(by['1']).toEqual({ turns: 4, pct: 97.22 });     // a0 b0 c0 d0: 1, 1, 8/9, 1
    expect(by['2']).toEqual({ turns: 4, pct: 94.44 });     // a1 b1 c1 d1: 8/9, 1, 1, 8/9; c's clarification is skipped
    expect(by['3']).toEqual({ turns: 2, pct: 88.89 });     // a2 d2: 1, 7/9
    expect(by['4+']).toEqual({ turns: 2, pct: 61.11 });    // d3 d4: 6/9, 5/9
  });

  it('lists the cells read differently, with what was expected and what was read', () => {
    const star = { shape: 'star', color: 'gray', size: 'large', texture: 'dotted' } as const;
    const expected: Scene = { domain: 'shapes-v1', cells: [star, null, null, null, { ...star, color: 'red' }, null, null, null, null] };
    const read: Scene = { domain: 'shapes-v1', cells: [{ ...star, color: 'green' }, star, null, null, null, null, null, null, null] };
    const s = scoreCells(read, expected);
    expect(s.misread).toEqual(['0: star gray large dotted -> star green large dotted', '1: empty -> star gray large dotted',
      '4: star red large dotted -> empty']);
    expect(s.cellAccuracy).toBeCloseTo(6 / 9);
    expect(scoreCells(expected, expected).misread).toEqual([]);
  });
});
