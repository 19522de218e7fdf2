// The Reranker implemented with transformers.js: AutoTokenizer + AutoModelForSequenceClassification on
// (question, passage) pairs, score = sigmoid of the one relevance logit. Not the text-classification
// pipeline: it takes no text pairs and softmaxes a single logit to 1.0. Runs in the browser's reranker
// worker (reranker.worker.ts) and in Node for tests (onnxruntime-node, a folder on disk).
import { AutoModelForSequenceClassification, AutoTokenizer, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from '@huggingface/transformers';
import { scoresFromLogits } from '@openbook/core/rerank';
import type { ComputeDevice } from '@openbook/core/types';
import { notify } from '../transformers/downloadProgress';
import { LoadedModelSlot } from '../transformers/modelLoader';
import { ModelLoadError, classifyLoadFailure, type LoadFailure, type LoadFailureReason } from '../transformers/loadFailure';
import type { LocationOptions, ModelLocation } from '../transformers/modelLocation';
import { detectRuntime, type Runtime } from '../transformers/runtime';
import { yieldToEventLoop } from '../transformers/yieldToEventLoop';
import { RerankCancelledError, type DownloadProgress, type ModelSource, type RerankModelInfo, type Reranker, type RerankerLoadResult } from './reranker';

export type RerankerLoadErrorReason = LoadFailureReason;

/**
 * Loading a cross-encoder failed; the message says why in words a person can act on. Across the worker
 * boundary (Comlink) only `name` and `message` survive.
 */
export class RerankerLoadError extends ModelLoadError {
  constructor(reason: RerankerLoadErrorReason, message: string) {
    super(reason, message);
    this.name = 'RerankerLoadError';
  }
}

/** Where models come from (localModelPath, fetch: see LocationOptions), and how the work is split. */
export interface TransformersRerankerOptions extends LocationOptions {
  /** Pairs per model call (default 8). */
  batchSize?: number;
  runtime?: Runtime;
}

/** Turn whatever transformers.js or ONNX Runtime threw into a RerankerLoadError with a specific message. */
export function describeRerankLoadError(error: unknown, model: RerankModelInfo, location: ModelLocation, device: ComputeDevice): RerankerLoadError {
  if (error instanceof RerankerLoadError) return error;
  const { reason, message } = classifyLoadFailure(error, { modelId: model.id, location, device, noun: 'reranker', specific: notCrossEncoder });
  return new RerankerLoadError(reason, message);
}

/** transformers.js cannot load this architecture as a sequence classification model. */
function notCrossEncoder(raw: string, modelId: string): LoadFailure | undefined {
  if (!/Unsupported model type/i.test(raw)) return undefined;
  return {
    reason: 'invalid-model',
    message: `"${modelId}" cannot be loaded as a cross-encoder (a sequence classification model) by transformers.js (${raw}).`,
  };
}

interface Loaded {
  model: RerankModelInfo;
  tokenizer: PreTrainedTokenizer;
  classifier: PreTrainedModel;
}

export class TransformersReranker implements Reranker {
  /** Raised by cancel(); a scoring call stops when it differs from the value it started under. */
  private cancelEpoch = 0;
  /** Scoring calls run one after another: one ONNX session must not run twice at once. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly batchSize: number;
  private readonly slot: LoadedModelSlot<Loaded>;

  constructor(options: TransformersRerankerOptions = {}) {
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 8));
    this.slot = new LoadedModelSlot({ location: options, runtime: options.runtime ?? detectRuntime() }, (loaded) => loaded.classifier.dispose());
  }

  async load(
    model: RerankModelInfo,
    device: ComputeDevice,
    source: ModelSource,
    onDownload: (progress: DownloadProgress) => void,
  ): Promise<RerankerLoadResult> {
    // The model loaded before stays usable until the new one has loaded: a failed load changes nothing.
    const location = await this.slot.load(
      { model, device, source, onDownload },
      {
        create: async (libraryDevice, progress_callback) => {
          const tokenizer = await AutoTokenizer.from_pretrained(model.id, { progress_callback });
          const classifier = await AutoModelForSequenceClassification.from_pretrained(model.id, { device: libraryDevice, progress_callback });
          return { model, tokenizer, classifier };
        },
        // One pair now: surfaces a model that is no cross-encoder, or a device failure (WebGPU shaders),
        // before any question depends on it.
        probe: async (loaded) => {
          try {
            await this.scoreBatch(loaded, 'openbook', ['openbook']);
          } catch (error) {
            if (error instanceof Error && /one relevance logit per pair/.test(error.message)) {
              throw new RerankerLoadError('invalid-model', `"${model.id}" is not a reranker: ${error.message}`);
            }
            throw error;
          }
        },
        describe: (error, location) => describeRerankLoadError(error, model, location ?? { from: 'site', localModelPath: '' }, device),
      },
    );
    return { modelId: model.id, device, from: location.from };
  }

  private async scoreBatch({ model, tokenizer, classifier }: Loaded, question: string, passages: string[]): Promise<number[]> {
    // Question first, passage second: truncation cuts the end of the pair, so the passage, never the question.
    const inputs = tokenizer(
      passages.map(() => question),
      { text_pair: passages, padding: true, truncation: true, max_length: model.maxTokens },
    );
    const output = (await classifier(inputs)) as { logits?: Tensor };
    const logits = output.logits;
    if (!logits) {
      throw new Error(
        `A reranker gives one relevance logit per pair, but this model has no "logits" output (it gives ${Object.keys(output).join(', ') || 'nothing'}).`,
      );
    }
    try {
      return scoresFromLogits(logits.data as Float32Array, logits.dims);
    } finally {
      logits.dispose();
    }
  }

  score(question: string, passages: string[], onBatch?: (done: number, total: number) => void): Promise<number[]> {
    const epoch = this.cancelEpoch;
    const run = this.queue.then(() => this.scoreAll(epoch, question, passages, onBatch));
    this.queue = run.catch(() => {});
    return run;
  }

  private async scoreAll(epoch: number, question: string, passages: string[], onBatch?: (done: number, total: number) => void): Promise<number[]> {
    const loaded = this.slot.value;
    if (!loaded) throw new Error('No reranker is loaded yet.');
    const scores: number[] = [];
    for (let start = 0; start < passages.length; start += this.batchSize) {
      if (epoch !== this.cancelEpoch) throw new RerankCancelledError();
      scores.push(...(await this.scoreBatch(loaded, question, passages.slice(start, start + this.batchSize))));
      notify(onBatch, scores.length, passages.length);
      await yieldToEventLoop();
    }
    if (epoch !== this.cancelEpoch) throw new RerankCancelledError();
    return scores;
  }

  cancel(): void {
    this.cancelEpoch++;
  }

  dispose(): Promise<void> {
    return this.slot.dispose();
  }
}
