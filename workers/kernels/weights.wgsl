// Kernel weights (see weights.ts): the whole kernels.bin as u32 words. A tensor is described by
// vec4<u32>(offset / 4, scaleOffset / 4, isI8, rowLen); i8 values are dequantized here, per output row.
@group(0) @binding(0) var<storage, read> wb: array<u32>;

// Raw element e: the f32 value, or the signed int8 q (scale not applied; see wscale).
fn wraw(t: vec4<u32>, e: u32) -> f32 {
  if (t.z == 0u) {
    return bitcast<f32>(wb[t.x + e]);
  }
  // Little-endian bytes: element e is byte (e & 3) of word e >> 2; extractBits on i32 sign-extends.
  // (unpack4x8snorm would divide by 127 and clamp, which is not our scale.)
  let word = bitcast<i32>(wb[t.x + (e >> 2u)]);
  return f32(extractBits(word, (e & 3u) * 8u, 8u));
}

// Scale of output row o (1 for f32), so a dot product over one row is `scale * sum(raw * x)`.
fn wscale(t: vec4<u32>, o: u32) -> f32 {
  if (t.z == 0u) {
    return 1.0;
  }
  return bitcast<f32>(wb[t.y + o]);
}

// Dequantized element e.
fn wget(t: vec4<u32>, e: u32) -> f32 {
  return wraw(t, e) * wscale(t, e / t.w);
}

fn sigmoid(x: f32) -> f32 {
  return 1.0 / (1.0 + exp(-x));
}
