// The Generator interface: a chat LLM that streams an answer. Two engines implement it:
// webllmGenerator.ts (WebLLM on WebGPU, inside generator.worker.ts) and transformersGenerator.ts
// (transformers.js on WebGPU or WASM, inside transformersChat.worker.ts) and openaiGenerator.ts (an
// OpenAI-compatible server the user runs, such as Ollama, LM Studio or llama.cpp; on the main thread).
import type { DownloadProgress } from '@openbook/core/types';

export interface ChatModelInfo {
  /** WebLLM model id, e.g. 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC'. */
  id: string;
  label: string;
  /** Parameters, e.g. '0.5B'. */
  params: string;
  quantization: string;
  /** Approximate download size in MB. */
  downloadMB: number;
  vramMB: number;
  contextWindow: number;
  needsShaderF16: boolean;
  /** The q4f32 variant to suggest where shader-f16 is missing. */
  f32VariantId?: string;
  languages: string[];
}

export interface GpuCapabilities {
  webgpu: boolean;
  adapter: boolean;
  shaderF16: boolean;
  /**
   * The adapter is a software renderer (SwiftShader, a fallback or CPU adapter): it works, but WASM on the
   * same CPU is faster, so "Automatic" never picks it (core/deviceChoice.ts).
   */
  software: boolean;
  /** Adapter description for display ('swiftshader', vendor/architecture), if any. */
  adapterName: string | null;
}

/** Why a model cannot be used, found before anything is downloaded. */
export type ModelBlocker = 'no-webgpu' | 'no-adapter' | 'needs-shader-f16';

/** What went wrong, as a code the UI translates. */
export type GenerationErrorCode =
  | 'no-webgpu'
  | 'no-adapter'
  | 'needs-shader-f16'
  | 'network'
  | 'device-lost'
  | 'out-of-memory'
  /** The model's files are not where they should be (the site or the hub). */
  | 'not-found'
  /** OpenAI-compatible endpoint: nothing answers at the address (connection refused, wrong port or host). */
  | 'endpoint-unreachable'
  /** The server answers, but does not allow this page to read its answers (no CORS headers). */
  | 'endpoint-cors'
  /** The server answered with an HTTP error; the message is its own. */
  | 'endpoint-http'
  /** The connection broke while the answer was streaming. */
  | 'endpoint-dropped'
  /** The server's answer is not an OpenAI-style chat completion stream. */
  | 'endpoint-bad-response'
  | 'unknown';

export interface LoadProgress {
  /** 0..1 */
  progress: number;
  /** What the engine is doing, in its own words (WebLLM), or the file being downloaded (transformers.js). */
  text: string;
  timeElapsedS: number;
  /** Bytes downloaded so far and to download, over all files, where the engine reports them. */
  bytes?: { loaded: number; total: number };
  /** Each file's download, where the engine reports files (transformers.js; WebLLM does not). */
  files?: DownloadProgress[];
}

export interface GenerationStats {
  promptTokens: number | null;
  completionTokens: number | null;
  timeToFirstTokenS: number | null;
  prefillTokensPerS: number | null;
  decodeTokensPerS: number | null;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateOptions {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
}

export interface Generator {
  load(modelId: string, modelHost: string, onProgress: (p: LoadProgress) => void): Promise<void>;
  /** Streams text deltas through onDelta; resolves with the usage figures when the answer is complete or stopped. */
  generate(messages: ChatMessage[], options: GenerateOptions, onDelta: (text: string) => void): Promise<GenerationStats>;
  interrupt(): Promise<void>;
  unload(): Promise<void>;
  /**
   * Token counts of texts with the loaded model's own tokenizer, where the engine has one at hand
   * (transformers.js); engines without one leave this out and the app estimates.
   */
  countTokens?(texts: string[]): Promise<number[]>;
  /**
   * Hold the next answer after its first token until `until` settles (interrupt() still works meanwhile): lets
   * an end-to-end test stop an answer part-way on any machine. Engines that cannot hold leave this out.
   */
  holdNextAnswer?(until: Promise<void>): Promise<void>;
}

/** An error with a code the UI can explain. Crosses the worker boundary as { code, message }. */
export class GenerationError extends Error {
  constructor(
    public readonly code: GenerationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GenerationError';
  }
}
