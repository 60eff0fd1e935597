// LBIE fusion (models/MATH.md step 5), prefixed with ../weights.wgsl by fusion.ts.
// One workgroup per ACTIVE region: step t dispatches indirectly over the active list built by step t-1,
// so terminated regions cost no work. Per step: gates (z, r*S), cand (h), next (S_next, termination,
// and the attention of step t+1 for regions that go on). Every per-region quantity lives in `st` and is
// written only by its own region's workgroup in exactly one entry point, and read by neighbours only in
// later dispatches, so no ping-pong copies are needed: a region that stops simply is no longer
// dispatched and its S, Uh, r*S, h stay at their final values for its neighbours' convolutions.
override WG: u32 = 64;

struct Params {
  N: u32, G: u32, L: u32, len: u32,
  D: u32, K: u32, T: u32, t: u32,
  useTerm: u32, oUh: u32, oRS: u32, oZ: u32,
  oH: u32, oSteps: u32, scale: f32, _pad: u32,
  // w1..w7, b1, b2, b5, b7, w_tg, b_tg
  w: array<vec4<u32>, 13>,
}

@group(0) @binding(1) var<uniform> p: Params;
@group(0) @binding(2) var<storage, read_write> st: array<f32>;    // S (D,N) | Uh (A,N) | rS (D,N) | z (D,N) | h (D,N)
@group(0) @binding(3) var<storage, read_write> list: array<u32>;  // active lists (T, N) | steps (N)
@group(0) @binding(4) var<storage, read> keys: array<f32>;        // (L, D)
@group(0) @binding(5) var<storage, read> U: array<f32>;           // (L, K)
@group(0) @binding(6) var<storage, read> tex: array<f32>;         // (L, D)
@group(0) @binding(7) var<storage, read_write> beta: array<f32>;  // (N, L), final-step attention
@group(0) @binding(8) var<storage, read> V: array<f32>;           // (D, N)
@group(0) @binding(9) var<storage, read> init: array<f32>;        // (D)
@group(0) @binding(10) var<storage, read_write> argsNext: array<atomic<u32>>;  // dispatch args of step t+1

var<workgroup> red: array<f32, WG>;
var<workgroup> stopFlag: u32;

fn reduce(v: f32, isMax: bool, lid: u32) -> f32 {
  red[lid] = v;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (lid < s) {
      red[lid] = select(red[lid] + red[lid + s], max(red[lid], red[lid + s]), isMax);
    }
    workgroupBarrier();
  }
  let r = red[0];
  workgroupBarrier();
  return r;
}

// Word-region attention of region i from S_i (in st): beta row i, Uh column i. Same math as attention.wgsl.
fn attend(i: u32, lid: u32) {
  let row = i * p.L;
  var m = -3.4e38;
  for (var j = lid; j < p.len; j += WG) {
    var s = 0.0;
    for (var d = 0u; d < p.D; d++) {
      s += st[d * p.N + i] * keys[j * p.D + d];
    }
    s *= p.scale;
    beta[row + j] = s;
    m = max(m, s);
  }
  m = reduce(m, true, lid);
  var sum = 0.0;
  for (var j = lid; j < p.len; j += WG) {
    let e = exp(beta[row + j] - m);
    beta[row + j] = e;
    sum += e;
  }
  sum = reduce(sum, false, lid);
  for (var j = lid; j < p.L; j += WG) {
    beta[row + j] = select(0.0, beta[row + j] / sum, j < p.len);
  }
  storageBarrier();
  for (var a = lid; a < p.K + p.D; a += WG) {
    var acc = 0.0;
    for (var j = 0u; j < p.len; j++) {
      if (a < p.K) {
        acc += beta[row + j] * U[j * p.K + a];
      } else {
        acc += beta[row + j] * tex[j * p.D + a - p.K];
      }
    }
    st[p.oUh + a * p.N + i] = acc;
  }
}

