import { describe, expect, it } from 'vitest';
import { judgeReading } from '../../../../src/domains/shapes-v1/judge-reading.ts';
import { renderSceneRgba } from '../../../../src/domains/shapes-v1/raster.ts';
import { cloneScene, emptyScene, type Scene } from '../../../../src/domains/shapes-v1/scene.ts';

function scene(): Scene {
  const s = emptyScene();
  s.cells[4] = { shape: 'star', color: 'red', size: 'large', texture: 'dotted' };
  s.cells[0] = { shape: 'circle', color: 'blue', size: 'medium', texture: 'solid' };
  return s;
}

describe('the touch-up view of a picture (recognizer plus pixel judge)', () => {
  it('shows the colour the ink has where the recognizer reads the cell right but the dots came out pink', () => {
    const expected = scene();
    const washed = cloneScene(expected);
    washed.cells[4] = { ...washed.cells[4]!, color: 'pink' };
    const view = judgeReading(renderSceneRgba(washed), expected, expected);
    expect(view.cells[4]!.color).toBe('pink');
    expect(view.cells[0]).toEqual(expected.cells[0]);
  });

  it('keeps the reading where the pixels pass, where the recognizer already disagrees, and at another size', () => {
    const expected = scene();
    expect(judgeReading(renderSceneRgba(expected), expected, expected)).toEqual(expected);
    const washed = cloneScene(expected);
    washed.cells[4] = { ...washed.cells[4]!, color: 'pink' };
    const seen = cloneScene(expected);
    seen.cells[4] = { ...seen.cells[4]!, size: 'small' };
    expect(judgeReading(renderSceneRgba(washed), expected, seen)).toEqual(seen);
    expect(judgeReading(new Uint8ClampedArray(32 * 32 * 4), expected, expected)).toEqual(expected);
  });
});
