/** A raster picture as SVG, one rect per run of equal pixels in a row: the same pixels, scaled up losslessly. */

/** SVG of a size x size RGBA picture (white runs are left to the white backdrop). */
export function pixelSvg(px: Uint8ClampedArray, size: number): string {
  const rects: string[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; ) {
      const at = (y * size + x) * 4;
      let end = x + 1;
      while (end < size && [0, 1, 2].every((k) => px[at + k] === px[(y * size + end) * 4 + k])) end++;
      const rgb = `rgb(${px[at]},${px[at + 1]},${px[at + 2]})`;
      if (rgb !== 'rgb(255,255,255)') rects.push(`<rect x="${x}" y="${y}" width="${end - x}" height="1" fill="${rgb}"/>`);
      x = end;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/>${rects.join('')}</svg>`;
}
