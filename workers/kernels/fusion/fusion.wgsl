// LBIE fusion (models/MATH.md step 5). One workgroup per ACTIVE region: step t dispatches indirectly over
// the active list that step t-1 built on the GPU, so terminated regions cost no work. Per step: gates
// (z, r*S), cand (h), next (S_next, termination, and step t+1's attention for regions that go on).
// Every per-region quantity lives in `st` and is written only by its own region's workgroup, in one entry
// point, and read by neighbours only in later dispatches; so no ping-pong copies are needed: a region that
// stops is no longer dispatched, and its S, Uh, r*S, h stay at their final values for its neighbours.
// `st` is region-major with channels padded to 4 (vec4 quads); each invocation owns 4 output channels.
// Weights come packed by fusion-pack.ts: quads over outputs, f32 or int8 (CONV_I8, fixed per pipeline).
override WG: u32 = 64;
override CONV_I8: bool = false;

struct Params {
  N: u32, G: u32, L: u32, len: u32,
  D: u32, K: u32, T: u32, t: u32,
  useTerm: u32, D4: u32, A4: u32, threshold: f32,   // threshold: the pack's config.stop_threshold
  oS: u32, oUh: u32, oRS: u32, oZ: u32,   // quad offsets of the maps in st
  oH: u32, oSteps: u32, scale: f32, _p1: u32,
  wo: array<vec4<u32>, 5>,                // quad offsets in cw: w1..w7, sc1..sc7, b1, b2, b5, b7, w_tg, b_tg
}

@group(0) @binding(0) var<storage, read> cw: array<vec4<u32>>;         // packed fusion weights
@group(0) @binding(1) var<uniform> p: Params;
@group(0) @binding(2) var<storage, read_write> st: array<vec4<f32>>;   // S | Uh | rS | z | h, (N, C4) each
@group(0) @binding(3) var<storage, read_write> list: array<u32>;       // active lists (T, N) | steps (N)
@group(0) @binding(4) var<storage, read> keys: array<f32>;             // (L, D)
@group(0) @binding(5) var<storage, read> U: array<f32>;                // (L, K)
@group(0) @binding(6) var<storage, read> tex: array<f32>;              // (L, D)
@group(0) @binding(7) var<storage, read_write> beta: array<f32>;       // (N, L), final-step attention
@group(0) @binding(8) var<storage, read> V: array<f32>;                // (D, N)
@group(0) @binding(9) var<storage, read> init: array<f32>;             // (D)
@group(0) @binding(10) var<storage, read_write> argsNext: array<atomic<u32>>;  // dispatch args of step t+1
@group(0) @binding(11) var<storage, read_write> O: array<f32>;         // (D, N) output

var<workgroup> stopFlag: u32;

fn wo(k: u32) -> u32 {
  return p.wo[k >> 2u][k & 3u];
}

fn fvec(slot: u32, o4: u32) -> vec4<f32> {
  return bitcast<vec4<f32>>(cw[wo(slot) + o4]);
}

fn sigmoid4(x: vec4<f32>) -> vec4<f32> {
  return 1.0 / (1.0 + exp(-x));
}

// Value channel c of word j: [u_j; tex_j], zero in the padding up to A4.
fn val(j: u32, c: u32) -> f32 {
  if (c < p.K) {
    return U[j * p.K + c];
  }
  if (c < p.K + p.D) {
    return tex[j * p.D + c - p.K];
  }
  return 0.0;
}

