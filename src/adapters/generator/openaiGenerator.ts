// Generator for an OpenAI-compatible server that the user runs (Ollama, LM Studio, llama.cpp's server, or
// any /v1/chat/completions endpoint): POST with `stream: true`, read the server-sent events with fetch and
// a ReadableStream, stop with an AbortController.
//
// This one runs on the MAIN THREAD, not in a worker: all it does is wait on the network and parse a few
// small JSON lines per token, which never stalls the page; a worker would add a hop per token and a second
// copy of the request state, for nothing. (The other engines run models, CPU or GPU work, in workers.)
//
// Nothing is sent anywhere until the user has chosen this engine, entered the address and pressed Load.
import { SseParser } from '@openbook/core/sse';
import { normaliseBaseUrl } from './endpointUrl';
import { GenerationError, type ChatMessage, type GenerateOptions, type GenerationStats, type Generator, type LoadProgress } from './generator';

export { normaliseBaseUrl };

export interface OpenAIEndpointOptions {
  /** The API's base URL, e.g. http://localhost:11434/v1 (without /chat/completions). */
  baseUrl: string;
  /** Sent as "Authorization: Bearer <key>" when not empty. */
  apiKey?: string;
  /** The fetch to use (tests pass their own). */
  fetch?: typeof fetch;
}

/** The error message in an OpenAI-style error body ({ error: { message } } or { error: "..." }), if any. */
export function errorMessageOf(body: string): string | null {
  try {
    const json = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
    const error = json?.error;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
      return (error as { message: string }).message;
    }
    if (typeof json?.message === 'string') return json.message;
    if (typeof json?.detail === 'string') return json.detail;
  } catch {
    // not JSON
  }
  return null;
}

async function httpError(response: Response): Promise<GenerationError> {
  const body = await response.text().catch(() => '');
  const reason = errorMessageOf(body) ?? (body.trim().slice(0, 300) || response.statusText);
  return new GenerationError('endpoint-http', `HTTP ${response.status}${reason ? `: ${reason}` : ''}`);
}

const isAbort = (err: unknown) => (err as { name?: unknown })?.name === 'AbortError';

