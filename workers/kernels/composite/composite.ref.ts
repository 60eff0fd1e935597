/**
 * CPU reference of compositing (models/MATH.md steps 6 and 8): test oracle and WASM-fallback path.
 * Feature maps are channel-major (D, N); images are planar (C, P) with P = S * S pixels.
 */

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Target localization: alpha_i = sig(O_i . g), F_i = alpha_i O_i + (1 - alpha_i) V_i. */
export function compositeFeaturesRef(
  O: Float32Array, V: Float32Array, g: Float32Array, N: number, D: number,
): { F: Float32Array; alpha: Float32Array } {
  const F = new Float32Array(D * N);
  const alpha = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    let acc = 0;
    for (let d = 0; d < D; d++) acc += O[d * N + i]! * g[d]!;
    const a = sigmoid(acc);
    alpha[i] = a;
    for (let d = 0; d < D; d++) F[d * N + i] = a * O[d * N + i]! + (1 - a) * V[d * N + i]!;
  }
  return { F, alpha };
}

/** Source image masking: m = clamp((sig(mask_logit) - lo) / (hi - lo), 0, 1), out = m rgb + (1 - m) source. */
export function compositePixelsRef(
  rgb: Float32Array, maskLogit: Float32Array, source: Float32Array, lo: number, hi: number,
): { out: Float32Array; m: Float32Array } {
  const P = maskLogit.length;
  const C = rgb.length / P;
  const out = new Float32Array(C * P);
  const m = new Float32Array(P);
  for (let q = 0; q < P; q++) {
    const mq = Math.min(1, Math.max(0, (sigmoid(maskLogit[q]!) - lo) / (hi - lo)));
    m[q] = mq;
    for (let c = 0; c < C; c++) out[c * P + q] = mq * rgb[c * P + q]! + (1 - mq) * source[c * P + q]!;
  }
  return { out, m };
}
