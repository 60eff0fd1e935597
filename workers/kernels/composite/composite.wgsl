// Compositing (models/MATH.md steps 6 and 8).
// features: one invocation per region: alpha_i = sig(O_i . g), F_i = alpha_i O_i + (1 - alpha_i) V_i.
// pixels: one invocation per pixel: m = clamp((sig(mask_logit) - lo) / (hi - lo), 0, 1),
//   out = m * rgb + (1 - m) * source.
override WG: u32 = 64;

struct Params {
  N: u32, D: u32, P: u32, C: u32,
  lo: f32, hi: f32, _p0: u32, _p1: u32,
}

@group(0) @binding(1) var<uniform> p: Params;
@group(0) @binding(2) var<storage, read> O: array<f32>;            // (D, N)
@group(0) @binding(3) var<storage, read> V: array<f32>;            // (D, N)
@group(0) @binding(4) var<storage, read> g: array<f32>;            // (D)
@group(0) @binding(5) var<storage, read_write> F: array<f32>;      // (D, N)
@group(0) @binding(6) var<storage, read_write> alpha: array<f32>;  // (N)
@group(0) @binding(7) var<storage, read> rgb: array<f32>;          // (C, P)
@group(0) @binding(8) var<storage, read> maskLogit: array<f32>;    // (P)
@group(0) @binding(9) var<storage, read> source: array<f32>;       // (C, P)
@group(0) @binding(10) var<storage, read_write> out: array<f32>;   // (C, P)
@group(0) @binding(11) var<storage, read_write> m: array<f32>;     // (P)

fn sigmoid(x: f32) -> f32 {
  return 1.0 / (1.0 + exp(-x));
}

@compute @workgroup_size(WG)
fn features(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= p.N) {
    return;
  }
  var acc = 0.0;
  for (var d = 0u; d < p.D; d++) {
    acc += O[d * p.N + i] * g[d];
  }
  let a = sigmoid(acc);
  for (var d = 0u; d < p.D; d++) {
    let e = d * p.N + i;
    F[e] = a * O[e] + (1.0 - a) * V[e];
  }
  alpha[i] = a;
}

@compute @workgroup_size(WG)
fn pixels(@builtin(global_invocation_id) gid: vec3<u32>) {
  let q = gid.x;
  if (q >= p.P) {
    return;
  }
  let mq = clamp((sigmoid(maskLogit[q]) - p.lo) / (p.hi - p.lo), 0.0, 1.0);
  for (var c = 0u; c < p.C; c++) {
    let e = c * p.P + q;
    out[e] = mq * rgb[e] + (1.0 - mq) * source[e];
  }
  m[q] = mq;
}
