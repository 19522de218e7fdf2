// Generator on the main thread, backed by WebLLM running in generator.worker.ts.
//
// '@mlc-ai/web-llm' (one 6.8 MB file) is imported only inside generator.worker.ts: here only its types,
// so the library is bundled once (into the worker) and nothing of it lands on the main thread. The worker
// is created on load(); it is driven through Comlink (workerRpc.ts), the answer streamed chunk by chunk.
import * as Comlink from 'comlink';
import type { InitProgressReport } from '@mlc-ai/web-llm';
import { connectWorker } from '../workerRpc';
import { rejectOnAbort, wait } from './abortable';
import { classifyGenerationError } from './classifyGenerationError';
import type { WebLLMWorkerApi } from './generator.worker';
import { GenerationError, type ChatMessage, type GenerateOptions, type GenerationStats, type Generator, type LoadProgress } from './generator';

/** The request generate() sends (a subset of WebLLM's ChatCompletionRequestStreaming). */
export interface ChatStreamRequest {
  messages: ChatMessage[];
  stream: true;
  stream_options: { include_usage: boolean };
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
}

/** The parts of WebLLM's CompletionUsage read here. */
export interface ChatUsageLike {
  prompt_tokens?: number;
  completion_tokens?: number;
  extra?: {
    time_to_first_token_s?: number;
    prefill_tokens_per_s?: number;
    decode_tokens_per_s?: number;
  };
}

/** The parts of WebLLM's ChatCompletionChunk read here. */
export interface ChatChunkLike {
  choices: Array<{ delta?: { content?: string | null } }>;
  usage?: ChatUsageLike | null;
}

/** The parts of WebLLM's (WebWorker)MLCEngine used here; a test passes a fake with this shape. */
export interface ChatEngine {
  chat: { completions: { create(request: ChatStreamRequest): Promise<AsyncIterable<ChatChunkLike>> } };
  interruptGenerate(): void;
  unload(): Promise<void>;
}

export interface EngineRequest {
  modelId: string;
  modelHost: string;
  onProgress: (report: InitProgressReport) => void;
  /** Aborted when unload() is called while loading. */
  signal: AbortSignal;
}

/** A loaded engine and how to release what holds it (the worker). */
export interface EngineHandle {
  engine: ChatEngine;
  terminate(): void;
  /** Rejects when the engine's worker dies (a crash, or a message it cannot read); never resolves. */
  died?: Promise<never>;
}

/** Creates and loads an engine; rejects with whatever the library throws (classified by the caller). */
export type EngineFactory = (request: EngineRequest) => Promise<EngineHandle>;

export interface WebLLMGeneratorOptions {
  /** Defaults to createWorkerEngine (WebLLM in generator.worker.ts). */
  createEngine?: EngineFactory;
  /** How long unload() waits for the engine to release the GPU before terminating anyway. */
  unloadTimeoutMs?: number;
}

/** Rejects when the worker fails (e.g. its script does not load): WebLLM would otherwise wait forever. */
function rejectOnWorkerError<T>(worker: Worker, promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      reject(new Error(event.message || 'The generator worker failed.'));
    };
    const onMessageError = () => reject(new Error('The generator worker sent a message that could not be read.'));
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onMessageError);
    promise.then(resolve, reject).finally(() => {
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
    });
  });
}

