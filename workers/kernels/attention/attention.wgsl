// Memory attention kernel (models/MATH.md step 3), prefixed with ../weights.wgsl by attention.ts.
// attend_memory: one workgroup per word j: a_j = softmax_m(u_j . Kmem_m / sqrt(K)), tex_j = sum_m a_jm Mem_m;
//   padding rows (j >= len) are zero. Word-region attention lives inside the fusion kernel (step 5).
override WG: u32 = 64;

struct Params {
  L: u32, len: u32, D: u32, K: u32,
  Ms: u32, scale: f32, _p0: u32, _p1: u32,
  mem: vec4<u32>,
  memKeys: vec4<u32>,
}

@group(0) @binding(1) var<uniform> p: Params;
@group(0) @binding(2) var<storage, read> U: array<f32>;            // (L, K)
@group(0) @binding(3) var<storage, read_write> texOut: array<f32>; // (L, D)
@group(0) @binding(4) var<storage, read_write> attn: array<f32>;   // (L, Ms), also the score scratch

var<workgroup> red: array<f32, WG>;

// Tree reduction over the workgroup (WG is a power of two); every invocation gets the result.
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

@compute @workgroup_size(WG)
fn attend_memory(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let j = wid.x;
  let row = j * p.Ms;
  if (j >= p.len) {
    for (var d = lid; d < p.D; d += WG) {
      texOut[j * p.D + d] = 0.0;
    }
    for (var m = lid; m < p.Ms; m += WG) {
      attn[row + m] = 0.0;
    }
    return;
  }
  var mx = -3.4e38;
  for (var m = lid; m < p.Ms; m += WG) {
    var s = 0.0;
    for (var k = 0u; k < p.K; k++) {
      s += U[j * p.K + k] * wraw(p.memKeys, m * p.K + k);
    }
    s *= wscale(p.memKeys, m) * p.scale;
    attn[row + m] = s;
    mx = max(mx, s);
  }
  mx = reduce(mx, true, lid);
  var sum = 0.0;
  for (var m = lid; m < p.Ms; m += WG) {
    let e = exp(attn[row + m] - mx);
    attn[row + m] = e;
    sum += e;
  }
  sum = reduce(sum, false, lid);
  for (var m = lid; m < p.Ms; m += WG) {
    attn[row + m] = attn[row + m] / sum;
  }
  storageBarrier();
  for (var d = lid; d < p.D; d += WG) {
    var acc = 0.0;
    for (var m = 0u; m < p.Ms; m++) {
      acc += attn[row + m] * wscale(p.mem, m) * wraw(p.mem, m * p.D + d);
    }
    texOut[j * p.D + d] = acc;
  }
}
