// The Embedder implemented with transformers.js (@huggingface/transformers). Runs in the browser's
// embedding worker (embedder.worker.ts, which also points ONNX Runtime at our own copy of its wasm) and in
// Node for tests, where transformers.js uses onnxruntime-node and a folder on disk.
import { env, pipeline, type FeatureExtractionPipeline, type ProgressInfo } from '@huggingface/transformers';
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

export type EmbedderLoadErrorReason = 'not-found' | 'network' | 'webgpu' | 'invalid-model' | 'failed';

/**
 * Loading a model failed; the message says why in words a person can act on. Across the worker boundary
 * (Comlink) only `name` and `message` survive, not the class or `reason`.
 */
export class EmbedderLoadError extends Error {
  readonly reason: EmbedderLoadErrorReason;
  constructor(reason: EmbedderLoadErrorReason, message: string) {
    super(message);
    this.name = 'EmbedderLoadError';
    this.reason = reason;
  }
}

export interface TransformersEmbedderOptions {
  /** Texts per model call (default 16). */
  batchSize?: number;
  /**
   * Load every model from this folder (it holds <id>/config.json, ...) instead of asking the site:
   * a filesystem path in Node (tests, scripts). In the browser, leave it unset: load() probes
   * `${basePath}models/<id>/config.json` and falls back to the hub.
   */
  localModelPath?: string;
  /** The fetch used to probe the site (default: globalThis.fetch). */
  fetch?: typeof fetch;
  /** Where this runs; detected when unset. Node has no 'wasm' device: 'wasm' runs on 'cpu' there. */
  runtime?: 'browser' | 'node';
}

/** Where load() takes a model from. */
export type ModelLocation = { from: 'site'; localModelPath: string } | { from: 'remote'; remoteHost: string };

function detectRuntime(): 'browser' | 'node' {
  const g = globalThis as { process?: { versions?: { node?: string } }; window?: unknown; WorkerGlobalScope?: unknown };
  const isNode = typeof g.process?.versions?.node === 'string' && g.window === undefined && g.WorkerGlobalScope === undefined;
  return isNode ? 'node' : 'browser';
}

/**
 * The site path under which models/ lives, with a leading and trailing slash. transformers.js needs a
 * PATH here: an absolute http(s) URL as localModelPath breaks its tokenizer loading, so a URL is reduced
 * to its path. A relative base (Vite's base './') is taken from the site root.
 */
export function normaliseBasePath(basePath: string): string {
  let path = basePath.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) path = new URL(path).pathname;
  path = path.replace(/^(\.\/)+/, '');
  if (!path.startsWith('/')) path = `/${path}`;
  if (!path.endsWith('/')) path = `${path}/`;
  return path;
}