/** The chunks generate() sends from the worker, as an async iterable (ends when the call settles). */
function streamFrom(remote: Comlink.Remote<WebLLMWorkerApi>, request: ChatStreamRequest): AsyncIterable<ChatChunkLike> {
  const queue: ChatChunkLike[] = [];
  let finished = false;
  let failed = false;
  let failure: unknown;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  remote
    .generate(
      request,
      Comlink.proxy((chunk: ChatChunkLike) => {
        queue.push(chunk);
        notify();
      }),
    )
    .then(
      () => {
        finished = true;
        notify();
      },
      (err: unknown) => {
        failed = true;
        failure = err;
        finished = true;
        notify();
      },
    );
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queue.length > 0) yield queue.shift()!;
        if (finished) {
          if (failed) throw failure;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/** The real factory: WebLLM in a module worker (generator.worker.ts), the only place the library is imported. */
export const createWorkerEngine: EngineFactory = async ({ modelId, modelHost, onProgress, signal }) => {
  if (signal.aborted) throw new GenerationError('unknown', 'Loading the model was cancelled.');
  const worker = new Worker(new URL('./generator.worker.ts', import.meta.url), { type: 'module', name: 'openbook-webllm' });
  const terminate = () => worker.terminate();
  signal.addEventListener('abort', terminate, { once: true });
  try {
    const remote = await rejectOnAbort(signal, rejectOnWorkerError(worker, connectWorker<WebLLMWorkerApi>(worker)));
    await rejectOnAbort(signal, rejectOnWorkerError(worker, remote.load(modelId, modelHost, Comlink.proxy(onProgress))));
    const engine: ChatEngine = {
      chat: { completions: { create: async (request) => streamFrom(remote, request) } },
      interruptGenerate: () => void remote.interrupt(),
      unload: () => remote.unload(),
    };
    // After the load, a worker that dies would leave an answer waiting forever: `died` ends it instead.
    const died = new Promise<never>((_, reject) => {
      worker.addEventListener(
        'error',
        (e) => reject(new GenerationError('unknown', `The WebLLM worker stopped (${e.message || 'it crashed'}). Load the model again.`)),
        { once: true },
      );
      worker.addEventListener(
        'messageerror',
        () => reject(new GenerationError('unknown', 'The WebLLM worker sent a message that could not be read. Load the model again.')),
        { once: true },
      );
    });
    died.catch(() => undefined);
    return { engine, terminate, died };
  } catch (err) {
    terminate();
    throw err;
  } finally {
    signal.removeEventListener('abort', terminate);
  }
};

/** Has this promise already rejected? (Checked after a race it may have won.) */
async function isSettledRejected(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  return Promise.race([promise, Promise.resolve(pending)]).then(
    () => false,
    () => true,
  );
}

function toStats(usage: ChatUsageLike | null | undefined): GenerationStats {
  const num = (value: number | undefined) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return {
    promptTokens: num(usage?.prompt_tokens),
    completionTokens: num(usage?.completion_tokens),
    timeToFirstTokenS: num(usage?.extra?.time_to_first_token_s),
    prefillTokensPerS: num(usage?.extra?.prefill_tokens_per_s),
    decodeTokensPerS: num(usage?.extra?.decode_tokens_per_s),
  };
}

export class WebLLMGenerator implements Generator {
  private readonly createEngine: EngineFactory;
  private readonly unloadTimeoutMs: number;
  private handle: EngineHandle | null = null;
  private loading: AbortController | null = null;

  constructor(options: WebLLMGeneratorOptions = {}) {
    this.createEngine = options.createEngine ?? createWorkerEngine;
    this.unloadTimeoutMs = options.unloadTimeoutMs ?? 3000;
  }

  get loaded(): boolean {
    return this.handle !== null;
  }

  async load(modelId: string, modelHost: string, onProgress: (p: LoadProgress) => void): Promise<void> {
    await this.unload();
    const controller = new AbortController();
    this.loading = controller;
    try {
      const handle = await this.createEngine({
        modelId,
        modelHost,
        signal: controller.signal,
        onProgress: (report) => onProgress({ progress: report.progress, text: report.text, timeElapsedS: report.timeElapsed }),
      });
      if (controller.signal.aborted) {
        handle.terminate();
        throw new GenerationError('unknown', 'Loading the model was cancelled.');
      }
      this.handle = handle;
    } catch (err) {
      throw classifyGenerationError(err);
    } finally {
      if (this.loading === controller) this.loading = null;
    }
  }

  async generate(messages: ChatMessage[], options: GenerateOptions, onDelta: (text: string) => void): Promise<GenerationStats> {
    const engine = this.handle?.engine;
    if (!engine) throw new GenerationError('unknown', 'No chat model is loaded.');
    const request: ChatStreamRequest = {
      messages: messages.map(({ role, content }) => ({ role, content })),
      stream: true,
      stream_options: { include_usage: true },
    };
    if (options.temperature !== undefined) request.temperature = options.temperature;
    if (options.topP !== undefined) request.top_p = options.topP;
    if (options.maxTokens !== undefined) request.max_tokens = options.maxTokens;
    const handle = this.handle!;
    const answer = (async () => {
      const stream = await engine.chat.completions.create(request);
      let usage: ChatUsageLike | null | undefined;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) onDelta(delta);
        if (chunk.usage) usage = chunk.usage;
      }
      return toStats(usage);
    })();
    try {
      return await (handle.died ? Promise.race([answer, handle.died]) : answer);
    } catch (err) {
      if (this.handle === handle && handle.died && (await isSettledRejected(handle.died))) {
        // The worker is gone: drop it, so that the next load starts a new one.
        this.handle = null;
        handle.terminate();
      }
      throw classifyGenerationError(err);
    }
  }

  async interrupt(): Promise<void> {
    try {
      this.handle?.engine.interruptGenerate();
    } catch (err) {
      throw classifyGenerationError(err);
    }
  }

  /** Releases the model and its worker; also cancels a load in progress. Never throws. */
  async unload(): Promise<void> {
    this.loading?.abort();
    this.loading = null;
    const handle = this.handle;
    this.handle = null;
    if (!handle) return;
    try {
      // A dead worker never answers: do not wait for it forever.
      await Promise.race([handle.engine.unload().catch(() => undefined), wait(this.unloadTimeoutMs)]);
    } finally {
      handle.terminate();
    }
  }
}
