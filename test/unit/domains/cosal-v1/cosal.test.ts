import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  COSAL_COLORS, COSAL_RGB, COSAL_SHAPES, parseCosalSentence, renderCosal, sentenceCell,
} from '../../../../src/domains/cosal-v1/cosal.ts';
import { generateCosal } from '../../../../scripts/data/cosal-v1/generate.ts';
import { Rng } from '../../../../src/domain/rng.ts';
import { cosalProblem } from '../../../../src/domains/cosal-v1/validate.ts';

describe('generateCosal', () => {
  it.each([4, 6, 8])('writes nine sentences, k = %i of them direct, determining every cell in order', (k) => {
    const rng = new Rng(k);
    for (let i = 0; i < 200; i++) {
      const rec = generateCosal(rng, `c${i}`, k);
      expect(rec.cells.map((c) => c.shape).sort()).toEqual([...COSAL_SHAPES].sort());
      const parsed = rec.sentences.map((s) => parseCosalSentence(s)!);
      expect(parsed.filter((p) => p.kind === 'direct')).toHaveLength(k);
      expect(parsed.slice(0, k).every((p) => p.kind === 'direct')).toBe(true);
      const cells = parsed.map((p) => sentenceCell(rec, p));
      expect(new Set(cells).size).toBe(9);
      parsed.forEach((p, j) => expect(rec.cells[cells[j]!]!.color).toBe(p.color));
      expect(cosalProblem(rec)).toBeNull();
    }
  });

  it('parses both sentence forms and rejects others', () => {
    expect(parseCosalSentence('half thin ellipse is light green')).toEqual({ kind: 'direct', shape: 'half thin ellipse', color: 'light green' });
    expect(parseCosalSentence('red below triangle')).toEqual({ kind: 'rel', color: 'red', dir: 'down', shape: 'triangle' });
    expect(parseCosalSentence('red below square')).toBeNull();
    expect(parseCosalSentence('circle is purple')).toBeNull();
  });
});

describe('renderCosal', () => {
  it('renders black silhouettes, colored targets and matching 7-class labels, deterministically from the id', () => {
    const rec = generateCosal(new Rng(1), 'c-render', 6);
    const a = renderCosal(rec);
    expect(a.src).toHaveLength(48 * 48 * 3);
    for (let p = 0; p < 48 * 48; p++) {
      const label = a.labels[p]!;
      const src = Array.from(a.src.subarray(p * 3, p * 3 + 3));
      const tgt = Array.from(a.tgt.subarray(p * 3, p * 3 + 3));
      if (label === 0) {
        expect(src).toEqual([255, 255, 255]);
        expect(tgt).toEqual([255, 255, 255]);
      } else {
        expect(src).toEqual([0, 0, 0]);
        expect(tgt).toEqual([...COSAL_RGB[COSAL_COLORS[label - 1]!]]);
        const cell = Math.floor(Math.floor(p / 48) / 16) * 3 + Math.floor((p % 48) / 16);
        expect(COSAL_COLORS[label - 1]).toBe(rec.cells[cell]!.color);
      }
    }
    // Every shape covers a reasonable part of its cell.
    for (let c = 0; c < 9; c++) {
      let n = 0;
      for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) n += a.labels[(Math.floor(c / 3) * 16 + y) * 48 + (c % 3) * 16 + x]! > 0 ? 1 : 0;
      expect(n, rec.cells[c]!.shape).toBeGreaterThan(8);
      expect(n).toBeLessThan(200);
    }
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(renderCosal(rec).tgt)).toBe(sha(a.tgt));
    expect(sha(renderCosal({ ...rec, id: 'other' }).tgt)).not.toBe(sha(a.tgt));
  });
});