/** The hub host with exactly one trailing slash, as transformers.js' env.remoteHost expects. */
export function normaliseRemoteHost(remoteHost: string): string {
  const host = remoteHost.trim();
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new EmbedderLoadError('failed', `The model host "${remoteHost}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EmbedderLoadError('failed', `The model host "${remoteHost}" must be an http(s) URL.`);
  }
  return host.replace(/\/+$/, '') + '/';
}

/**
 * Decide where a model comes from: the site when `${basePath}models/<id>/config.json` answers with JSON,
 * otherwise the hub. A model marked selfHostedOnly that the site does not serve is an error.
 */
export async function locateModel(
  model: EmbeddingModelInfo,
  source: ModelSource,
  fetchFn: typeof fetch | undefined = globalThis.fetch,
): Promise<ModelLocation> {
  const base = normaliseBasePath(source.basePath);
  const probe = `${base}models/${model.id}/config.json`;
  let onSite = false;
  if (fetchFn) {
    try {
      const response = await fetchFn(probe);
      if (response.ok) {
        // A site that answers every path with index.html would otherwise look like it serves the model.
        const config: unknown = JSON.parse(await response.text());
        onSite = typeof config === 'object' && config !== null && !Array.isArray(config);
      }
    } catch {
      onSite = false; // not JSON, or the request failed: not served here
    }
  }
  if (onSite) return { from: 'site', localModelPath: `${base}models/` };
  if (model.selfHostedOnly) {
    throw new EmbedderLoadError(
      'not-found',
      `The model "${model.id}" is only available from the site that serves it, but ${probe} was not found there.`,
    );
  }
  return { from: 'remote', remoteHost: normaliseRemoteHost(source.remoteHost) };
}

/** Point transformers.js at the chosen location. env is global to the library: set it before each load. */
function configureEnvironment(location: ModelLocation): void {
  if (location.from === 'site') {
    env.allowLocalModels = true;
    env.localModelPath = location.localModelPath;
    env.allowRemoteModels = false;
  } else {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.remoteHost = location.remoteHost;
  }
}

function rawMessage(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.replace(/^(Error: )+/, '').trim();
}

const NETWORK_FAILURE = /Failed to fetch|fetch failed|NetworkError|Load failed|network error|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET/i;
const NOT_FOUND = /Could not locate file|was not found locally|Local file missing|status(?: code)?:? 404|\b404\b/i;
const HTML_INSTEAD_OF_FILE = /Unexpected token '?<|<!DOCTYPE|is not valid JSON/i;

/** Turn whatever transformers.js or ONNX Runtime threw into an EmbedderLoadError with a specific message. */
export function describeLoadError(
  error: unknown,
  model: EmbeddingModelInfo,
  location: ModelLocation,
  device: ComputeDevice,
): EmbedderLoadError {
  if (error instanceof EmbedderLoadError) return error;
  const raw = rawMessage(error);
  const where = location.from === 'site' ? 'this site' : location.remoteHost.replace(/\/$/, '');
  const name = error instanceof Error ? error.name : '';

  if (NETWORK_FAILURE.test(raw)) {
    return new EmbedderLoadError(
      'network',
      location.from === 'remote'
        ? `Could not download the model "${model.id}" from ${where}: the network request failed (${raw}). Check the connection and the model host in the settings.`
        : `Could not download the model "${model.id}" from this site: the network request failed (${raw}).`,
    );
  }
  if (name === 'ModelFileNotFoundError' || NOT_FOUND.test(raw)) {
    return new EmbedderLoadError(
      'not-found',
      location.from === 'remote'
        ? `The model "${model.id}" was not found on ${where} (${raw}).`
        : `This site serves models/${model.id}/config.json, but another file of the model is missing (${raw}).`,
    );
  }
  if (HTML_INSTEAD_OF_FILE.test(raw)) {
    return new EmbedderLoadError(
      'invalid-model',
      `A file of the model "${model.id}" from ${where} is not what it should be: a web page came back instead (${raw}).`,
    );
  }
  if (device === 'webgpu') {
    return new EmbedderLoadError(
      'webgpu',
      `WebGPU could not run the model "${model.id}" (${raw}). Choose the WASM device instead.`,
    );
  }
  return new EmbedderLoadError('failed', `Could not load the model "${model.id}" from ${where} (${raw}).`);
}

/** Let queued messages (a cancel() arriving through Comlink) run: ORT on wasm does not yield by itself. */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Call a progress callback (possibly a Comlink proxy returning a promise) without letting it break us. */
function notify<A extends unknown[]>(callback: ((...args: A) => unknown) | undefined, ...args: A): void {
  if (!callback) return;
  try {
    const result = callback(...args) as { then?: unknown } | undefined;
    if (result && typeof result.then === 'function') (result as Promise<unknown>).then(undefined, () => {});
  } catch {
    // A broken progress listener must not stop the work.
  }
}

/** Maps transformers.js progress events to DownloadProgress, at most one 'progress' per file per 100 ms. */
function progressMapper(onDownload: (progress: DownloadProgress) => void): (info: ProgressInfo) => void {
  const files = new Map<string, { loaded: number; total: number; sentAt: number }>();
  return (info) => {
    if (info.status === 'initiate') {
      files.set(info.file, { loaded: 0, total: 0, sentAt: 0 });
      notify(onDownload, { file: info.file, loadedBytes: 0, totalBytes: 0, done: false });
    } else if (info.status === 'progress') {
      const now = Date.now();
      const last = files.get(info.file);
      const finished = info.total > 0 && info.loaded >= info.total;
      files.set(info.file, { loaded: info.loaded, total: info.total, sentAt: last?.sentAt ?? 0 });
      if (!finished && last && now - last.sentAt < 100) return;
      files.set(info.file, { loaded: info.loaded, total: info.total, sentAt: now });
      notify(onDownload, { file: info.file, loadedBytes: info.loaded, totalBytes: info.total, done: false });
    } else if (info.status === 'done') {
      const last = files.get(info.file);
      const total = last?.total || last?.loaded || 0;
      notify(onDownload, { file: info.file, loadedBytes: total, totalBytes: total, done: true });
    }
  };
}

export class TransformersEmbedder implements Embedder {
  private extractor: FeatureExtractionPipeline | null = null;
  private model: EmbeddingModelInfo | null = null;
  private cancelled = false;
  private readonly batchSize: number;
  private readonly runtime: 'browser' | 'node';

  constructor(private readonly options: TransformersEmbedderOptions = {}) {
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
    this.runtime = options.runtime ?? detectRuntime();
  }

  /** The device name transformers.js understands here, or an error when the device is unavailable. */
  private runtimeDevice(device: ComputeDevice): 'webgpu' | 'wasm' | 'cpu' {
    if (device === 'webgpu') {
      const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
      if (!nav?.gpu) {
        throw new EmbedderLoadError(
          'webgpu',
          'WebGPU is not available in this browser (navigator.gpu is missing). Choose the WASM device instead.',
        );
      }
      return 'webgpu';
    }
    return this.runtime === 'node' ? 'cpu' : 'wasm';
  }

  async load(
    model: EmbeddingModelInfo,
    device: ComputeDevice,
    source: ModelSource,
    onDownload: (progress: DownloadProgress) => void,
  ): Promise<EmbedderLoadResult> {
    // The model loaded before stays usable until the new one has loaded: a failed load changes nothing.
    const runtimeDevice = this.runtimeDevice(device);
    const location: ModelLocation = this.options.localModelPath
      ? { from: 'site', localModelPath: this.options.localModelPath }
      : await locateModel(model, source, this.options.fetch ?? globalThis.fetch);
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

  async embed(
    texts: string[],
    kind: EmbedKind,
    onBatch?: (done: number, total: number) => void,
  ): Promise<Float32Array[]> {
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
