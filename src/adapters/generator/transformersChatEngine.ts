// The transformers.js chat engine: text-generation with a chat template, streamed token by token, stopped
// on request. Runs in transformersChat.worker.ts in the browser (WebGPU or WASM) and in Node for tests
// (onnxruntime-node's 'cpu' device).
import { InterruptableStoppingCriteria, TextStreamer, pipeline, type PreTrainedTokenizer, type TextGenerationPipeline } from '@huggingface/transformers';
import { notify, type DownloadProgress } from '../transformers/downloadProgress';
import { LoadedModelSlot } from '../transformers/modelLoader';
import type { LocationOptions, ModelSource } from '../transformers/modelLocation';
import { detectRuntime, type Runtime } from '../transformers/runtime';
import { yieldToEventLoop } from '../transformers/yieldToEventLoop';
import { classifyTransformersError } from './classifyTransformersError';
import { GenerationError, type ChatMessage, type GenerateOptions, type GenerationStats } from './generator';
import { IncrementalText } from './incrementalText';
import type { ComputeDevice } from '@openbook/core/types';
import { CHAT_TRIAL_NEW_TOKENS, chatTrialMessages, chatTrialTokens, type TrialTiming } from '@openbook/core/deviceTrial';
import type { TransformersChatModelInfo, TransformersDtype } from './transformersChatModels';

export interface ChatLoadRequest {
  model: TransformersChatModelInfo;
  device: ComputeDevice;
  dtype: TransformersDtype;
  source: ModelSource;
}

export interface ChatLoadResult {
  modelId: string;
  device: ComputeDevice;
  dtype: TransformersDtype;
  /** 'site' when the site served the model folder itself, 'remote' when it came from the hub. */
  from: 'site' | 'remote';
}

export interface TransformersChatEngineOptions extends LocationOptions {
  /** Where this runs; detected when unset. */
  runtime?: Runtime;
}

export const DEFAULT_MAX_NEW_TOKENS = 512;

/** TextStreamer that also reports the prompt's length (the first put() holds the prompt's token ids). */
class PromptCountingStreamer extends TextStreamer {
  promptTokens: number | null = null;
  override put(value: bigint[][]): void {
    if (this.next_tokens_are_prompt) this.promptTokens = value[0]?.length ?? 0;
    super.put(value);
  }
}

/**
 * Make every forward pass end with a yield to the event loop, so an interrupt() sent meanwhile is seen; and wait,
 * before each pass, for what `beforeStep` says (a held answer, see holdNextAnswer).
 */
