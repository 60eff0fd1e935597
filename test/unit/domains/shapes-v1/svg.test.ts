import { describe, expect, it } from 'vitest';
import { objectPolygon } from '../../../../src/domains/shapes-v1/geometry.ts';
import { renderSvg } from '../../../../src/domains/shapes-v1/svg.ts';
import { emptyScene } from '../../../../src/domains/shapes-v1/scene.ts';
import { GOLDEN_SCENES } from './golden-scenes.ts';

describe('renderSvg', () => {
  it('draws one outlined polygon per object with the rasterizer geometry', () => {
    const scene = GOLDEN_SCENES['all-shapes']!;
    const svg = renderSvg(scene);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"')).toBe(true);
    const polys = [...svg.matchAll(/<polygon points="([^"]+)" fill="([^"]+)" stroke="#212121"/g)];
    expect(polys).toHaveLength(9);
    const first = polys[0]![1]!.split(' ').map((p) => p.split(',').map(Number));
    const geom = objectPolygon(scene.cells[0]!, 0);
    first.forEach(([x, y], k) => {
      expect(x).toBeCloseTo(geom[2 * k]!, 3);
      expect(y).toBeCloseTo(geom[2 * k + 1]!, 3);
    });
    // Striped and dotted objects fill with a pattern; solid ones with their hex color.
    expect(polys[1]![2]).toBe('url(#t1)');
    expect(polys[0]![2]).toBe('#E53935');
    expect(svg.match(/<pattern /g)).toHaveLength(6);
  });

  it('scales the document without changing the view box', () => {
    expect(renderSvg(emptyScene(), { scale: 4 })).toContain('width="256" height="256" viewBox="0 0 64 64"');
  });
});
