import { describe, expect, it } from 'vitest';
import { englishWords } from '../../../src/understanding/english-words.ts';
import { SpellingCorrector, editDistance } from '../../../src/understanding/spelling.ts';
import { normalize, tokenize, MAX_TURN_CHARS } from '../../../src/understanding/text.ts';

const words = ['circle', 'square', 'triangle', 'diamond', 'hexagon', 'purple', 'yellow', 'red', 'the', 'bigger', 'middle', 'make', 'it'];
const c = new SpellingCorrector(words);

describe('spelling correction', () => {
  it.each([['traingle', 'triangle'], ['hexgon', 'hexagon'], ['diamnod', 'diamond'], ['midle', 'middle'], ['sqaure', 'square'],
    ['purpel', 'purple'], ['teh', 'the'], ['biger', 'bigger']])('reads %s as %s', (typed, read) => {
    expect(c.correct(typed)).toBe(read);
  });

  it('leaves short, known, numeric and far words alone', () => {
    for (const w of ['bed', 'red', 'x1', 'banana', 'reed']) expect(c.correct(w)).toBeNull();
  });

  it('leaves English words alone: a word the vocabulary lacks is not a typo of one it has', () => {
    const vocab = ['over', 'cross', 'yellow', 'bring', 'circle', 'in', 'the', 'spots', 'it'];
    const plain = new SpellingCorrector(vocab);
    const english = new SpellingCorrector(vocab, new Set(), englishWords());
    for (const [w, was] of [['cover', 'over'], ['across', 'cross'], ['fellow', 'yellow'], ['being', 'bring']]) {
      expect(plain.correct(w!), w).toBe(was);
      expect(english.correct(w!), w).toBeNull();
    }
    expect(english.correct('yelow')).toBe('yellow');
    expect(normalize('cover the circle in spots', english).words).toEqual(['cover', 'the', 'circle', 'in', 'spots']);
  });

  it('knows English words with their inflections, and not typos', () => {
    const en = englishWords();
    for (const w of ['cover', 'covers', 'covered', 'covering', 'stopped', 'bigger', 'geese', 'went']) expect(en.has(w), w).toBe(true);
    for (const w of ['yelow', 'sqaure', 'circel', 'trinagle']) expect(en.has(w), w).toBe(false);
  });

  it('refuses a correction with two equally close candidates', () => {
    const two = new SpellingCorrector(['cart', 'card']);
    expect(two.correct('carx')).toBeNull();
  });

  it('breaks a tie by the first letter, then by the domain words', () => {
    expect(new SpellingCorrector(['every', 'very']).correct('evry')).toBe('every');
    expect(new SpellingCorrector(['yellow', 'below'], new Set(['yellow'])).correct('yelow')).toBe('yellow');
    expect(new SpellingCorrector(['blue', 'blew'], new Set(['blue'])).correct('bleu')).toBe('blue');
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('sqaure', 'square')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('stays linear: a 20,000-character word and a 400-character turn take milliseconds', () => {
    const t0 = performance.now();
    expect(c.correct('x'.repeat(20000))).toBeNull();
    normalize('qwertyuiopasdfghjklz '.repeat(100), c);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('normalization', () => {
  it('splits clause punctuation, expands contractions and shorthand, fixes typos and stretched words', () => {
    const u = normalize("Pls make the traingle sooo much bigger, it's 2 small!", c);
    expect(u.words).toEqual(['please', 'make', 'the', 'triangle', 'so', 'much', 'bigger', ',', 'it', 'is', '2', 'small', '!']);
    expect(u.corrected).toContainEqual({ typed: 'traingle', read: 'triangle' });
  });

  it('reads "2 the" as "to the" and hyphens as spaces', () => {
    expect(normalize('move it 2 the top-left', c).words).toEqual(['move', 'it', 'to', 'the', 'top', 'left']);
    // A dash between words is punctuation.
    expect(normalize('the star - make it red', c).words).toEqual(['the', 'star', ',', 'make', 'it', 'red']);
    expect(normalize('the star\u2014make it red', c).words).toEqual(['the', 'star', ',', 'make', 'it', 'red']);
  });

  it('drops "at all" as an intensifier, not as "all" the objects', () => {
    const c2 = new SpellingCorrector(['no', 'pattern', 'at', 'all', 'put', 'stars', 'four', 'corners', 'not', '.']);
    expect(normalize('no pattern at all.', c2).words).toEqual(['no', 'pattern', '.']);
    expect(normalize('not at all', c2).words).toEqual(['not']);
    expect(normalize('put stars at all four corners', c2).words).toEqual(['put', 'stars', 'at', 'all', 'four', 'corners']);
  });

  it('bounds what it reads', () => {
    expect(tokenize('a '.repeat(MAX_TURN_CHARS)).length).toBeLessThanOrEqual(MAX_TURN_CHARS / 2);
  });
});
