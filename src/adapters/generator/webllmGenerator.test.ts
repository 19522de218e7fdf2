import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { GenerationError, type LoadProgress } from './generator';
import { WebLLMGenerator, type ChatChunkLike, type ChatEngine, type ChatStreamRequest, type EngineFactory, type EngineRequest } from './webllmGenerator';

/** A fake engine shaped like WebLLM's: create() resolves to an async iterable of chunks. */
class FakeEngine implements ChatEngine {
  requests: ChatStreamRequest[] = [];
  interrupted = 0;
  unloaded = 0;
  constructor(
    private readonly chunks: ChatChunkLike[],
    private readonly failAfter?: { index: number; error: unknown },
    private readonly unloadHangs = false,
  ) {}

  chat = {
    completions: {
      create: async (request: ChatStreamRequest): Promise<AsyncIterable<ChatChunkLike>> => {
        this.requests.push(request);
        const { chunks, failAfter } = this;
        return (async function* () {
          for (let i = 0; i < chunks.length; i++) {
            if (failAfter && i === failAfter.index) throw failAfter.error;
            yield chunks[i] as ChatChunkLike;
          }
        })();
      },
    },
  };

  interruptGenerate(): void {
    this.interrupted++;
  }

  unload(): Promise<void> {
    this.unloaded++;
    return this.unloadHangs ? new Promise(() => {}) : Promise.resolve();
  }
}

const delta = (content: string): ChatChunkLike => ({ choices: [{ delta: { content } }] });
// Like WebLLM: the final delta chunk, then a chunk with no choices that carries usage.
const usageChunk: ChatChunkLike = {
  choices: [],
  usage: {
    prompt_tokens: 42,
    completion_tokens: 3,
    extra: { time_to_first_token_s: 0.25, prefill_tokens_per_s: 168, decode_tokens_per_s: 31.5 },
  },
};

function setup(engine: FakeEngine, options: { unloadTimeoutMs?: number } = {}) {
  const terminate = vi.fn();
  const requests: EngineRequest[] = [];
  const createEngine: EngineFactory = async (request) => {
    requests.push(request);
    request.onProgress({ progress: 0.5, timeElapsed: 1.5, text: 'Fetching param cache[1/2]' });
    return { engine, terminate };
  };
  const generator = new WebLLMGenerator({ createEngine, ...options });
  return { generator, terminate, requests };
}

