/** Image metrics of the evaluation CLIs (spec: PSNR, SSIM, changed pixels outside the cells that should change). */

/** PSNR in dB between two RGBA images (alpha ignored); Infinity when identical. */
export function psnr(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = a[i + c]! - b[i + c]!;
      se += d * d;
      n++;
    }
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / n));
}

// 7x7 Gaussian, sigma 1.5: the window models/losses.py uses, so `npm run eval` and eval.py report the same SSIM.
const K = 7;
const WINDOW = (() => {
  const g = Array.from({ length: K }, (_, i) => Math.exp(-((i - (K >> 1)) ** 2) / (2 * 1.5 * 1.5)));
  const s = g.reduce((x, y) => x + y, 0);
  return g.map((v) => v / s);
})();

/** Mean SSIM over RGB channels with a Gaussian window over the 'valid' region (Wang et al. 2004). */
export function ssim(a: Uint8ClampedArray, b: Uint8ClampedArray, size: number): number {
  const C1 = (0.01 * 255) ** 2;
  const C2 = (0.03 * 255) ** 2;
  let total = 0;
  let count = 0;
  for (let c = 0; c < 3; c++) {
    const at = (img: Uint8ClampedArray, x: number, y: number) => img[(y * size + x) * 4 + c]!;
    for (let y = 0; y + K <= size; y++) {
      for (let x = 0; x + K <= size; x++) {
        let ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
        for (let j = 0; j < K; j++) {
          for (let i = 0; i < K; i++) {
            const w = WINDOW[i]! * WINDOW[j]!;
            const va = at(a, x + i, y + j);
            const vb = at(b, x + i, y + j);
            ma += w * va; mb += w * vb; saa += w * va * va; sbb += w * vb * vb; sab += w * va * vb;
          }
        }
        const va = saa - ma * ma, vb = sbb - mb * mb, cov = sab - ma * mb;
        total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        count++;
      }
    }
  }
  return total / count;
}

/** Which 3x3 grid cell a pixel center falls in. */
export function pixelCell(x: number, y: number, size: number): number {
  const col = Math.min(2, Math.floor(((x + 0.5) * 3) / size));
  const row = Math.min(2, Math.floor(((y + 0.5) * 3) / size));
  return row * 3 + col;
}

/**
 * Fraction of the pixels outside `cells` whose color changed between `before` and `after` by more than
 * `threshold` (default: any 8-bit change) in any channel (background preservation; cf. MIM-Net's Diff).
 */
export function changedOutside(
  before: Uint8ClampedArray, after: Uint8ClampedArray, size: number, cells: ReadonlySet<number>, threshold = 0,
): number {
  let changed = 0;
  let outside = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (cells.has(pixelCell(x, y, size))) continue;
      outside++;
      const i = (y * size + x) * 4;
      if (Math.abs(before[i]! - after[i]!) > threshold || Math.abs(before[i + 1]! - after[i + 1]!) > threshold ||
        Math.abs(before[i + 2]! - after[i + 2]!) > threshold) changed++;
    }
  }
  return outside === 0 ? 0 : changed / outside;
}
