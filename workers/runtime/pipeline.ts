/** Builds the edit pipeline for a backend: WebGPU (ORT WebGPU EP + WGSL kernels) or WASM (ORT WASM + CPU refs). */
import { CpuPipeline } from './cpu-pipeline.ts';
import { GpuPipeline } from './gpu-pipeline.ts';
import type { PipelineFactory } from './local-engine.ts';
import { packModel } from './pack-model.ts';

export const createPipeline: PipelineFactory = async (pack, backend, onLost) => {
  const model = packModel(pack);
  return backend === 'webgpu' ? GpuPipeline.create(model, onLost) : CpuPipeline.create(model);
};
