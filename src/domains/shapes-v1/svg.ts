/** SVG rendering of a shapes-v1 scene: same geometry as raster.ts, for display and export. */
import { DOT_PERIOD, DOT_RADIUS, OUTLINE_WIDTH, STRIPE_PERIOD, cellCenter, objectPolygon } from './geometry.ts';
import { COLOR_HEX, IMAGE_SIZE, OUTLINE_HEX, type Scene, type SceneObject } from './scene.ts';

function num(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}

// Pattern tiles anchored at the object centre, mirroring geometry.textureInk exactly.
function pattern(id: string, obj: SceneObject, cell: number): string {
  const [cx, cy] = cellCenter(cell);
  const ink = COLOR_HEX[obj.color];
  if (obj.texture === 'striped') {
    const p = STRIPE_PERIOD;
    const h = p / 2;
    return (
      `<pattern id="${id}" patternUnits="userSpaceOnUse" x="${num(cx)}" y="${num(cy)}" width="${p}" height="${p}">` +
      `<rect width="${p}" height="${p}" fill="#FFFFFF"/>` +
      `<polygon points="0,0 ${h},0 0,${h}" fill="${ink}"/>` +
      `<polygon points="${p},0 ${p},${h} ${h},${p} 0,${p}" fill="${ink}"/></pattern>`
    );
  }
  const q = DOT_PERIOD;
  return (
    `<pattern id="${id}" patternUnits="userSpaceOnUse" x="${num(cx - q / 2)}" y="${num(cy - q / 2)}" width="${q}" height="${q}">` +
    `<rect width="${q}" height="${q}" fill="#FFFFFF"/>` +
    `<circle cx="${q / 2}" cy="${q / 2}" r="${DOT_RADIUS}" fill="${ink}"/></pattern>`
  );
}

/** Renders a scene as a standalone 64x64 SVG document string. */
export function renderSvg(scene: Scene, opts: { scale?: number } = {}): string {
  const s = opts.scale ?? 1;
  const defs: string[] = [];
  const shapes: string[] = [];
  scene.cells.forEach((obj, cell) => {
    if (!obj) return;
    let fill: string = COLOR_HEX[obj.color];
    if (obj.texture !== 'solid') {
      const id = `t${cell}`;
      defs.push(pattern(id, obj, cell));
      fill = `url(#${id})`;
    }
    const poly = objectPolygon(obj, cell);
    const pts: string[] = [];
    for (let k = 0; k < poly.length; k += 2) pts.push(`${num(poly[k]!)},${num(poly[k + 1]!)}`);
    // Round joins: the rasterizer's outline is every point within half a stroke of the boundary.
    shapes.push(
      `<polygon points="${pts.join(' ')}" fill="${fill}" stroke="${OUTLINE_HEX}" stroke-width="${OUTLINE_WIDTH}" stroke-linejoin="round"/>`,
    );
  });
  const size = IMAGE_SIZE * s;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${IMAGE_SIZE} ${IMAGE_SIZE}">` +
    (defs.length ? `<defs>${defs.join('')}</defs>` : '') +
    `<rect width="${IMAGE_SIZE}" height="${IMAGE_SIZE}" fill="#FFFFFF"/>` +
    shapes.join('') +
    '</svg>'
  );
}
