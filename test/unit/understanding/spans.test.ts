import { describe, expect, it } from 'vitest';
import { SHAPES_LANGUAGE } from '../../../src/domains/shapes-v1/language.ts';
import type { Scene } from '../../../src/domains/shapes-v1/scene.ts';
import { Lexicon } from '../../../src/understanding/lexicon.ts';
import { matchRef, resolveRef } from '../../../src/understanding/match.ts';
import { readDest, readRef, readValues } from '../../../src/understanding/spans.ts';

const lex = new Lexicon(SHAPES_LANGUAGE);
const o = (shape: string, color: string, size = 'medium', texture = 'solid') => ({ shape, color, size, texture });
// top row: red circle, blue circle, (empty); middle: green square, red star, (empty); bottom: pink circle, -, large gray heart
const scene = { domain: 'shapes-v1', cells: [o('circle', 'red'), o('circle', 'blue', 'small', 'striped'), null, o('square', 'green'),
  o('star', 'red'), null, o('circle', 'pink'), null, o('heart', 'gray', 'large', 'dotted')] } as Scene;
const w = (s: string) => s.split(' ');
const cells = (phrase: string, referent: number[] | null = null) => matchRef(scene, readRef(w(phrase), lex), SHAPES_LANGUAGE, { referent });

describe('reading references', () => {
  it.each([
    ['the red circle', [0]], ['the ball in the top left', [0]], ['the leftmost circle', [0, 6]], ['the circles', [0, 1, 6]],
    ['the second circle', [1]], ['the second one in the top row', [1]], ['the one left of the star', [3]], ['the thing under the star', []],
    ['the star in the very middle', [4]], ['the biggest one', [8]], ['the polka dot heart', [8]], ['the grey thing', [8]],
    ['the stripy one', [1]], ['the crimson star', [4]], ['the top circle', [0, 1]], ['the bottom circle', [6]],
    ['the circle in the bottom left corner', [6]], ['all the circles except the red one', [1, 6]], ['the last circle', [6]],
  ])('%s -> %j', (phrase, want) => {
    expect(cells(phrase as string)).toEqual(want);
  });

  it('resolves "the other one" against the previous referent, and pronouns to it', () => {
    expect(cells('the other circle', [0])).toEqual([1, 6]);
    expect(resolveRef(scene, readRef(w('it'), lex), SHAPES_LANGUAGE, { referent: [4] })).toEqual({ status: 'ok', cells: [4] });
  });

  it('checks number: one, both, a count', () => {
    expect(resolveRef(scene, readRef(w('the circle'), lex), SHAPES_LANGUAGE, { referent: null }).status).toBe('ambiguous');
    expect(resolveRef(scene, readRef(w('both red ones'), lex), SHAPES_LANGUAGE, { referent: null })).toEqual({ status: 'ok', cells: [0, 4] });
    expect(resolveRef(scene, readRef(w('the two circles'), lex), SHAPES_LANGUAGE, { referent: null }).status).toBe('ambiguous');
    expect(resolveRef(scene, readRef(w('the purple star'), lex), SHAPES_LANGUAGE, { referent: null }).status).toBe('none');
  });

  it('keeps words it cannot place', () => {
    expect(readRef(w('the wobbly star'), lex).unknown).toEqual(['wobbly']);
  });
});

describe('reading values and destinations', () => {
  it('reads values with synonyms, shades and steps', () => {
    expect(readValues(w('bright crimson'), lex).values).toEqual([{ kind: 'set', attr: 'color', value: 'red' }]);
    expect(readValues(w('a bit bigger'), lex).values).toEqual([{ kind: 'step', attr: 'size', dir: 1 }]);
    expect(readValues(w('with polka dots'), lex).values).toEqual([{ kind: 'set', attr: 'texture', value: 'dotted' }]);
    expect(readValues(w('a heart'), lex).values).toEqual([{ kind: 'set', attr: 'shape', value: 'heart' }]);
    expect(readValues(w('brown'), lex).values[0]).toMatchObject({ kind: 'unavailable', attr: 'color' });
    expect(readValues(w('the biggest'), lex).values).toEqual([{ kind: 'set', attr: 'size', value: 'large' }]);
  });

  it('reads places, relations and steps as destinations', () => {
    expect(readDest(w('to the top right corner'), lex).dest).toEqual({ kind: 'place', place: { cells: [2] } });
    expect(readDest(w('to the top'), lex).dest).toEqual({ kind: 'place', place: { cells: [1] } });
    expect(readDest(w('into the middle'), lex).dest).toEqual({ kind: 'place', place: { cells: [4] } });
    expect(readDest(w('one cell up'), lex).dest).toEqual({ kind: 'step', dir: 'up', count: 1 });
    expect(readDest(w('two spaces left'), lex).dest).toEqual({ kind: 'step', dir: 'left', count: 2 });
    expect(readDest(w('next to the heart'), lex).dest).toMatchObject({ kind: 'rel', dir: 'next' });
    expect(readDest(w('in the empty corner'), lex).dest).toEqual({ kind: 'place', place: { cells: [0, 2, 6, 8] }, empty: true });
  });
});