// Word-region attention of region i from S_i: beta row i and Uh_i. Reductions are read serially by every
// invocation (len is small), which costs three barriers instead of a tree's dozen.
fn attend(i: u32, lid: u32) {
  let row = i * p.L;
  let sBase = p.oS + i * (p.D4 / 4u);
  let last = p.D - 1u;
  for (var j = lid; j < p.len; j += WG) {
    var s = 0.0;
    let kj = j * p.D;
    for (var d4 = 0u; d4 < p.D4 / 4u; d4++) {
      let d = 4u * d4;
      // Padded S channels are zero, so clamping the key index there adds nothing.
      let k = vec4<f32>(keys[kj + min(d, last)], keys[kj + min(d + 1u, last)], keys[kj + min(d + 2u, last)], keys[kj + min(d + 3u, last)]);
      s += dot(st[sBase + d4], k);
    }
    beta[row + j] = s * p.scale;
  }
  storageBarrier();
  var m = -3.4e38;
  for (var j = 0u; j < p.len; j++) {
    m = max(m, beta[row + j]);
  }
  var sum = 0.0;
  for (var j = 0u; j < p.len; j++) {
    sum += exp(beta[row + j] - m);
  }
  storageBarrier();
  for (var j = lid; j < p.L; j += WG) {
    beta[row + j] = select(0.0, exp(beta[row + j] - m) / sum, j < p.len);
  }
  storageBarrier();
  for (var a4 = lid; a4 < p.A4 / 4u; a4 += WG) {
    var acc = vec4<f32>(0.0);
    let a = 4u * a4;
    for (var j = 0u; j < p.len; j++) {
      acc += beta[row + j] * vec4<f32>(val(j, a), val(j, a + 1u), val(j, a + 2u), val(j, a + 3u));
    }
    st[p.oUh + i * (p.A4 / 4u) + a4] = acc;
  }
}

// Four little-endian signed bytes: shift each to the top, then an arithmetic shift sign-extends it.
fn unpack_i8(w: u32) -> vec4<f32> {
  let v = vec4<i32>(bitcast<i32>(w)) << vec4<u32>(24u, 16u, 8u, 0u);
  return vec4<f32>(v >> vec4<u32>(24u));
}

// Output quad o4 at region i of the zero-padded 3x3 convolution (PyTorch cross-correlation) of packed
// weight k over the map at quad offset `off` with cinP (padded) channels.
fn conv4(k: u32, cinP: u32, off: u32, o4: u32, i: u32) -> vec4<f32> {
  let y = i / p.G;
  let x = i % p.G;
  // Only taps inside the grid (zero padding contributes nothing), so the loops carry no branches.
  let y0 = select(0u, 1u, y == 0u);
  let y1 = select(3u, 2u, y + 1u == p.G);
  let x0 = select(0u, 1u, x == 0u);
  let x1 = select(3u, 2u, x + 1u == p.G);
  let O4 = p.D4 / 4u;
  let c4n = cinP / 4u;
  var acc = vec4<f32>(0.0);
  for (var ky = y0; ky < y1; ky++) {
    for (var kx = x0; kx < x1; kx++) {
      var ai = off + ((y + ky - 1u) * p.G + (x + kx - 1u)) * c4n;
      // Element index (in quads over outputs) of (tap, c = 0, o4).
      var wi = (ky * 3u + kx) * cinP * O4 + o4;
      for (var c4 = 0u; c4 < c4n; c4++) {
        let a = st[ai];
        if (CONV_I8) {
          let b = wo(k) * 4u;  // i8: one u32 word per quad, 4 words per vec4
          let w0 = b + wi;
          acc += unpack_i8(cw[w0 >> 2u][w0 & 3u]) * a.x;
          let w1 = w0 + O4;
          acc += unpack_i8(cw[w1 >> 2u][w1 & 3u]) * a.y;
          let w2 = w1 + O4;
          acc += unpack_i8(cw[w2 >> 2u][w2 & 3u]) * a.z;
          let w3 = w2 + O4;
          acc += unpack_i8(cw[w3 >> 2u][w3 & 3u]) * a.w;
        } else {
          let b = wo(k) + wi;
          acc += bitcast<vec4<f32>>(cw[b]) * a.x + bitcast<vec4<f32>>(cw[b + O4]) * a.y
               + bitcast<vec4<f32>>(cw[b + 2u * O4]) * a.z + bitcast<vec4<f32>>(cw[b + 3u * O4]) * a.w;
        }
        ai += 1u;
        wi += 4u * O4;
      }
    }
  }
  if (CONV_I8) {
    return acc * fvec(7u + k, o4);
  }
  return acc;
}

