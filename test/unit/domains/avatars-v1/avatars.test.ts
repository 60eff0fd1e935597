import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AVATARS_V1, randomAvatar } from '../../../../src/domains/avatars-v1/domain.ts';
import { renderAvatarRgba } from '../../../../src/domains/avatars-v1/raster.ts';
import { ATTRIBUTES, ATTRIBUTE_VALUES, DEFAULT_AVATAR, emptyScene, sceneProblem, type Attribute, type Avatar, type Scene } from '../../../../src/domains/avatars-v1/scene.ts';

const scene = (a: Avatar): Scene => ({ domain: 'avatars-v1', cells: [a] });
const sha = (px: Uint8ClampedArray) => createHash('sha256').update(px).digest('hex').slice(0, 16);

/** The part of the picture each attribute may change (x0, y0, x1, y1, inclusive), from docs/avatars-v1.md. */
const REGION: Partial<Record<Attribute, [number, number, number, number]>> = {
  eye_color: [45, 57, 82, 67],
  eyebrows: [44, 49, 84, 59],
  expression: [54, 77, 74, 87],
  glasses: [34, 52, 94, 72],
  earrings: [24, 70, 104, 86],
  clothing_color: [0, 98, 127, 127],
  headwear: [0, 15, 127, 50],
  facial_hair: [34, 60, 94, 106],
};

function changedBox(a: Uint8ClampedArray, b: Uint8ClampedArray): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (let p = 0; p < 128 * 128; p++) {
    if (a[p * 4] === b[p * 4] && a[p * 4 + 1] === b[p * 4 + 1] && a[p * 4 + 2] === b[p * 4 + 2]) continue;
    const [x, y] = [p % 128, Math.floor(p / 128)];
    box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
  }
  return box;
}

describe('avatars-v1 scenes', () => {
  it('accepts every example and random avatar, and names what is wrong with others', () => {
    for (const s of [emptyScene(), ...AVATARS_V1.examples.map((e) => e.scene), randomAvatar(1)]) expect(sceneProblem(s)).toBeNull();
    const a = DEFAULT_AVATAR;
    expect(sceneProblem({ domain: 'avatars-v1', cells: [a, a] })).toMatch(/array of 1 entry/);
    expect(sceneProblem({ domain: 'avatars-v1', cells: [{ ...a, hair_color: 'green' }] })).toBe(
      'scene.cells[0].hair_color must be one of platinum, blonde, red, auburn, brown, black (got "green")');
    expect(sceneProblem({ domain: 'avatars-v1', cells: [{ ...a, tattoo: 'rose' }] })).toMatch(/unknown attribute "tattoo"/);
    const { glasses: _, ...noGlasses } = a;
    expect(sceneProblem({ domain: 'avatars-v1', cells: [noGlasses] })).toMatch(/glasses must be one of/);
  });

  it('has at least 10 attributes of 3 to 10 values, four of them ordered', () => {
    expect(ATTRIBUTES.length).toBeGreaterThanOrEqual(10);
    for (const k of ATTRIBUTES) expect(ATTRIBUTE_VALUES[k].length).toBeGreaterThanOrEqual(3);
    for (const k of ATTRIBUTES) expect(ATTRIBUTE_VALUES[k].length).toBeLessThanOrEqual(10);
    expect(AVATARS_V1.language.attributes.filter((a) => a.ordered).map((a) => a.name)).toEqual(['skin_tone', 'hair_length', 'hair_color', 'expression']);
  });
});

describe('avatars-v1 renderer', () => {
  it('draws the same pixels every time (golden hashes)', () => {
    const got = [...AVATARS_V1.examples.map((e) => e.scene), randomAvatar(1), randomAvatar(2)].map((s) => sha(renderAvatarRgba(s)));
    expect(got).toEqual(GOLDEN);
  });

  it('shows every value of every attribute on the default avatar', () => {
    const base = renderAvatarRgba(scene(DEFAULT_AVATAR));
    for (const k of ATTRIBUTES) {
      for (const v of ATTRIBUTE_VALUES[k]) {
        if (v === DEFAULT_AVATAR[k]) continue;
        expect(changedBox(base, renderAvatarRgba(scene({ ...DEFAULT_AVATAR, [k]: v }))), `${k} = ${v}`).not.toBeNull();
      }
    }
  });

  it('changes only its own part of the picture when a local attribute changes (the edit mask)', () => {
    for (let seed = 0; seed < 6; seed++) {
      const a = randomAvatar(seed).cells[0]!;
      const base = renderAvatarRgba(scene(a));
      for (const [k, [x0, y0, x1, y1]] of Object.entries(REGION) as [Attribute, [number, number, number, number]][]) {
        for (const v of ATTRIBUTE_VALUES[k]) {
          const box = changedBox(base, renderAvatarRgba(scene({ ...a, [k]: v })));
          if (!box) continue;
          expect(box[0] >= x0 && box[1] >= y0 && box[2] <= x1 && box[3] <= y1, `seed ${seed}: ${k} = ${v} changed ${box}`).toBe(true);
        }
      }
    }
  });
});

// The four examples and random avatars 1 and 2; a deliberate renderer change updates these with the spec.
const GOLDEN = ['b0f46c5361b752a6', '83d1550b5662a3c3', 'f926630976fbec0a', '8a7632bbfb2b0da3', '0348fdfb90f3be7a', '92677f2595a241ca'];
