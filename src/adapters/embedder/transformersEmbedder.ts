// The Embedder implemented with transformers.js (@huggingface/transformers). Runs in the browser's
// embedding worker (embedder.worker.ts, which also points ONNX Runtime at our own copy of its wasm) and in
// Node for tests, where transformers.js uses onnxruntime-node and a folder on disk.
import { pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { notify, progressMapper } from '../transformers/downloadProgress';
import { ModelLoadError, classifyLoadFailure, locationFailure, unavailableDevice, type LoadFailureReason } from '../transformers/loadFailure';
import {
  locateModel as locateAnyModel,
  normaliseRemoteHost as normaliseAnyRemoteHost,
  resolveModelLocation,
  type LocationOptions,
  type ModelLocation,
} from '../transformers/modelLocation';
import { configureEnvironment } from '../transformers/configureEnvironment';
import { detectRuntime, libraryDevice, type Runtime } from '../transformers/runtime';
import { yieldToEventLoop } from '../transformers/yieldToEventLoop';
import {
  EmbeddingCancelledError,
  type ComputeDevice,
  type DownloadProgress,
  type EmbedKind,
  type Embedder,
  type EmbedderLoadResult,
  type EmbeddingModelInfo,
  type ModelSource,
} from './embedder';

export type EmbedderLoadErrorReason = LoadFailureReason;

/**
 * Loading a model failed; the message says why in words a person can act on. Across the worker boundary
 * (Comlink) only `name` and `message` survive, not the class or `reason`.
 */
export class EmbedderLoadError extends ModelLoadError {
  constructor(reason: EmbedderLoadErrorReason, message: string) {
    super(reason, message);
    this.name = 'EmbedderLoadError';
  }
}

/** Where models come from (localModelPath, fetch: see LocationOptions), and how the work is split. */
export interface TransformersEmbedderOptions extends LocationOptions {
  /** Texts per model call (default 16). */
  batchSize?: number;
  /** Where this runs; detected when unset. Node has no 'wasm' device: 'wasm' runs on 'cpu' there. */
  runtime?: 'browser' | 'node';
}

export type { ModelLocation } from '../transformers/modelLocation';
export { normaliseBasePath } from '../transformers/modelLocation';

/** As an EmbedderLoadError: a model location failure, or anything already described. */
function asLoadError(error: unknown): EmbedderLoadError | null {
  if (error instanceof EmbedderLoadError) return error;
  const located = locationFailure(error);
  return located && new EmbedderLoadError(located.reason, located.message);
}

/** The hub host with exactly one trailing slash; an EmbedderLoadError for an unusable host. */
export function normaliseRemoteHost(remoteHost: string): string {
  try {
    return normaliseAnyRemoteHost(remoteHost);
  } catch (error) {
    throw asLoadError(error) ?? error;
  }
}

/**
 * Decide where a model comes from: the site when `${basePath}models/<id>/config.json` answers with JSON,
 * otherwise the hub. A model marked selfHostedOnly that the site does not serve is an EmbedderLoadError.
 */
export async function locateModel(
  model: EmbeddingModelInfo,
  source: ModelSource,
  fetchFn: typeof fetch | undefined = globalThis.fetch,
): Promise<ModelLocation> {
  try {
    return await locateAnyModel(model, source, fetchFn);
  } catch (error) {
    throw asLoadError(error) ?? error;
  }
}

/** Turn whatever transformers.js or ONNX Runtime threw into an EmbedderLoadError with a specific message. */
export function describeLoadError(error: unknown, model: EmbeddingModelInfo, location: ModelLocation, device: ComputeDevice): EmbedderLoadError {
  if (error instanceof EmbedderLoadError) return error;
  const { reason, message } = classifyLoadFailure(error, { modelId: model.id, location, device, noun: 'model' });
  return new EmbedderLoadError(reason, message);
}

export class TransformersEmbedder implements Embedder {
  private extractor: FeatureExtractionPipeline | null = null;
  private model: EmbeddingModelInfo | null = null;
  private cancelled = false;
  private readonly batchSize: number;
  private readonly runtime: Runtime;

  constructor(private readonly options: TransformersEmbedderOptions = {}) {
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
    this.runtime = options.runtime ?? detectRuntime();
  }

  /** The device name transformers.js understands here, or an error when the device is unavailable. */
  private runtimeDevice(device: ComputeDevice): 'webgpu' | 'wasm' | 'cpu' {
    const unavailable = unavailableDevice(device);
    if (unavailable) throw new EmbedderLoadError(unavailable.reason, unavailable.message);
    return libraryDevice(device, this.runtime);
  }

  async load(
    model: EmbeddingModelInfo,
    device: ComputeDevice,
    source: ModelSource,
    onDownload: (progress: DownloadProgress) => void,
  ): Promise<EmbedderLoadResult> {
    // The model loaded before stays usable until the new one has loaded: a failed load changes nothing.
    const runtimeDevice = this.runtimeDevice(device);
    let location: ModelLocation;
    try {
      location = await resolveModelLocation(model, source, this.options);
    } catch (error) {
      throw asLoadError(error) ?? error;
    }
    configureEnvironment(location);

    let extractor: FeatureExtractionPipeline;
    try {
      extractor = (await pipeline('feature-extraction', model.id, {
        device: runtimeDevice,
        progress_callback: progressMapper(onDownload),
      })) as FeatureExtractionPipeline;
    } catch (error) {
      throw describeLoadError(error, model, location, device);
    }

    // One tiny call: finds the real dimension, and surfaces device failures (WebGPU shader compilation)
    // now rather than in the middle of embedding.
    let dimension: number;
    try {
      const probe = await extractor(['openbook'], { pooling: model.pooling ?? 'mean', normalize: true });
      dimension = probe.dims[probe.dims.length - 1] ?? 0;
      probe.dispose();
    } catch (error) {
      await extractor.dispose().catch(() => {});
      throw describeLoadError(error, model, location, device);
    }
    if (dimension !== model.dimension) {
      await extractor.dispose().catch(() => {});
      throw new EmbedderLoadError(
        'invalid-model',
        `The model "${model.id}" produces ${dimension}-dimensional vectors, but its description says ${model.dimension}.`,
      );
    }

    const previous = this.extractor;
    this.extractor = extractor;
    this.model = model;
    if (previous) await previous.dispose().catch(() => {});
    return { modelId: model.id, device, from: location.from, dimension };
  }

  async embed(texts: string[], kind: EmbedKind, onBatch?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const extractor = this.extractor;
    const model = this.model;
    if (!extractor || !model) throw new Error('No embedding model is loaded yet.');
    this.cancelled = false;
    const prefix = kind === 'query' ? model.queryPrefix : model.passagePrefix;
    const pooling = model.pooling ?? 'mean';
    const vectors: Float32Array[] = [];

    for (let start = 0; start < texts.length; start += this.batchSize) {
      if (this.cancelled) throw new EmbeddingCancelledError();
      const batch = texts.slice(start, start + this.batchSize).map((text) => prefix + text);
      const output = await extractor(batch, { pooling, normalize: true });
      const dimension = output.dims[output.dims.length - 1] ?? 0;
      const data = output.data instanceof Float32Array ? output.data : Float32Array.from(output.data as ArrayLike<number>);
      for (let i = 0; i < batch.length; i++) vectors.push(data.slice(i * dimension, (i + 1) * dimension));
      output.dispose();
      notify(onBatch, vectors.length, texts.length);
      await yieldToEventLoop();
    }
    if (this.cancelled) throw new EmbeddingCancelledError();
    return vectors;
  }

  cancel(): void {
    this.cancelled = true;
  }

  async dispose(): Promise<void> {
    const extractor = this.extractor;
    this.extractor = null;
    this.model = null;
    if (extractor) await extractor.dispose();
  }
}
