/**
 * CPU reference of the memory attention kernel (test oracle and the WASM path), models/MATH.md step 3, and the
 * softmax the fusion references share. Layouts: U (L, K), mem (Ms, D), mem_keys (Ms, K); outputs tex (L, D), attn (L, Ms).
 */

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