// Prologue over all N regions: S0 = V + init, the identity active list, and step-0 attention.
@compute @workgroup_size(WG)
fn start(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = wid.x;
  for (var o4 = lid; o4 < p.D4 / 4u; o4 += WG) {
    var s = vec4<f32>(0.0);
    for (var q = 0u; q < 4u; q++) {
      let d = 4u * o4 + q;
      if (d < p.D) {
        s[q] = V[d * p.N + i] + init[d];
      }
    }
    st[p.oS + i * (p.D4 / 4u) + o4] = s;
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
  let O4 = p.D4 / 4u;
  for (var q = lid; q < 2u * O4; q += WG) {
    let isR = q >= O4;
    let o4 = select(q, q - O4, isR);
    let k = select(0u, 2u, isR);
    let v = sigmoid4(conv4(k, p.D4, p.oS, o4, i) + conv4(k + 1u, p.A4, p.oUh, o4, i) + fvec(14u + k / 2u, o4));
    let at = i * O4 + o4;
    if (isR) {
      st[p.oRS + at] = v * st[p.oS + at];
    } else {
      st[p.oZ + at] = v;
    }
  }
}

// c = relu(conv(W5, r*S) + conv(W6, Uh) + b5), h = (1 - z) * S + z * c (the step output O^t).
@compute @workgroup_size(WG)
fn cand(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = list[p.t * p.N + wid.x];
  let O4 = p.D4 / 4u;
  for (var o4 = lid; o4 < O4; o4 += WG) {
    let c = max(vec4<f32>(0.0), conv4(4u, p.D4, p.oRS, o4, i) + conv4(5u, p.A4, p.oUh, o4, i) + fvec(16u, o4));
    let at = i * O4 + o4;
    let z = st[p.oZ + at];
    st[p.oH + at] = (1.0 - z) * st[p.oS + at] + z * c;
  }
}

// S_next = conv(W7, h) + b7 (in place: this dispatch reads only h), p = sig(w_tg . S_next + b_tg);
// the region stops when p > threshold or t = T-1, else it joins step t+1's active list and attends again.
@compute @workgroup_size(WG)
fn next(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = list[p.t * p.N + wid.x];
  let O4 = p.D4 / 4u;
  for (var o4 = lid; o4 < O4; o4 += WG) {
    st[p.oS + i * O4 + o4] = conv4(6u, p.D4, p.oH, o4, i) + fvec(17u, o4);
  }
  storageBarrier();
  if (lid == 0u) {
    var logit = fvec(19u, 0u).x;
    for (var o4 = 0u; o4 < O4; o4++) {
      logit += dot(fvec(18u, o4), st[p.oS + i * O4 + o4]);
    }
    let stop = p.t + 1u >= p.T || (p.useTerm != 0u && 1.0 / (1.0 + exp(-logit)) > p.threshold);
    if (stop) {
      list[p.oSteps + i] = p.t + 1u;
      stopFlag = 1u;
    } else {
      list[(p.t + 1u) * p.N + atomicAdd(&argsNext[0], 1u)] = i;
      stopFlag = 0u;
    }
  }
  if (workgroupUniformLoad(&stopFlag) == 0u) {
    attend(i, lid);
  }
}

// O (D, N) channel-major from the frozen h (N, D4): every region's h at its final step.
@compute @workgroup_size(WG)
fn finish(@builtin(global_invocation_id) gid: vec3<u32>) {
  let e = gid.x;
  if (e >= p.D * p.N) {
    return;
  }
  let d = e / p.N;
  let i = e % p.N;
  O[e] = st[p.oH + i * (p.D4 / 4u) + d / 4u][d % 4u];
}
