import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDialogues } from '../../../src/domains/shapes-v1/validate.ts';

const DIR = 'test/corpus/understanding';
// The test split was frozen before the understanding code changed (README there); it must never change.
const TEST_SHA256 = 'a3afde2a12d598b37a5f3b490963f523e0697090d2b837eb351d3577c830a874';

describe('blind-written understanding corpus', () => {
  it('keeps the frozen test split byte for byte', () => {
    const bytes = readFileSync(`${DIR}/test.jsonl`);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(TEST_SHA256);
  });

  it.each(['test', 'dev'])('%s split is valid spec/shapes-v1 dialogue JSONL with at least 1100 turns', (split) => {
    const { records, issues } = validateDialogues(readFileSync(`${DIR}/${split}.jsonl`, 'utf8'));
    expect(issues).toEqual([]);
    expect(records.reduce((n, d) => n + d.turns.length, 0)).toBeGreaterThanOrEqual(1100);
  });

  it('splits by writer: no writer appears in both', () => {
    const writers = (split: string) => new Set(readFileSync(`${DIR}/${split}.jsonl`, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id.split('-')[0]));
    const test = writers('test');
    expect([...writers('dev')].filter((w) => test.has(w))).toEqual([]);
  });
});
