import { describe, expect, it } from 'vitest';
import { failureKind, isWrongEdit, type TurnFacts } from '../../../scripts/lib/failure-kinds.ts';
import { emptyScene, type Scene } from '../../../src/domains/shapes-v1/scene.ts';

const star = { shape: 'star', color: 'red', size: 'medium', texture: 'solid' } as const;
const scene = (...cells: [number, object][]): Scene => {
  const s = emptyScene();
  for (const [c, o] of cells) s.cells[c] = o as Scene['cells'][number];
  return s;
};
const base = scene([4, star]);
const blue = scene([4, { ...star, color: 'blue' }]);
const green = scene([4, { ...star, color: 'green' }]);
const facts = (over: Partial<TurnFacts>): TurnFacts => ({
  kind: 'edit', asked: false, clarifyExpected: false, success: false, before: base, intended: blue, expectedBefore: base, expected: blue, ...over,
});

describe('failure kinds of npm run eval', () => {
  it('tells each failure apart', () => {
    expect(failureKind(facts({ success: true }))).toBeNull();
    expect(failureKind(facts({}))).toBe('model_drew_wrong');
    expect(failureKind(facts({ intended: green }))).toBe('wrong_edit');
    expect(isWrongEdit(facts({ intended: green }))).toBe(true);
    expect(failureKind(facts({ kind: 'confirm', asked: true, intended: base }))).toBe('asked_unneeded');
    expect(failureKind(facts({ clarifyExpected: true, expected: base }))).toBe('did_not_ask');
    expect(isWrongEdit(facts({ clarifyExpected: true, expected: base }))).toBe(true);
    expect(failureKind(facts({ kind: 'unknown', intended: base }))).toBe('not_understood');
    expect(failureKind(facts({ kind: 'question', intended: base }))).toBe('unchanged');
  });

  it('counts a right change on a picture an earlier turn left wrong as inherited, not as the model', () => {
    const wrongBefore = scene([4, star], [0, star]);
    const after = scene([4, { ...star, color: 'blue' }], [0, star]);
    expect(failureKind(facts({ before: wrongBefore, intended: after }))).toBe('inherited');
    expect(isWrongEdit(facts({ before: wrongBefore, intended: after }))).toBe(false);
  });
});