function yieldAfterEachStep(pipe: TextGenerationPipeline, beforeStep: () => Promise<void>): void {
  const model = pipe.model as unknown as { forward(inputs: unknown): Promise<unknown> };
  const forward = model.forward.bind(model);
  model.forward = async (inputs: unknown) => {
    await beforeStep();
    const outputs = await forward(inputs);
    // After the step and before its token is checked against the stopping criteria: a Stop that arrives
    // while the step runs ends the answer with this token.
    await yieldToEventLoop();
    return outputs;
  };
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

export class TransformersChatEngine {
  private readonly slot: LoadedModelSlot<TextGenerationPipeline>;
  private readonly stopping = new InterruptableStoppingCriteria();
  /** Forward passes of the answer being generated (the first one reads the prompt and gives the first token). */
  private steps = 0;
  /** An answer held after its first token until releaseHold() (see holdNextAnswer). */
  private held: { promise: Promise<void>; release: () => void } | null = null;

  constructor(options: TransformersChatEngineOptions = {}) {
    this.slot = new LoadedModelSlot({ location: options, runtime: options.runtime ?? detectRuntime() }, (pipe) => pipe.dispose());
  }

  get loaded(): boolean {
    return this.slot.value !== null;
  }

  /** Load a model (replacing the one loaded before, once the new one works). Throws a GenerationError. */
  async load(request: ChatLoadRequest, onDownload: (progress: DownloadProgress) => void): Promise<ChatLoadResult> {
    const { model, device, dtype, source } = request;
    const location = await this.slot.load(
      { model, device, source, onDownload },
      {
        create: async (libraryDevice, progress_callback) =>
          (await pipeline('text-generation', model.id, {
            device: libraryDevice,
            // 'auto': the dtype in the model's config.json, else the library's default for the device.
            ...(dtype === 'auto' ? {} : { dtype }),
            progress_callback,
          })) as TextGenerationPipeline,
        // One token now: compiles WebGPU shaders and surfaces device failures at load, not mid-answer.
        probe: async (candidate) => {
          await candidate('Hi', { max_new_tokens: 1, do_sample: false });
          // From now on (answers), every step lets an interrupt in.
          yieldAfterEachStep(candidate, () => this.beforeStep());
        },
        describe: (error) => classifyTransformersError(error),
      },
    );
    return { modelId: model.id, device, dtype, from: location.from };
  }

  /**
   * Answer the chat, streaming text deltas (about one per token) through onDelta. Resolves with the
   * usage figures when the answer is complete or stopped by interrupt(). Throws a GenerationError.
   */
  async generate(messages: ChatMessage[], options: GenerateOptions, onDelta: (text: string) => void): Promise<GenerationStats> {
    const pipe = this.slot.value;
    if (!pipe) throw new GenerationError('unknown', 'No chat model is loaded.');
    this.stopping.reset();
    this.steps = 0;
    const tokenizer = pipe.tokenizer as PreTrainedTokenizer;
    const text = new IncrementalText((ids) => tokenizer.decode(ids, { skip_special_tokens: true }));
    const special = new Set(tokenizer.all_special_ids.map((id) => BigInt(id)));
    const start = performance.now();
    let first: number | null = null;
    let last = start;
    let generated = 0;
    let trailingSpecial = 0;

    const streamer = new PromptCountingStreamer(tokenizer, {
      skip_prompt: true,
      // Text goes out per token through token_callback_function; the word-wise callback is not used.
      callback_function: () => {},
      token_callback_function: (ids: bigint[]) => {
        const now = performance.now();
        first ??= now;
        last = now;
        generated += ids.length;
        trailingSpecial = ids.every((id) => special.has(id)) ? trailingSpecial + ids.length : 0;
        const delta = text.push(ids);
        if (delta) notify(onDelta, delta);
      },
    });

    const temperature = options.temperature ?? 0;
    try {
      await pipe(messages, {
        max_new_tokens: options.maxTokens ?? DEFAULT_MAX_NEW_TOKENS,
        do_sample: temperature > 0,
        ...(temperature > 0 ? { temperature, ...(options.topP !== undefined ? { top_p: options.topP } : {}) } : {}),
        streamer,
        stopping_criteria: this.stopping,
      });
    } catch (error) {
      throw classifyTransformersError(error);
    }
    const rest = text.finish();
    if (rest) notify(onDelta, rest);

    // The end-of-turn token ends the answer but is no part of it.
    const completionTokens = generated - trailingSpecial;
    const ttft = first === null ? null : (first - start) / 1000;
    const decodeS = first === null ? 0 : (last - first) / 1000;
    return {
      promptTokens: streamer.promptTokens,
      completionTokens,
      timeToFirstTokenS: ttft,
      prefillTokensPerS: ttft && streamer.promptTokens ? finite(streamer.promptTokens / ttft) : null,
      // Tokens after the first, over the time they took (the first token's time is the prefill).
      decodeTokensPerS: generated > 1 && decodeS > 0 ? finite((generated - 1) / decodeS) : null,
    };
  }

  /**
   * "Automatic", measured (core/deviceTrial.ts): answer the trial prompt once untimed (the first call on a
   * device compiles its shaders), then `passes` times timed; the prompt's tokens and those written in the timed
   * passes, and their milliseconds.
   */
  async trial(passes: number): Promise<TrialTiming> {
    const answer = () => this.generate(chatTrialMessages(), { temperature: 0, maxTokens: CHAT_TRIAL_NEW_TOKENS }, () => {});
    await answer();
    let items = 0;
    const start = performance.now();
    for (let i = 0; i < passes; i++) {
      const stats = await answer();
      items += chatTrialTokens(stats.promptTokens, stats.completionTokens);
    }
    return { items, ms: performance.now() - start };
  }

  /**
   * Hold the next answer after its first token (before the second forward pass) until releaseHold(): what lets a
   * test press Stop part-way through an answer however fast the machine is. Messages (interrupt()) are still
   * handled while it is held.
   */
  holdNextAnswer(): void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { promise, release };
  }

  releaseHold(): void {
    this.held?.release();
    this.held = null;
  }

  private async beforeStep(): Promise<void> {
    if (this.steps++ === 1 && this.held) await this.held.promise;
  }

  /** Each text's length in tokens, with the loaded model's own tokenizer (no special tokens added). */
  countTokens(texts: string[]): number[] {
    const pipe = this.slot.value;
    if (!pipe) throw new GenerationError('unknown', 'No chat model is loaded.');
    const tokenizer = pipe.tokenizer as PreTrainedTokenizer;
    return texts.map((text) => (text ? tokenizer.encode(text, { add_special_tokens: false }).length : 0));
  }

  /** Stop the answer being generated after the current token. */
  interrupt(): void {
    this.stopping.interrupt();
  }

  dispose(): Promise<void> {
    return this.slot.dispose();
  }
}
