// Dialogue-state tracker (models/MATH.md step 4), prefixed with ../weights.wgsl by tracker.ts.
// One workgroup: GRUCell (PyTorch gate order r, z, n) on x = [s; vbar], then init = W_init h' + b_init,
// tbar = mean_{j<len} tex_j and g = W_g [s; tbar; h'] + b_g, which need all of h' (storage barrier).
override WG: u32 = 64;

struct Params {
  K: u32, D: u32, H: u32, len: u32,
  // w_ih, w_hh, b_ih, b_hh, w_init, b_init, w_g, b_g
  w: array<vec4<u32>, 8>,
}

@group(0) @binding(1) var<uniform> p: Params;
@group(0) @binding(2) var<storage, read> s: array<f32>;      // (K) sentence vector
@group(0) @binding(3) var<storage, read> vbar: array<f32>;   // (D) pooled regions
@group(0) @binding(4) var<storage, read> h: array<f32>;      // (H) previous state
@group(0) @binding(5) var<storage, read> tex: array<f32>;    // (L, D) memory texture per word
@group(0) @binding(6) var<storage, read_write> out: array<f32>;  // h' (H) | init (D) | tbar (D) | g (D)

fn x_at(c: u32) -> f32 {
  if (c < p.K) {
    return s[c];
  }
  return vbar[c - p.K];
}

// Row `row` of W_ih (3H, K + D) times x, plus its bias.
fn gate_x(row: u32) -> f32 {
  let n = p.K + p.D;
  var acc = 0.0;
  for (var c = 0u; c < n; c++) {
    acc += wraw(p.w[0], row * n + c) * x_at(c);
  }
  return acc * wscale(p.w[0], row) + wget(p.w[2], row);
}

// Row `row` of W_hh (3H, H) times h, plus its bias.
fn gate_h(row: u32) -> f32 {
  var acc = 0.0;
  for (var c = 0u; c < p.H; c++) {
    acc += wraw(p.w[1], row * p.H + c) * h[c];
  }
  return acc * wscale(p.w[1], row) + wget(p.w[3], row);
}

@compute @workgroup_size(WG)
fn tracker(@builtin(local_invocation_index) lid: u32) {
  let H = p.H;
  let D = p.D;
  for (var o = lid; o < H; o += WG) {
    let r = sigmoid(gate_x(o) + gate_h(o));
    let z = sigmoid(gate_x(H + o) + gate_h(H + o));
    // Clamped because some backends return NaN for tanh of large arguments; |x| > 20 is +-1 in f32 anyway.
    let n = tanh(clamp(gate_x(2u * H + o) + r * gate_h(2u * H + o), -20.0, 20.0));
    out[o] = (1.0 - z) * n + z * h[o];
  }
  for (var d = lid; d < D; d += WG) {
    var acc = 0.0;
    for (var j = 0u; j < p.len; j++) {
      acc += tex[j * D + d];
    }
    out[H + D + d] = acc / f32(p.len);
  }
  storageBarrier();
  let rl = p.K + D + H;
  for (var d = lid; d < D; d += WG) {
    var a = 0.0;
    for (var c = 0u; c < H; c++) {
      a += wraw(p.w[4], d * H + c) * out[c];
    }
    out[H + d] = a * wscale(p.w[4], d) + wget(p.w[5], d);
    var b = 0.0;
    for (var c = 0u; c < p.K; c++) {
      b += wraw(p.w[6], d * rl + c) * s[c];
    }
    for (var c = 0u; c < D; c++) {
      b += wraw(p.w[6], d * rl + p.K + c) * out[H + D + c];
    }
    for (var c = 0u; c < H; c++) {
      b += wraw(p.w[6], d * rl + p.K + D + c) * out[c];
    }
    out[H + 2u * D + d] = b * wscale(p.w[6], d) + wget(p.w[7], d);
  }
}