/** The ids of the models a server lists at GET /models ({ data: [{ id }] }), in its order. */
export function modelIdsOf(json: unknown): string[] {
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) return [];
  return data.map((m) => (m as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string' && id !== '');
}

interface StreamChunk {
  choices?: Array<{ delta?: { content?: string | null; reasoning_content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: unknown;
}

export class OpenAIGenerator implements Generator {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private modelId: string | null = null;
  private answering: AbortController | null = null;

  constructor(private readonly options: OpenAIEndpointOptions) {
    const base = normaliseBaseUrl(options.baseUrl);
    if (!base) throw new GenerationError('endpoint-unreachable', `"${options.baseUrl}" is not an http:// or https:// address.`);
    this.baseUrl = base;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  private headers(json: boolean): Record<string, string> {
    const headers: Record<string, string> = {};
    if (json) headers['Content-Type'] = 'application/json';
    if (this.options.apiKey?.trim()) headers.Authorization = `Bearer ${this.options.apiKey.trim()}`;
    return headers;
  }

  /**
   * A failed fetch() says only "Failed to fetch", for a refused connection and for a CORS refusal alike.
   * They are told apart by asking again in 'no-cors' mode: that succeeds (with an unreadable answer) when
   * a server is there, which means it was CORS that refused.
   */
  private async unreachable(url: string, err: unknown): Promise<GenerationError> {
    const detail = err instanceof Error ? err.message : String(err);
    try {
      await this.fetch(url, { mode: 'no-cors' });
      return new GenerationError('endpoint-cors', `${url}: ${detail}`);
    } catch {
      return new GenerationError('endpoint-unreachable', `${url}: ${detail}`);
    }
  }

  /** The models the server offers (GET /models). Throws a GenerationError. */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    const url = `${this.baseUrl}/models`;
    let response: Response;
    try {
      response = await this.fetch(url, { headers: this.headers(false), ...(signal ? { signal } : {}) });
    } catch (err) {
      if (isAbort(err)) throw err;
      throw await this.unreachable(url, err);
    }
    if (!response.ok) throw await httpError(response);
    try {
      return modelIdsOf(await response.json());
    } catch {
      throw new GenerationError('endpoint-bad-response', `${url} did not answer with JSON.`);
    }
  }

  /**
   * "Loading" is checking that the server answers: GET /models. A server without that route (404) is
   * accepted; the model is then only checked by the first answer.
   */
  async load(modelId: string, _modelHost: string, onProgress: (p: LoadProgress) => void): Promise<void> {
    this.modelId = null;
    if (!modelId.trim()) throw new GenerationError('endpoint-bad-response', 'No model name was entered.');
    const started = performance.now();
    try {
      await this.listModels();
    } catch (err) {
      if (!(err instanceof GenerationError && err.code === 'endpoint-http' && err.message.startsWith('HTTP 404'))) throw err;
    }
    onProgress({ progress: 1, text: this.baseUrl, timeElapsedS: (performance.now() - started) / 1000 });
    this.modelId = modelId.trim();
  }

  async generate(messages: ChatMessage[], options: GenerateOptions, onDelta: (text: string) => void): Promise<GenerationStats> {
    const model = this.modelId;
    if (!model) throw new GenerationError('unknown', 'No endpoint is connected.');
    const controller = new AbortController();
    this.answering = controller;
    const url = `${this.baseUrl}/chat/completions`;
    const body: Record<string, unknown> = {
      model,
      messages: messages.map(({ role, content }) => ({ role, content })),
      stream: true,
      stream_options: { include_usage: true },
    };
    if (options.temperature !== undefined) body.temperature = options.temperature;
    if (options.topP !== undefined) body.top_p = options.topP;
    if (options.maxTokens !== undefined) body.max_tokens = options.maxTokens;

    const start = performance.now();
    let first: number | null = null;
    let last = start;
    let deltas = 0;
    let usage: StreamChunk['usage'] = null;
    let done = false;
    let finished = false;
    const stats = (): GenerationStats => {
      const ttft = first === null ? null : (first - start) / 1000;
      const prompt = typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : null;
      const completion = typeof usage?.completion_tokens === 'number' ? usage.completion_tokens : null;
      const decodeS = first === null ? 0 : (last - first) / 1000;
      const decoded = (completion ?? deltas) - 1;
      return {
        promptTokens: prompt,
        completionTokens: completion,
        timeToFirstTokenS: ttft,
        // Seen from here: the network's time is in these figures too.
        prefillTokensPerS: ttft && prompt ? prompt / ttft : null,
        decodeTokensPerS: decoded > 0 && decodeS > 0 ? decoded / decodeS : null,
      };
    };

    try {
      let response: Response;
      try {
        response = await this.fetch(url, { method: 'POST', headers: this.headers(true), body: JSON.stringify(body), signal: controller.signal });
      } catch (err) {
        if (isAbort(err)) return stats();
        throw await this.unreachable(url, err);
      }
      if (!response.ok) throw await httpError(response);
      if (!response.body) throw new GenerationError('endpoint-bad-response', 'The answer has no body.');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      const handle = (data: string) => {
        if (data === '[DONE]') {
          done = true;
          return;
        }
        let chunk: StreamChunk;
        try {
          chunk = JSON.parse(data) as StreamChunk;
        } catch {
          throw new GenerationError('endpoint-bad-response', `Not JSON in the stream: ${data.slice(0, 200)}`);
        }
        if (chunk.error !== undefined) {
          throw new GenerationError('endpoint-http', errorMessageOf(JSON.stringify({ error: chunk.error })) ?? JSON.stringify(chunk.error));
        }
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason) finished = true;
        const text = choice?.delta?.content;
        if (text) {
          const now = performance.now();
          first ??= now;
          last = now;
          deltas++;
          onDelta(text);
        }
      };
      for (;;) {
        let piece: ReadableStreamReadResult<string>;
        try {
          piece = await reader.read();
        } catch (err) {
          if (isAbort(err) || controller.signal.aborted) return stats();
          throw new GenerationError('endpoint-dropped', err instanceof Error ? err.message : String(err));
        }
        if (piece.done) break;
        for (const event of parser.push(piece.value)) {
          if (event.event === 'error') throw new GenerationError('endpoint-http', errorMessageOf(event.data) ?? event.data);
          handle(event.data);
        }
        if (done) {
          await reader.cancel().catch(() => undefined);
          break;
        }
      }
      if (!done && !finished) {
        if (controller.signal.aborted) return stats();
        throw new GenerationError('endpoint-dropped', 'The stream ended before the answer was complete (no [DONE]).');
      }
      return stats();
    } finally {
      if (this.answering === controller) this.answering = null;
    }
  }

  async interrupt(): Promise<void> {
    this.answering?.abort();
  }

  async unload(): Promise<void> {
    this.answering?.abort();
    this.answering = null;
    this.modelId = null;
  }
}