// Output channel o at region i of a 3x3 zero-padded convolution (PyTorch cross-correlation) of weight t
// (Cout, cin, 3, 3) over the channel-major map st[off + c * N + n].
fn conv_at(t: vec4<u32>, cin: u32, off: u32, o: u32, i: u32) -> f32 {
  let g = i32(p.G);
  let y = i32(i / p.G);
  let x = i32(i % p.G);
  var acc = 0.0;
  for (var k = 0u; k < 9u; k++) {
    let ny = y + i32(k / 3u) - 1;
    let nx = x + i32(k % 3u) - 1;
    if (ny < 0 || nx < 0 || ny >= g || nx >= g) {
      continue;
    }
    let n = u32(ny) * p.G + u32(nx);
    let base = o * cin * 9u + k;
    for (var c = 0u; c < cin; c++) {
      acc += wraw(t, base + c * 9u) * st[off + c * p.N + n];
    }
  }
  return acc * wscale(t, o);
}

// Prologue over all N regions: S0 = V + init, the identity active list, and step-0 attention.
@compute @workgroup_size(WG)
fn start(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = wid.x;
  for (var d = lid; d < p.D; d += WG) {
    st[d * p.N + i] = V[d * p.N + i] + init[d];
  }
  if (lid == 0u) {
    list[i] = i;
  }
  storageBarrier();
  attend(i, lid);
}

// z = sig(conv(W1,S) + conv(W2,Uh) + b1), r = sig(conv(W3,S) + conv(W4,Uh) + b2); stores z and r*S.
@compute @workgroup_size(WG)
fn gates(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = list[p.t * p.N + wid.x];
  let A = p.K + p.D;
  for (var q = lid; q < 2u * p.D; q += WG) {
    let isR = q >= p.D;
    let o = select(q, q - p.D, isR);
    let k = select(0u, 2u, isR);
    let v = sigmoid(conv_at(p.w[k], p.D, 0u, o, i) + conv_at(p.w[k + 1u], A, p.oUh, o, i) + wget(p.w[7u + k / 2u], o));
    if (isR) {
      st[p.oRS + o * p.N + i] = v * st[o * p.N + i];
    } else {
      st[p.oZ + o * p.N + i] = v;
    }
  }
}

// c = relu(conv(W5, r*S) + conv(W6, Uh) + b5), h = (1 - z) * S + z * c (the step output O^t).
@compute @workgroup_size(WG)
fn cand(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = list[p.t * p.N + wid.x];
  let A = p.K + p.D;
  for (var o = lid; o < p.D; o += WG) {
    let c = max(0.0, conv_at(p.w[4], p.D, p.oRS, o, i) + conv_at(p.w[5], A, p.oUh, o, i) + wget(p.w[9], o));
    let z = st[p.oZ + o * p.N + i];
    st[p.oH + o * p.N + i] = (1.0 - z) * st[o * p.N + i] + z * c;
  }
}

// S_next = conv(W7, h) + b7 (written in place: this dispatch reads only h), p = sig(w_tg . S_next + b_tg);
// the region stops when p > 0.5 or t = T-1, else it joins step t+1's active list and attends again.
@compute @workgroup_size(WG)
fn next(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = list[p.t * p.N + wid.x];
  var part = 0.0;
  for (var o = lid; o < p.D; o += WG) {
    let sn = conv_at(p.w[6], p.D, p.oH, o, i) + wget(p.w[10], o);
    st[o * p.N + i] = sn;
    part += wget(p.w[11], o) * sn;
  }
  let logit = reduce(part, false, lid) + wget(p.w[12], 0u);
  if (lid == 0u) {
    let stop = p.t + 1u >= p.T || (p.useTerm != 0u && sigmoid(logit) > 0.5);
    if (stop) {
      list[p.oSteps + i] = p.t + 1u;
      stopFlag = 1u;
    } else {
      list[(p.t + 1u) * p.N + atomicAdd(&argsNext[0], 1u)] = i;
      stopFlag = 0u;
    }
  }
  if (workgroupUniformLoad(&stopFlag) == 0u) {
    storageBarrier();
    attend(i, lid);
  }
}
