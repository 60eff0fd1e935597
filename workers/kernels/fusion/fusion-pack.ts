/**
 * GPU layout of the fusion weights, built once from kernels.bin: each conv weight (Cout, Cin, 3, 3) is
 * permuted to [tap k][input c][output o] with o fastest and channels padded to multiples of 4, so one
 * invocation computing 4 output channels reads one contiguous 16-byte quad per (k, c): a vec4<f32>, or for
 * int8 one u32 holding the 4 signed bytes (dequantized in the shader, per-output scales applied at the end).
 * Measured on SwiftShader this is ~4x faster than gathering from the PyTorch layout; on GPUs it makes the
 * weight loads coalesced. Biases, w_tg and b_tg follow as padded f32 quads. Padding is zero, so padded
 * channels stay exactly zero through every step.
 */
import type { KernelDims } from '../dims.ts';
import type { KernelWeights } from '../weights.ts';

/** Slots of `offsets` (in 16-byte units): w1..w7, their scales sc1..sc7 (int8 only), then the vectors. */
export const SLOT = { w: 0, scale: 7, b1: 14, b2: 15, b5: 16, b7: 17, wtg: 18, btg: 19 } as const;
const SLOTS = 20;

/** Rounds up to a multiple of 4. */
export const pad4 = (n: number) => Math.ceil(n / 4) * 4;

/** The packed words plus where each tensor starts, and whether conv weights stayed int8. */
export interface PackedFusionWeights {
  words: Uint32Array<ArrayBuffer>;
  /** Start of each slot in vec4 (16-byte) units. */
  offsets: number[];
  i8: boolean;
}

/** Packs the fusion tensors of `kw`; int8 is kept only when all seven conv weights are int8. */
export function packFusionWeights(kw: KernelWeights, d: KernelDims): PackedFusionWeights {
  const { D, K } = d;
  const D4 = pad4(D);
  const cins = [D, K + D, D, K + D, D, K + D, D];
  const i8 = cins.every((_, k) => kw.entry(`fusion.w${k + 1}`).dtype === 'i8');
  const chunks: Uint32Array[] = [];
  const offsets = new Array<number>(SLOTS).fill(0);
  let size = 0; // in u32 words, kept a multiple of 4
  const push = (slot: number, words: Uint32Array) => {
    offsets[slot] = size / 4;
    const padded = new Uint32Array(pad4(words.length));
    padded.set(words);
    chunks.push(padded);
    size += padded.length;
  };
  cins.forEach((cin, k) => {
    const name = `fusion.w${k + 1}`;
    const cinP = pad4(cin);
    // Packed element (tap, c, o) sits at ((tap * cinP + c) * D4 + o); canonical W[o, c, tap] at (o * cin + c) * 9 + tap.
    const at = (tap: number, c: number, o: number) => (tap * cinP + c) * D4 + o;
    if (i8) {
      const e = kw.entry(name);
      const q = new Int8Array(kw.bin, e.offset, D * cin * 9);
      const bytes = new Int8Array(9 * cinP * D4);
      for (let o = 0; o < D; o++) for (let c = 0; c < cin; c++) for (let t = 0; t < 9; t++) bytes[at(t, c, o)] = q[(o * cin + c) * 9 + t]!;
      push(SLOT.w + k, new Uint32Array(bytes.buffer));
      const scales = new Float32Array(D4);
      scales.set(new Float32Array(kw.bin, e.scaleOffset!, D));
      push(SLOT.scale + k, new Uint32Array(scales.buffer));
    } else {
      const w = kw.f32(name);
      const vals = new Float32Array(9 * cinP * D4);
      for (let o = 0; o < D; o++) for (let c = 0; c < cin; c++) for (let t = 0; t < 9; t++) vals[at(t, c, o)] = w[(o * cin + c) * 9 + t]!;
      push(SLOT.w + k, new Uint32Array(vals.buffer));
    }
  });
  for (const [slot, name] of [[SLOT.b1, 'b1'], [SLOT.b2, 'b2'], [SLOT.b5, 'b5'], [SLOT.b7, 'b7'], [SLOT.wtg, 'w_tg'], [SLOT.btg, 'b_tg']] as const) {
    const v = new Float32Array(pad4(D));
    v.set(kw.f32(`fusion.${name}`));
    push(slot, new Uint32Array(v.buffer));
  }
  const words = new Uint32Array(size);
  let at = 0;
  for (const c of chunks) {
    words.set(c, at);
    at += c.length;
  }
  return { words, offsets, i8 };
}
