// Attainable f32 FMA throughput of the adapter (the benchmark's "capability" line): independent FMA
// chains per invocation, so the only limit is arithmetic issue rate. 32 FLOPs per iteration.
override WG: u32 = 64;

struct Params {
  iters: u32,
}

@group(0) @binding(0) var<storage, read_write> out: array<f32>;
@group(0) @binding(1) var<uniform> p: Params;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  var a = vec4<f32>(f32(gid.x) * 1e-7, 1.0, 2.0, 3.0);
  var b = a + 0.5;
  var c = a * 0.25;
  var d = a - 0.125;
  let m = vec4<f32>(0.9999);
  let k = vec4<f32>(1e-4);
  for (var i = 0u; i < p.iters; i++) {
    a = fma(a, m, k);
    b = fma(b, m, k);
    c = fma(c, m, k);
    d = fma(d, m, k);
  }
  // Stored so the compiler cannot drop the chains.
  out[gid.x] = a.x + b.y + c.z + d.w;
}
