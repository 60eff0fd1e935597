import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COSAL_WORDS } from '../../../../src/domains/cosal-v1/cosal.ts';
import { generateCosal } from '../../../../scripts/data/cosal-v1/generate.ts';
import { generateDialogue } from '../../../../scripts/data/shapes-v1/dialogue.ts';
import { makeEditExample } from '../../../../scripts/data/shapes-v1/edit-examples.ts';
import { grammarWords } from '../../../../scripts/data/shapes-v1/grammar-words.ts';
import { Rng } from '../../../../src/domain/rng.ts';
import { UNK_ID, VOCAB, decode, encode, tokenIds, words } from '../../../../src/domains/shapes-v1/tokenizer.ts';

const PYTHON = '/usr/bin/python3';

describe('tokenizer', () => {
  it('has a fixed vocabulary with <pad> = 0 and <unk> = 1 covering every grammar and CoSaL word', () => {
    expect(VOCAB.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    expect(new Set(VOCAB).size).toBe(VOCAB.length);
    const missing = [...grammarWords(COSAL_WORDS)].filter((w) => !VOCAB.includes(w));
    expect(missing, 'run npm run data:vocab').toEqual([]);
  });

  it('normalizes, lowercases, drops punctuation, maps unknown words to 1 and pads/truncates', () => {
    expect(words("Could you make the ＣＩＲＣＬＥ red?! Let's go")).toEqual(['could', 'you', 'make', 'the', 'circle', 'red', "let's", 'go']);
    expect(tokenIds('make the zorblax red')[2]).toBe(UNK_ID);
    const e = encode('make the circle red', 6);
    expect(Array.from(e.slice(4))).toEqual([0, 0]);
    expect(decode(e)).toBe('make the circle red');
    expect(encode('a a a a a a a a', 3)).toHaveLength(3);
  });
});

describe('tokenizer parity with models/tokenizer.py', () => {
  it('gives the same ids as Python on generated and tricky sentences', () => {
    const rng = new Rng(9);
    const texts: string[] = [
      "ＭＡＫＥ the ﬁrst circle RED", 'İstanbul straße café', 'naïve — “quotes” and ’curly’ apostrophes', '', '   ',
      "don't,stop:now;ok?yes!", 'ﾃｽﾄ ½ x² ①', 'tab\tnew\nline', 'a'.repeat(80),
    ];
    for (let i = 0; i < 200; i++) texts.push(makeEditExample(rng, i % 2 ? 'train' : 'heldout').text);
    for (let i = 0; i < 30; i++) texts.push(...generateDialogue(rng, `d${i}`, 'heldout').turns.map((t) => t.user));
    for (let i = 0; i < 20; i++) texts.push(generateCosal(rng, `c${i}`, 4).sentences.join(' . '));
    for (const maxLen of [32, 48]) {
      const py = JSON.parse(execFileSync(PYTHON, ['models/tokenizer.py', '--json', '--max-len', String(maxLen)], { input: JSON.stringify(texts) }).toString());
      const ts = texts.map((t) => Array.from(encode(t, maxLen)));
      expect(py).toEqual(ts);
    }
    expect(texts.length).toBeGreaterThan(300);
  });
});
