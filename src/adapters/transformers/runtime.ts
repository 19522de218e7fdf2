// Where transformers.js runs (a browser page or worker, or Node for tests), and the device name it wants.

import type { ComputeDevice } from '@openbook/core/types';

export type Runtime = 'browser' | 'node';

export function detectRuntime(): Runtime {
  const g = globalThis as { process?: { versions?: { node?: string } }; window?: unknown; WorkerGlobalScope?: unknown };
  const isNode = typeof g.process?.versions?.node === 'string' && g.window === undefined && g.WorkerGlobalScope === undefined;
  return isNode ? 'node' : 'browser';
}

/** Node has no 'wasm' device: the same work runs on onnxruntime-node's 'cpu' there. */
export function libraryDevice(device: ComputeDevice, runtime: Runtime): 'webgpu' | 'wasm' | 'cpu' {
  if (device === 'webgpu') return 'webgpu';
  return runtime === 'node' ? 'cpu' : 'wasm';
}

/** navigator.gpu exists here (in a page or a worker). */
export function hasNavigatorGpu(): boolean {
  return !!(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu;
}
