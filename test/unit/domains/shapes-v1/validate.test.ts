import { describe, expect, it } from 'vitest';
import { generateCosal } from '../../../../scripts/data/cosal-v1/generate.ts';
import { Rng } from '../../../../src/domain/rng.ts';
import { emptyScene, sceneToJson } from '../../../../src/domains/shapes-v1/scene.ts';
import { validateCosal } from '../../../../src/domains/cosal-v1/validate.ts';
import { validateDialogues, validateScenes } from '../../../../src/domains/shapes-v1/validate.ts';

const scene = () => {
  const s = emptyScene();
  s.cells[1] = { shape: 'circle', color: 'red', size: 'medium', texture: 'solid' };
  return sceneToJson(s);
};
const dialogue = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'd1', scene: scene(), turns: [{ user: 'make the square bigger', expect: { clarify: true } }, { user: 'the left one', expect: scene() }], ...over });

describe('validateScenes', () => {
  it('accepts a scene file and a JSONL of scenes', () => {
    expect(validateScenes(JSON.stringify(scene(), null, 2)).issues).toEqual([]);
    expect(validateScenes(`${JSON.stringify(scene())}\n${JSON.stringify(scene())}\n`).records).toHaveLength(2);
  });

  it.each([
    [{ ...scene(), domain: 'shapes-v2' }, 'scene.domain must be "shapes-v1"'],
    [{ ...scene(), cells: [null] }, 'scene.cells must be an array of 9 entries'],
    [{ ...scene(), cells: [...scene().cells.slice(0, 8), { shape: 'blob', color: 'red', size: 'small', texture: 'solid' }] }, 'scene.cells[8].shape must be one of'],
    [{ ...scene(), cells: [...scene().cells.slice(0, 8), { shape: 'star', color: 'red', size: 'huge', texture: 'solid' }] }, 'scene.cells[8].size must be one of'],
    [{ ...scene(), cells: [...scene().cells.slice(0, 8), { shape: 'star', color: 'red', size: 'small' }] }, 'scene.cells[8].texture must be one of'],
    [{ ...scene(), extra: 1 }, 'scene has unknown key "extra"'],
  ])('rejects %j', (bad, reason) => {
    const r = validateScenes(`${JSON.stringify(scene())}\n${JSON.stringify(bad)}`);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.line).toBe(2);
    expect(r.issues[0]!.reason).toContain(reason);
  });
});

describe('validateDialogues', () => {
  it('names the line and the reason of each malformed dialogue', () => {
    const lines = [
      dialogue(),
      '{"id": "d2", "scene": ',
      dialogue({ id: 'd3', turns: [] }),
      dialogue({ id: 'd4', turns: [{ user: 'x', expect: { clarify: false } }] }),
      '',
      dialogue({ id: 'd1' }),
      dialogue({ id: 'd6', turns: [{ user: '  ', expect: scene() }] }),
      dialogue({ id: 'd7', turns: [{ user: 'hi', expect: { ...scene(), cells: [] } }] }),
    ];
    const { records, issues } = validateDialogues(lines.join('\n'));
    expect(records).toHaveLength(1);
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(issues[0]!.reason).toMatch(/^invalid JSON/);
    expect(issues[1]!.reason).toBe('turns must be a non-empty array');
    expect(issues[2]!.reason).toBe('turns[0].expect must be exactly {"clarify": true}');
    expect(issues[3]!.reason).toBe('duplicate id "d1" (first on line 1)');
    expect(issues[4]!.reason).toBe('turns[0].user must be a non-empty string');
    expect(issues[5]!.reason).toBe('turns[0].expect.cells must be an array of 9 entries');
  });

  it('rejects an empty file', () => {
    expect(validateDialogues('\n').issues).toEqual([{ line: 1, reason: 'the file holds no records' }]);
  });
});

describe('validateCosal', () => {
  const good = generateCosal(new Rng(1), 'c1', 4);
  const with_ = (over: object) => JSON.stringify({ ...good, ...over });
  it('accepts generated records and rejects broken ones with the reason', () => {
    const s = good.sentences;
    const swapped = [...good.cells];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    const lines = [
      JSON.stringify(good),
      with_({ id: 'a', cells: good.cells.slice(0, 8) }),
      with_({ id: 'b', cells: [{ shape: 'circle', color: 'pink' }, ...good.cells.slice(1)] }),
      with_({ id: 'c', cells: [...good.cells.slice(0, 8), good.cells[0]] }),
      with_({ id: 'd', sentences: [...s.slice(0, 8), 'the sky is blue'] }),
      with_({ id: 'e', cells: swapped.map((c, i) => (i < 2 ? { ...c, color: c.color === 'red' ? 'blue' : 'red' } : c)) }),
      with_({ id: 'f', sentences: [s[8], ...s.slice(0, 8)] }),
    ];
    const { issues } = validateCosal(lines.join('\n'));
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(issues[0]!.reason).toBe('cells must be an array of 9 entries');
    expect(issues[1]!.reason).toContain('cells[0].color must be one of blue, light green');
    expect(issues[2]!.reason).toContain('is missing');
    expect(issues[3]!.reason).toContain('sentences[8] is neither');
    expect(issues[4]!.reason).toMatch(/contradicts cells|before its color is determined|second time/);
    expect(issues[5]!.reason).toMatch(/before its color is determined|second time/);
  });
});
