// The Reranker interface: a cross-encoder reads the question and a passage together and says how well
// they match. Implemented with transformers.js in transformersReranker.ts and run inside
// reranker.worker.ts.
import type { DownloadProgress } from '../transformers/downloadProgress';
import type { ModelSource } from '../transformers/modelLocation';

import type { ComputeDevice } from '@openbook/core/types';

export type { ComputeDevice, DownloadProgress, ModelSource };

export interface RerankModelInfo {
  /** Hub id, e.g. 'Xenova/ms-marco-MiniLM-L-6-v2'; also the folder name under models/ when self-hosted. */
  id: string;
  label: string;
  /** Approximate download size in MB of the weights the wasm device loads (q8, onnx/model_quantized.onnx). */
  sizeMB: number;
  /** Approximate download size in MB on WebGPU, where the default dtype is fp32 (onnx/model.onnx). */
  webgpuSizeMB?: number;
  /** BCP 47 codes, or ['multilingual']; languagesNote (a site's own models) is shown as written. */
  languages: string[];
  languagesNote?: string;
  /** Tokens of question plus passage the model reads; the passage is cut beyond that. */
  maxTokens: number;
  /** Set for models that a site serves itself and that are not on the hub (test fixtures). */
  selfHostedOnly?: boolean;
}

export interface RerankerLoadResult {
  modelId: string;
  device: ComputeDevice;
  /** 'site' when the site served the model folder itself, 'remote' when it came from the hub. */
  from: 'site' | 'remote';
}

export interface Reranker {
  load(model: RerankModelInfo, device: ComputeDevice, source: ModelSource, onDownload: (progress: DownloadProgress) => void): Promise<RerankerLoadResult>;
  /**
   * Score each passage against the question, in batches: the sigmoid of the cross-encoder's logit, in
   * [0, 1], in the order of `passages`. Calls onBatch after each batch with the number scored so far.
   * Stops with a RerankCancelledError after cancel().
   */
  score(question: string, passages: string[], onBatch?: (done: number, total: number) => void): Promise<number[]>;
  /** Stop every scoring call under way or waiting. */
  cancel(): void;
  dispose(): Promise<void>;
}

export class RerankCancelledError extends Error {
  constructor() {
    super('Reranking was cancelled.');
    this.name = 'RerankCancelledError';
  }
}
