/** The note that tells the user a model result differs from what was asked. */
import { describe, expect, it } from 'vitest';
import { shortfallNote } from '../../../../../src/domains/shapes-v1/dialogue/replies.ts';
import { cloneScene, emptyScene, type Scene } from '../../../../../src/domains/shapes-v1/scene.ts';

const scene = (): Scene => {
  const s = emptyScene();
  s.cells[0] = { shape: 'star', color: 'red', size: 'large', texture: 'striped' };
  s.cells[4] = { shape: 'heart', color: 'green', size: 'small', texture: 'solid' };
  return s;
};

describe('shortfallNote', () => {
  it('is empty when the reading matches', () => {
    expect(shortfallNote(scene(), scene())).toBe('');
  });

  it('names what is seen in each differing cell, and empties', () => {
    const seen = cloneScene(scene());
    seen.cells[0] = { ...seen.cells[0]!, color: 'orange' };
    seen.cells[4] = null;
    expect(shortfallNote(scene(), seen)).toBe(
      'It may not have come out right: the top left shows a large orange striped star and the middle looks empty. ' +
        'Say "undo" or try other words.',
    );
  });

  it('mentions a shape that should have gone, and counts what it does not list', () => {
    const expected = emptyScene();
    const seen = scene();
    seen.cells[8] = { shape: 'circle', color: 'blue', size: 'medium', texture: 'dotted' };
    const note = shortfallNote(expected, seen);
    expect(note).toMatch(/^It may not have come out right: the top left shows a large red striped star, the middle shows a small green heart and 1 more spot differs\./);
  });
});
