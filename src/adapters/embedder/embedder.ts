// The Embedder interface: turns texts into L2-normalised vectors. Implemented with transformers.js in
// transformersEmbedder.ts and run inside embedder.worker.ts.

import type { ComputeDevice, EmbeddingDevice } from '@openbook/core/types';
import type { DownloadProgress } from '../transformers/downloadProgress';
import type { ModelSource } from '../transformers/modelLocation';

export type { ComputeDevice, DownloadProgress, EmbeddingDevice, ModelSource };

export interface EmbeddingModelInfo {
  /** Hub id, e.g. 'Xenova/all-MiniLM-L6-v2'; also the folder name under models/ when self-hosted. */
  id: string;
  label: string;
  dimension: number;
  /** Approximate download size in MB of the weights the default dtype loads on wasm (q8). */
  sizeMB: number;
  /** Approximate download size in MB on WebGPU, where the default dtype is fp32 (about four times q8). */
  webgpuSizeMB?: number;
  /** BCP 47 codes, or ['multilingual']; languagesNote (a site's own models) is shown as written. */
  languages: string[];
  languagesNote?: string;
  /** Prepended to questions (e5: 'query: '). */
  queryPrefix: string;
  /** Prepended to chunks (e5: 'passage: '). */
  passagePrefix: string;
  /** The model's maximum input length in tokens; longer inputs are cut by the model. */
  maxTokens: number;
  /** Set for models that a site serves itself and that are not on the hub (test fixtures). */
  selfHostedOnly?: boolean;
  /**
   * How token vectors become one text vector: 'mean' (the default; MiniLM, e5) or 'cls' (the first
   * token's vector, which BGE models are trained for).
   */
  pooling?: 'mean' | 'cls';
  /**
   * Set for the built-in embedder, which downloads nothing: 'lsa' (latent semantic analysis fitted to the
   * workspace's own chunks, see core/lsa). Its `dimension` is the most it makes; a fit to few chunks makes fewer.
   */
  builtin?: 'lsa';
}

export type EmbedKind = 'query' | 'passage';

export interface EmbedderLoadResult {
  modelId: string;
  /** The model's device; 'cpu' for the built-in embedder (plain JavaScript). */
  device: EmbeddingDevice;
  /** 'site' when the site served the model folder itself, 'remote' when it came from the hub, 'builtin' for LSA. */
  from: 'site' | 'remote' | 'builtin';
  dimension: number;
  /** On WASM in the browser: the threads ONNX Runtime uses (1 unless the page is cross-origin isolated). */
  threads?: number;
}

export interface Embedder {
  load(model: EmbeddingModelInfo, device: ComputeDevice, source: ModelSource, onDownload: (progress: DownloadProgress) => void): Promise<EmbedderLoadResult>;
  /**
   * Embed texts in batches, applying the model's query or passage prefix. Calls onBatch after each batch
   * with the number of texts done. Stops with an EmbeddingCancelledError after cancel().
   */
  embed(texts: string[], kind: EmbedKind, onBatch?: (done: number, total: number) => void): Promise<Float32Array[]>;
  cancel(): void;
  dispose(): Promise<void>;
}

export class EmbeddingCancelledError extends Error {
  constructor() {
    super('Embedding was cancelled.');
    this.name = 'EmbeddingCancelledError';
  }
}
