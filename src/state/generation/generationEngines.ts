// The generation engines the app offers, which one suits this browser, and what keeps one from running.
import type { GpuCapabilities, ModelBlocker } from '../../adapters/generator/generator';
import type { ComputeDevice } from '@openbook/core/types';

/**
 * WebLLM on WebGPU, transformers.js on the device measured faster here ('transformers-auto': Automatic, see
 * chatDeviceTrial.ts), on WebGPU or on WASM (the CPU), or an OpenAI-compatible server the user runs ('openai':
 * opt-in only, never a default, since the prompt leaves the page). WebLLM runs on WebGPU only: its "Automatic"
 * is only whether the adapter is a real GPU (defaultEngineFor).
 */
export type GenerationEngine = 'webllm' | 'transformers-auto' | 'transformers-webgpu' | 'transformers-wasm' | 'openai';
export type EngineFamily = 'webllm' | 'transformers' | 'openai';

export const GENERATION_ENGINES: readonly GenerationEngine[] = ['webllm', 'transformers-auto', 'transformers-webgpu', 'transformers-wasm', 'openai'];

export function engineFamily(engine: GenerationEngine): EngineFamily {
  return engine === 'webllm' ? 'webllm' : engine === 'openai' ? 'openai' : 'transformers';
}

/**
 * WebLLM where WebGPU has a real (hardware) adapter, the fastest; transformers.js on WASM everywhere else, a
 * software adapter (SwiftShader, a fallback or CPU adapter) included, since WASM beats it; never the endpoint.
 */
export function defaultEngineFor(caps: GpuCapabilities): GenerationEngine {
  return caps.adapter && !caps.software ? 'webllm' : 'transformers-wasm';
}

/**
 * The engine a model really runs on: the Automatic transformers.js engine as the device it chose (WASM or
 * WebGPU), any other as it is.
 */
export function engineInUse(engine: GenerationEngine, device: ComputeDevice | null): GenerationEngine {
  return engine === 'transformers-auto' && device ? `transformers-${device}` : engine;
}

/** What stops an engine's WebGPU use here (shader-f16 is a matter of the model, not of the engine). */
export function engineBlocker(engine: GenerationEngine, caps: GpuCapabilities): ModelBlocker | null {
  // Automatic falls back to WASM, which runs everywhere.
  if (engine === 'transformers-wasm' || engine === 'transformers-auto' || engine === 'openai') return null;
  if (!caps.webgpu) return 'no-webgpu';
  if (!caps.adapter) return 'no-adapter';
  return null;
}
