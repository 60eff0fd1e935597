/**
 * CPU reference of the attention kernel (test oracle and the WASM-fallback path), models/MATH.md steps 3 and 5.
 * Layouts: S (D, N) channel-major, keys (L, D), U (L, K), tex (L, D) row-major; outputs beta (N, L), Uh (K + D, N).
 */

/** Shapes for word-region attention; `len` valid tokens of L. */
export interface RegionAttentionDims {
  N: number;
  L: number;
  len: number;
  D: number;
  K: number;
}

/** Shapes for word-memory attention. */
export interface MemoryAttentionDims {
  L: number;
  len: number;
  K: number;
  D: number;
  Ms: number;
}

/** In-place softmax of `x[off .. off + n)`. */
export function softmaxInPlace(x: Float32Array, off: number, n: number): void {
  let m = -Infinity;
  for (let j = 0; j < n; j++) m = Math.max(m, x[off + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += x[off + j] = Math.exp(x[off + j]! - m);
  for (let j = 0; j < n; j++) x[off + j] = x[off + j]! / sum;
}

/** Attention of one region i: writes beta row i (zeros at padding) and column i of Uh. */
export function attendRegion(
  S: Float32Array, i: number, keys: Float32Array, U: Float32Array, tex: Float32Array,
  d: RegionAttentionDims, beta: Float32Array, Uh: Float32Array,
): void {
  const { N, L, len, D, K } = d;
  const row = i * L;
  for (let j = 0; j < L; j++) {
    let s = 0;
    if (j < len) for (let c = 0; c < D; c++) s += S[c * N + i]! * keys[j * D + c]!;
    beta[row + j] = s / Math.sqrt(D);
  }
  softmaxInPlace(beta, row, len);
  beta.fill(0, row + len, row + L);
  for (let a = 0; a < K + D; a++) {
    let acc = 0;
    for (let j = 0; j < len; j++) acc += beta[row + j]! * (a < K ? U[j * K + a]! : tex[j * D + a - K]!);
    Uh[a * N + i] = acc;
  }
}

/** Word-region attention for every region. */
export function attendRegionsRef(
  S: Float32Array, keys: Float32Array, U: Float32Array, tex: Float32Array, d: RegionAttentionDims,
): { beta: Float32Array; Uh: Float32Array } {
  const beta = new Float32Array(d.N * d.L);
  const Uh = new Float32Array((d.K + d.D) * d.N);
  for (let i = 0; i < d.N; i++) attendRegion(S, i, keys, U, tex, d, beta, Uh);
  return { beta, Uh };
}

/** Word-memory attention: tex (L, D) with zero padding rows, and the weights attn (L, Ms). */
export function attendMemoryRef(
  U: Float32Array, mem: Float32Array, memKeys: Float32Array, d: MemoryAttentionDims,
): { tex: Float32Array; attn: Float32Array } {
  const { L, len, K, D, Ms } = d;
  const tex = new Float32Array(L * D);
  const attn = new Float32Array(L * Ms);
  for (let j = 0; j < len; j++) {
    for (let m = 0; m < Ms; m++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += U[j * K + k]! * memKeys[m * K + k]!;
      attn[j * Ms + m] = s / Math.sqrt(K);
    }
    softmaxInPlace(attn, j * Ms, Ms);
    for (let c = 0; c < D; c++) {
      let acc = 0;
      for (let m = 0; m < Ms; m++) acc += attn[j * Ms + m]! * mem[m * D + c]!;
      tex[j * D + c] = acc;
    }
  }
  return { tex, attn };
}
