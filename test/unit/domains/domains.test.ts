import { describe, expect, it } from 'vitest';
import { DOMAINS, domainNamed } from '../../../src/domains/index.ts';
import { COSAL_V1 } from '../../../src/domains/cosal-v1/domain.ts';
import { SHAPES_V1 } from '../../../src/domains/shapes-v1/domain.ts';
import { headsOfScene } from '../../../src/domains/shapes-v1/recognition.ts';
import { COSAL_COLORS, COSAL_SHAPES } from '../../../src/domains/cosal-v1/cosal.ts';

describe('the domain registry', () => {
  it('finds each domain by the name its scenes carry, and nothing else', () => {
    expect(DOMAINS.map((d) => d.name)).toEqual(['shapes-v1', 'cosal-v1', 'avatars-v1']);
    for (const d of DOMAINS) expect(domainNamed(d.name)).toBe(d);
    expect(domainNamed('avatars-v0')).toBeUndefined();
  });

  for (const d of DOMAINS) {
    it(`${d.name}: examples and random scenes are valid, rendered at the domain's size, the same for a seed`, () => {
      const scenes = [...d.examples.map((e) => e.scene), d.randomScene(1), d.randomScene(2)];
      for (const s of scenes) {
        expect(d.sceneProblem(s)).toBeNull();
        expect(s.domain).toBe(d.name);
        expect(d.renderRgba(s)).toHaveLength(d.imageSize * d.imageSize * 4);
        expect(d.renderSvg(s)).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
      }
      expect(d.randomScene(7)).toEqual(d.randomScene(7));
      expect(Array.from(d.renderRgba(d.randomScene(7)))).toEqual(Array.from(d.renderRgba(d.randomScene(7))));
      expect(d.cellNames).toHaveLength((d.language.grid?.rows ?? 1) * (d.language.grid?.cols ?? 1));
      expect(d.sceneProblem({ domain: 'elsewhere', cells: [] })).toMatch(/domain must be/);
    });
  }
});

describe('reading recognizer heads', () => {
  it('shapes-v1 reads back the scene its heads encode, empty cells included, with the least sure head as confidence', () => {
    const scene = SHAPES_V1.examples[0]!.scene;
    const read = SHAPES_V1.readScene(headsOfScene(scene, 0.9));
    expect(read.scene).toEqual(scene);
    const heads = headsOfScene(scene);
    const occupied = scene.cells.findIndex((o) => o !== null);
    (heads.heads.color!.p as number[])[occupied] = 0.4;
    expect(SHAPES_V1.readScene(heads).confidence[occupied]).toBe(0.4);
    expect(() => SHAPES_V1.readScene({ cells: 9, heads: { shape: heads.heads.shape! } })).toThrow(/no "color" head/);
  });

  it('cosal-v1 reads shape and colour heads', () => {
    const scene = COSAL_V1.randomScene(3);
    const index = (f: (o: { shape: string; color: string }) => number) => scene.cells.map((o) => f(o!));
    const read = COSAL_V1.readScene({
      cells: 9,
      heads: {
        shape: { index: index((o) => COSAL_SHAPES.indexOf(o.shape as never) + 1), p: Array(9).fill(1) },
        color: { index: index((o) => COSAL_COLORS.indexOf(o.color as never)), p: Array(9).fill(0.5) },
      },
    });
    expect(read.scene).toEqual(scene);
    expect(read.confidence).toEqual(Array(9).fill(0.5));
  });
});
