// Why a transformers.js model load failed, in words a person can act on: shared by the adapters that load
// a model (the embedder, the reranker; the chat engine maps them to its codes), which differ only in what they call the model in their messages.
import { FILE_NOT_FOUND, HTML_INSTEAD_OF_FILE, NETWORK_FAILURE, rawMessage } from './loadErrorPatterns';
import { ModelLocationError, type ModelLocation } from './modelLocation';
import type { ComputeDevice } from '@openbook/core/types';
import { hasNavigatorGpu } from './runtime';

export type LoadFailureReason = 'not-found' | 'network' | 'webgpu' | 'invalid-model' | 'failed';

export interface LoadFailure {
  reason: LoadFailureReason;
  message: string;
}

/**
 * A model load failed; the message says why. Each adapter names its own subclass (EmbedderLoadError,
 * RerankerLoadError): across the worker boundary (Comlink) only `name` and `message` survive.
 */
export class ModelLoadError extends Error {
  readonly reason: LoadFailureReason;
  constructor(reason: LoadFailureReason, message: string) {
    super(message);
    this.name = 'ModelLoadError';
    this.reason = reason;
  }
}

export interface LoadFailureContext {
  modelId: string;
  location: ModelLocation;
  device: ComputeDevice;
  /** What the messages call the model: 'model', 'reranker'. */
  noun: string;
  /**
   * Failures only this kind of model has, from the raw message (without "Error: " prefixes): tried after
   * the network and file failures and before blaming the device; undefined when none applies.
   */
  specific?: (raw: string, modelId: string) => LoadFailure | undefined;
}

/** A ModelLocationError as a load failure (a self-hosted model the site does not serve, a bad host); else null. */
export function locationFailure(error: unknown): LoadFailure | null {
  if (!(error instanceof ModelLocationError)) return null;
  return { reason: error.reason === 'not-found' ? 'not-found' : 'failed', message: error.message };
}

/** Whatever transformers.js or ONNX Runtime threw while loading a model, as a reason and a specific message. */
export function classifyLoadFailure(error: unknown, { modelId, location, device, noun, specific }: LoadFailureContext): LoadFailure {
  const located = locationFailure(error);
  if (located) return located;
  // Already described (a device this browser lacks, or an adapter's own error): kept as it is.
  if (error instanceof ModelLoadError) return { reason: error.reason, message: error.message };
  const raw = rawMessage(error);
  const where = location.from === 'site' ? 'this site' : location.remoteHost.replace(/\/$/, '');
  const name = error instanceof Error ? error.name : '';

  if (NETWORK_FAILURE.test(raw)) {
    return {
      reason: 'network',
      message:
        location.from === 'remote'
          ? `Could not download the ${noun} "${modelId}" from ${where}: the network request failed (${raw}). Check the connection and the model host in the settings.`
          : `Could not download the ${noun} "${modelId}" from this site: the network request failed (${raw}).`,
    };
  }
  if (name === 'ModelFileNotFoundError' || FILE_NOT_FOUND.test(raw)) {
    return {
      reason: 'not-found',
      message:
        location.from === 'remote'
          ? `The ${noun} "${modelId}" was not found on ${where} (${raw}).`
          : `This site serves models/${modelId}/config.json, but another file of the ${noun} is missing (${raw}).`,
    };
  }
  if (HTML_INSTEAD_OF_FILE.test(raw)) {
    return {
      reason: 'invalid-model',
      message: `A file of the ${noun} "${modelId}" from ${where} is not what it should be: a web page came back instead (${raw}).`,
    };
  }
  const special = specific?.(raw, modelId);
  if (special) return special;
  if (device === 'webgpu') {
    return { reason: 'webgpu', message: `WebGPU could not run the ${noun} "${modelId}" (${raw}). Choose the WASM device instead.` };
  }
  return { reason: 'failed', message: `Could not load the ${noun} "${modelId}" from ${where} (${raw}).` };
}

/** The failure of a WebGPU load where this browser has no navigator.gpu; null when the device can be tried. */
export function unavailableDevice(device: ComputeDevice): LoadFailure | null {
  if (device !== 'webgpu' || hasNavigatorGpu()) return null;
  return {
    reason: 'webgpu',
    message: 'WebGPU is not available in this browser (navigator.gpu is missing). Choose the WASM device instead.',
  };
}
