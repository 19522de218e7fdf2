// Generator on the main thread, backed by transformers.js running in transformersChat.worker.ts, on
// WebGPU or WASM. Nothing of transformers.js is imported here (only types): the library loads in the
// worker, and the store imports this module lazily, so none of it lands on the first screen.
import { callback, startWorker, type WorkerClient } from '../workerRpc';
import type { DownloadProgress } from '../transformers/downloadProgress';
import { rejectOnAbort, wait } from './abortable';
import { classifyGenerationError } from './classifyGenerationError';
import { GenerationError, type ChatMessage, type GenerateOptions, type GenerationStats, type Generator, type LoadProgress } from './generator';
import { LoadProgressTotals } from './loadProgressTotals';
import type { ChatResult, ChatWorkerApi } from './transformersChatApi';
import type { ChatLoadResult } from './transformersChatEngine';
import type { ComputeDevice } from '@openbook/core/types';
import type { TrialTiming } from '@openbook/core/deviceTrial';
import { chooseWeights, type TransformersChatModelInfo } from './transformersChatModels';

export type ChatWorkerClient = WorkerClient<ChatWorkerApi>;

export interface TransformersGeneratorOptions {
  /** The device the next load runs on (the Automatic engine changes it between loads: see `device`). */
  device: ComputeDevice;
  /** Whether the WebGPU adapter has 'shader-f16' (chooses the f16 weights on WebGPU). */
  shaderF16: boolean;
  /** The app's base URL path, where a site may serve models/<id>/. */
  basePath: string;
  /** The model behind an id: built-in or listed by the site. */
  findModel(id: string): TransformersChatModelInfo | undefined;
  /** Starts the worker; a test passes an in-process engine. */
  startWorker?: () => Promise<ChatWorkerClient>;
  /** How long unload() waits for the worker to release the model before terminating it anyway. */
  unloadTimeoutMs?: number;
}

export function startChatWorker(): Promise<ChatWorkerClient> {
  return startWorker<ChatWorkerApi>(new Worker(new URL('./transformersChat.worker.ts', import.meta.url), { type: 'module', name: 'openbook-chat' }));
}

function unwrap<T>(result: ChatResult<T>): T {
  if (!result.ok) throw new GenerationError(result.error.code, result.error.message);
  return result.value;
}

export class TransformersGenerator implements Generator {
  private client: ChatWorkerClient | null = null;
  /** Aborted when the client goes: calls in flight to a terminated worker would never settle. */
  private clientLife: AbortController | null = null;
  private loading: AbortController | null = null;
  private info: ChatLoadResult | null = null;

  /** The device the next load() runs on; the Automatic engine sets it before each load. */
  device: ComputeDevice;

  constructor(private readonly options: TransformersGeneratorOptions) {
    this.device = options.device;
  }

  get loaded(): boolean {
    return this.client !== null;
  }

  /** What is loaded: model, device, dtype, and whether the site served it. */
  get loadedInfo(): ChatLoadResult | null {
    return this.info;
  }

  async load(modelId: string, modelHost: string, onProgress: (p: LoadProgress) => void): Promise<void> {
    await this.unload();
    const model = this.options.findModel(modelId);
    if (!model) throw new GenerationError('not-found', `"${modelId}" is not a known transformers.js chat model.`);
    const { shaderF16, basePath } = this.options;
    const device = this.device;
    const { dtype } = chooseWeights(model, device, shaderF16);
    const controller = new AbortController();
    this.loading = controller;
    let client: ChatWorkerClient | null = null;
    try {
      const starting = (this.options.startWorker ?? startChatWorker)();
      // Cancelled: the worker goes, also one that finishes starting afterwards.
      controller.signal.addEventListener(
        'abort',
        () =>
          void starting.then(
            (c) => c.terminate(),
            () => undefined,
          ),
        { once: true },
      );
      client = await rejectOnAbort(controller.signal, starting);
      const totals = new LoadProgressTotals();
      const loading: Promise<ChatResult<ChatLoadResult>> = client.api.load(
        { model, device, dtype, source: { remoteHost: modelHost, basePath } },
        callback((file: DownloadProgress) => {
          if (!controller.signal.aborted) onProgress(totals.update(file));
        }),
      );
      this.info = unwrap(await rejectOnAbort(controller.signal, loading));
      this.client = client;
      this.clientLife = new AbortController();
      // A worker that crashes takes the model with it: its answer in flight fails with the reason, and the
      // model must be loaded again (a new worker starts then).
      const loaded = client;
      client.onDeath?.(() => {
        if (this.client !== loaded) return;
        this.client = null;
        this.info = null;
      });
    } catch (err) {
      // A download cannot be interrupted inside the library: the worker goes, and with it the download.
      client?.terminate();
      throw classifyGenerationError(err);
    } finally {
      if (this.loading === controller) this.loading = null;
    }
  }

  async generate(messages: ChatMessage[], options: GenerateOptions, onDelta: (text: string) => void): Promise<GenerationStats> {
    const client = this.client;
    const life = this.clientLife;
    if (!client || !life) throw new GenerationError('unknown', 'No chat model is loaded.');
    try {
      const plain = messages.map(({ role, content }) => ({ role, content }));
      const answering: Promise<ChatResult<GenerationStats>> = client.api.generate(plain, options, callback(onDelta));
      return unwrap(await rejectOnAbort(life.signal, answering, 'The model was unloaded while answering.'));
    } catch (err) {
      throw classifyGenerationError(err);
    }
  }

  /** "Automatic", measured: the trial answer on the loaded model (tokens read and written, milliseconds). */
  async trial(passes: number): Promise<TrialTiming> {
    const client = this.client;
    const life = this.clientLife;
    if (!client || !life) throw new GenerationError('unknown', 'No chat model is loaded.');
    try {
      const trying: Promise<ChatResult<TrialTiming>> = client.api.trial(passes);
      return unwrap(await rejectOnAbort(life.signal, trying, 'The model was unloaded during its trial.'));
    } catch (err) {
      throw classifyGenerationError(err);
    }
  }

  /** Token counts with the model's own tokenizer, in the worker (a few ms for a prompt). */
  async countTokens(texts: string[]): Promise<number[]> {
    const client = this.client;
    if (!client) throw new GenerationError('unknown', 'No chat model is loaded.');
    return unwrap(await client.api.countTokens(texts));
  }

  async interrupt(): Promise<void> {
    await this.client?.api.interrupt();
  }

  async holdNextAnswer(until: Promise<void>): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.api.holdNextAnswer();
    void until.then(() => client.api.releaseHold());
  }

  /** Releases the model and its worker; also cancels a load in progress. Never throws. */
  async unload(): Promise<void> {
    this.loading?.abort();
    this.loading = null;
    const client = this.client;
    this.client = null;
    this.info = null;
    this.clientLife?.abort();
    this.clientLife = null;
    if (!client) return;
    try {
      await Promise.race([client.api.dispose().catch(() => undefined), wait(this.options.unloadTimeoutMs ?? 3000)]);
    } finally {
      client.terminate();
    }
  }
}