describe('WebLLMGenerator', () => {
  it('loads through the factory and maps progress reports', async () => {
    const { generator, requests } = setup(new FakeEngine([]));
    const progress: LoadProgress[] = [];
    await generator.load('Qwen2.5-0.5B-Instruct-q4f32_1-MLC', 'https://hf-mirror.com', (p) => progress.push(p));
    expect(generator.loaded).toBe(true);
    expect(requests[0]).toMatchObject({ modelId: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC', modelHost: 'https://hf-mirror.com' });
    expect(progress).toEqual([{ progress: 0.5, timeElapsedS: 1.5, text: 'Fetching param cache[1/2]' }]);
  });

  it('streams deltas in order and maps the usage chunk to stats', async () => {
    const engine = new FakeEngine([delta('Hel'), delta('lo'), delta(''), delta(' world'), usageChunk]);
    const { generator } = setup(engine);
    await generator.load('m', 'https://huggingface.co', () => {});
    const deltas: string[] = [];
    const stats = await generator.generate([{ role: 'user', content: 'hi' }], { temperature: 0.2, topP: 0.9, maxTokens: 64 }, (t) => deltas.push(t));
    expect(deltas).toEqual(['Hel', 'lo', ' world']);
    expect(deltas.join('')).toBe('Hello world');
    expect(stats).toEqual({
      promptTokens: 42,
      completionTokens: 3,
      timeToFirstTokenS: 0.25,
      prefillTokensPerS: 168,
      decodeTokensPerS: 31.5,
    });
    expect(engine.requests[0]).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 64,
    });
  });

  it('leaves out unset options and reports null stats without a usage chunk', async () => {
    const engine = new FakeEngine([delta('x')]);
    const { generator } = setup(engine);
    await generator.load('m', 'https://huggingface.co', () => {});
    const stats = await generator.generate([{ role: 'user', content: 'hi' }], {}, () => {});
    expect(engine.requests[0]).not.toHaveProperty('temperature');
    expect(engine.requests[0]).not.toHaveProperty('max_tokens');
    expect(engine.requests[0]).not.toHaveProperty('top_p');
    expect(stats).toEqual({
      promptTokens: null,
      completionTokens: null,
      timeToFirstTokenS: null,
      prefillTokensPerS: null,
      decodeTokensPerS: null,
    });
  });

  it('interrupt() calls interruptGenerate()', async () => {
    const engine = new FakeEngine([]);
    const { generator } = setup(engine);
    await generator.interrupt(); // nothing loaded: a no-op
    await generator.load('m', 'https://huggingface.co', () => {});
    await generator.interrupt();
    expect(engine.interrupted).toBe(1);
  });

  it('classifies load errors, including the strings a worker posts', async () => {
    const failing = (error: unknown) =>
      new WebLLMGenerator({
        createEngine: async () => {
          throw error;
        },
      });
    const shader = failing('ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser.').load(
      'm',
      'h',
      () => {},
    );
    await expect(shader).rejects.toBeInstanceOf(GenerationError);
    await expect(shader).rejects.toMatchObject({ code: 'needs-shader-f16' });
    await expect(failing('TypeError: Failed to fetch').load('m', 'h', () => {})).rejects.toMatchObject({ code: 'network' });
    await expect(failing(new Error('Unable to find a compatible GPU.')).load('m', 'h', () => {})).rejects.toMatchObject({
      code: 'no-adapter',
    });
    const generator = failing('WebGPUNotAvailableError: WebGPU is not supported in your current environment');
    await expect(generator.load('m', 'h', () => {})).rejects.toMatchObject({ code: 'no-webgpu' });
    expect(generator.loaded).toBe(false);
  });

  it('classifies errors while generating, after the deltas so far', async () => {
    const engine = new FakeEngine([delta('a'), delta('b')], { index: 1, error: 'DeviceLostError: The WebGPU device was lost' });
    const { generator } = setup(engine);
    await generator.load('m', 'https://huggingface.co', () => {});
    const deltas: string[] = [];
    await expect(generator.generate([{ role: 'user', content: 'q' }], {}, (t) => deltas.push(t))).rejects.toMatchObject({
      code: 'device-lost',
    });
    expect(deltas).toEqual(['a']);
  });

  it('a worker that dies while answering ends the answer with an error, and the model must be loaded again', async () => {
    let kill!: (err: Error) => void;
    const died = new Promise<never>((_, reject) => (kill = reject));
    died.catch(() => undefined);
    const terminate = vi.fn();
    const hanging: FakeEngine = new FakeEngine([]);
    hanging.chat.completions.create = async () => ({
      async *[Symbol.asyncIterator]() {
        yield { choices: [{ delta: { content: 'Part' } }] };
        await new Promise(() => {}); // the worker never answers again
      },
    });
    const generator = new WebLLMGenerator({ createEngine: async () => ({ engine: hanging, terminate, died }) });
    await generator.load('m', 'https://host', () => undefined);
    const deltas: string[] = [];
    const answering = generator.generate([{ role: 'user', content: 'q' }], {}, (d) => deltas.push(d));
    await vi.waitFor(() => expect(deltas).toEqual(['Part']));
    kill(new Error('The WebLLM worker stopped (out of memory). Load the model again.'));
    await expect(answering).rejects.toThrow(/worker stopped/);
    expect(terminate).toHaveBeenCalled();
    expect(generator.loaded).toBe(false);
  });

  it('refuses to generate before a model is loaded', async () => {
    const { generator } = setup(new FakeEngine([]));
    await expect(generator.generate([], {}, () => {})).rejects.toBeInstanceOf(GenerationError);
  });

  it('unload() unloads the engine and terminates the worker; loading again unloads first', async () => {
    const first = new FakeEngine([]);
    const { generator, terminate } = setup(first);
    await generator.load('a', 'https://huggingface.co', () => {});
    await generator.load('b', 'https://huggingface.co', () => {});
    expect(first.unloaded).toBe(1);
    expect(terminate).toHaveBeenCalledTimes(1);
    await generator.unload();
    expect(terminate).toHaveBeenCalledTimes(2);
    expect(generator.loaded).toBe(false);
    await generator.unload(); // twice is fine
    expect(terminate).toHaveBeenCalledTimes(2);
  });

  it('unload() does not wait forever for an engine that never answers', async () => {
    const { generator, terminate } = setup(new FakeEngine([], undefined, true), { unloadTimeoutMs: 20 });
    await generator.load('m', 'https://huggingface.co', () => {});
    await generator.unload();
    expect(terminate).toHaveBeenCalledTimes(1);
  });

  it('unload() during a load aborts it', async () => {
    let seen: AbortSignal | undefined;
    const terminate = vi.fn();
    const generator = new WebLLMGenerator({
      createEngine: (request) => {
        seen = request.signal;
        return new Promise((resolve) => {
          request.signal.addEventListener('abort', () => resolve({ engine: new FakeEngine([]), terminate }));
        });
      },
    });
    const loading = generator.load('m', 'https://huggingface.co', () => {});
    await Promise.resolve();
    await generator.unload();
    expect(seen?.aborted).toBe(true);
    await expect(loading).rejects.toBeInstanceOf(GenerationError);
    expect(terminate).toHaveBeenCalled();
    expect(generator.loaded).toBe(false);
  });

  it('keeps @mlc-ai/web-llm out of the main thread: only generator.worker.ts imports it (bundled once)', () => {
    for (const file of ['webllmGenerator.ts', 'chatModels.ts', 'gpuCapabilities.ts', 'classifyGenerationError.ts']) {
      const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      const staticImports = source.match(/^import (?!type )[^;]*from '@mlc-ai\/web-llm';/gm) ?? [];
      expect(staticImports, file).toEqual([]);
    }
    // Not even lazily: a dynamic import on the main thread would bundle the 6.8 MB library a second time.
    expect(readFileSync(new URL('./webllmGenerator.ts', import.meta.url), 'utf8')).not.toContain("import('@mlc-ai/web-llm')");
    expect(readFileSync(new URL('./generator.worker.ts', import.meta.url), 'utf8')).toMatch(/^import \{[^}]*CreateMLCEngine[^}]*\} from '@mlc-ai\/web-llm';/m);
    expect(readFileSync(new URL('./webllmGenerator.ts', import.meta.url), 'utf8')).toContain("new URL('./generator.worker.ts', import.meta.url)");
  });
});
