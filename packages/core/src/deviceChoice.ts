// Which device a transformers.js model runs on (the embedder, the reranker, the chat engine): the user's
// choice, or with "Automatic" WebGPU on a real GPU and WASM otherwise. A software WebGPU adapter
// (SwiftShader, llvmpipe: the GPU emulated on the CPU) is never picked automatically: WASM on the same CPU
// is faster. Chosen explicitly, it is still used (the e2e tests run WebGPU on SwiftShader). Pure.
import type { ComputeDevice } from './types';

/** The user's device setting: 'auto' lets the app choose. */
export type DevicePreference = 'auto' | ComputeDevice;

/** What the app knows of this browser's WebGPU (a subset of GpuCapabilities). */
export interface GpuFacts {
  webgpu: boolean;
  /** An adapter was granted. */
  adapter: boolean;
  /** The adapter is a software renderer (a fallback adapter, SwiftShader, a CPU device). */
  software: boolean;
}

/**
 * Why the device is what it is: 'chosen' by the user, or the automatic choice on a 'gpu', a 'software-gpu'
 * (WASM instead), or 'no-gpu' (WASM; no WebGPU or no adapter).
 */
export type DeviceReason = 'chosen' | 'gpu' | 'software-gpu' | 'no-gpu';

export type DeviceChoice = { device: ComputeDevice; reason: DeviceReason } | { device: null; reason: 'webgpu-unavailable' };

/** What "Automatic" picks here, and why. */
export function automaticDevice(caps: GpuFacts): { device: ComputeDevice; reason: Exclude<DeviceReason, 'chosen'> } {
  if (!caps.adapter) return { device: 'wasm', reason: 'no-gpu' };
  if (caps.software) return { device: 'wasm', reason: 'software-gpu' };
  return { device: 'webgpu', reason: 'gpu' };
}

/** The device for `preference`; device null when WebGPU was chosen but there is no adapter. */
export function chooseDevice(preference: DevicePreference, caps: GpuFacts): DeviceChoice {
  if (preference === 'auto') return automaticDevice(caps);
  if (preference === 'webgpu' && !caps.adapter) return { device: null, reason: 'webgpu-unavailable' };
  return { device: preference, reason: 'chosen' };
}

/** Adapter descriptions that name a software renderer (Chromium's SwiftShader, Mesa's llvmpipe / lavapipe, Windows' WARP). */
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|\bwarp\b|\bcpu\b/i;

/** The parts of GPUAdapterInfo read to tell a software adapter (structural, for tests). */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  /** Newer Chromium: the adapter is the fallback (software) one. */
  isFallbackAdapter?: boolean;
}

/** Whether an adapter is a software renderer, from its info (or the older adapter.isFallbackAdapter). */
export function isSoftwareAdapter(info: AdapterInfoLike | undefined, isFallbackAdapter?: boolean): boolean {
  if (isFallbackAdapter === true || info?.isFallbackAdapter === true) return true;
  if (!info) return false;
  return [info.vendor, info.architecture, info.device, info.description].some((part) => typeof part === 'string' && SOFTWARE_ADAPTER.test(part));
}
