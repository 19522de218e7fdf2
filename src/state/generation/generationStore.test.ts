// The generation step's flow with fake generators in place of WebLLM (which cannot run here) and of
// transformers.js (tested for real in its adapter's tests): adapter check before download, load,
// streaming, stop, failures, cancelling a load; the engine choice and its default.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, GenerateOptions, GenerationStats, GpuCapabilities, LoadProgress } from '../../adapters/generator/generator';
import { GenerationError } from '../../adapters/generator/generator';

const fake = vi.hoisted(() => ({
  caps: { webgpu: true, adapter: true, shaderF16: true, software: false, adapterName: 'test' } as GpuCapabilities,
  loads: [] as string[],
  loadImpl: null as null | ((onProgress: (p: LoadProgress) => void) => Promise<void>),
  generateImpl: null as null | ((messages: ChatMessage[], onDelta: (t: string) => void, options: GenerateOptions) => Promise<GenerationStats>),
  /** Options each OpenAIGenerator was created with. */
  endpointCreated: [] as { baseUrl: string; apiKey?: string }[],
  interrupts: 0,
  unloads: 0,
  /** Options each TransformersGenerator was created with. */
  transformersCreated: [] as { device: string; shaderF16: boolean; basePath: string; findModel(id: string): unknown }[],
  /** The device of each transformers.js load, and each trial's, in order (the Automatic engine). */
  transformersDevices: [] as string[],
  /** Milliseconds a trial takes on each device. */
  trialMs: { webgpu: 100, wasm: 400 } as Record<string, number>,
}));

vi.mock('../../adapters/generator/gpuCapabilities', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../adapters/generator/gpuCapabilities')>()),
  detectGpuCapabilities: async () => fake.caps,
}));

/** A fake engine: records loads (with a prefix telling the engines apart) and runs the test's impls. */
const fakeGeneratorClass = vi.hoisted(
  () => (prefix: string) =>
    class {
      async load(modelId: string, _host: string, onProgress: (p: LoadProgress) => void) {
        fake.loads.push(`${prefix}${modelId}`);
        await fake.loadImpl?.(onProgress);
      }
      async generate(messages: ChatMessage[], options: GenerateOptions, onDelta: (t: string) => void) {
        return fake.generateImpl!(messages, onDelta, options);
      }
      async interrupt() {
        fake.interrupts++;
      }
      async unload() {
        fake.unloads++;
      }
    },
);

vi.mock('../../adapters/generator/webllmGenerator', () => ({ WebLLMGenerator: fakeGeneratorClass('') }));

vi.mock('../../adapters/generator/transformersGenerator', () => ({
  TransformersGenerator: class extends fakeGeneratorClass('tjs:') {
    device: string;
    loadedInfo: { modelId: string; device: string } | null = null;
    constructor(options: (typeof fake.transformersCreated)[number]) {
      super();
      fake.transformersCreated.push(options);
      this.device = options.device;
    }
    override async load(modelId: string, host: string, onProgress: (p: LoadProgress) => void) {
      fake.transformersDevices.push(`load ${this.device}`);
      this.loadedInfo = null;
      await super.load(modelId, host, onProgress);
      this.loadedInfo = { modelId, device: this.device };
    }
    async trial(passes: number) {
      fake.transformersDevices.push(`trial ${this.loadedInfo?.device}`);
      return { items: passes * 100, ms: fake.trialMs[this.loadedInfo!.device]! };
    }
  },
}));

vi.mock('../../adapters/generator/openaiGenerator', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../adapters/generator/openaiGenerator')>()),
  OpenAIGenerator: class extends fakeGeneratorClass('openai:') {
    constructor(options: (typeof fake.endpointCreated)[number]) {
      super();
      fake.endpointCreated.push(options);
    }
  },
}));

const { useGenerationStore } = await import('./generationStore');
const { useEndpointStore } = await import('./endpointStore');
const { useSamplingStore } = await import('./samplingStore');
const { CHAT_MODELS } = await import('../../adapters/generator/chatModels');

const f16Model = CHAT_MODELS.find((m) => m.needsShaderF16 && m.f32VariantId)!;
const f32Model = CHAT_MODELS.find((m) => m.id === f16Model.f32VariantId)!;
const stats: GenerationStats = { promptTokens: 12, completionTokens: 3, timeToFirstTokenS: 0.5, prefillTokensPerS: 100, decodeTokensPerS: 20 };

beforeEach(async () => {
  await useGenerationStore.getState().unload();
  useGenerationStore.setState({ phase: 'idle', failure: null, answer: '', stats: null, loadCancelled: false, comparison: null });
  useGenerationStore.setState({ engine: 'webllm', engineChosen: false, modelId: useGenerationStore.getState().modelIds.webllm });
  Object.assign(fake, {
    loads: [],
    loadImpl: null,
    generateImpl: null,
    interrupts: 0,
    unloads: 0,
    transformersCreated: [],
    endpointCreated: [],
    transformersDevices: [],
    trialMs: { webgpu: 100, wasm: 400 },
  });
  fake.caps = { webgpu: true, adapter: true, shaderF16: true, software: false, adapterName: 'test' };
  localStorage.clear(); // a fresh module must start from the defaults, not from what another test chose
});

describe('generation store', () => {
  it('refuses an f16 model on a GPU without shader-f16 before anything is downloaded', async () => {
    // A fresh module: the capability check is cached per page load.
    vi.resetModules();
    fake.caps = { webgpu: true, adapter: true, shaderF16: false, software: false, adapterName: 'swiftshader' };
    const { useGenerationStore: store } = await import('./generationStore');
    store.getState().setModel(f16Model.id);
    await store.getState().load();
    expect(store.getState().failure).toMatchObject({ code: 'needs-shader-f16', stage: 'load' });
    expect(fake.loads).toEqual([]);
    store.getState().setModel(f32Model.id);
    await store.getState().load();
    expect(fake.loads).toEqual([f32Model.id]);
    expect(store.getState().phase).toBe('ready');
  });

  it('the default model follows the GPU: its q4f32 build where shader-f16 is missing, unless the user chose', async () => {
    vi.resetModules();
    const { useGenerationStore: store, DEFAULT_CHAT_MODEL } = await import('./generationStore');
    const noF16: GpuCapabilities = { webgpu: true, adapter: true, shaderF16: false, software: false, adapterName: 'swiftshader' };
    expect(store.getState().modelId).toBe(DEFAULT_CHAT_MODEL);
    store.getState().adaptDefaultTo({ ...noF16, shaderF16: true });
    expect(store.getState().modelId).toBe(DEFAULT_CHAT_MODEL);
    store.getState().adaptDefaultTo(noF16);
    expect(store.getState().modelId).toBe(CHAT_MODELS.find((m) => m.id === DEFAULT_CHAT_MODEL)!.f32VariantId);
    store.getState().setModel(f16Model.id);
    store.getState().adaptDefaultTo(noF16);
    expect(store.getState().modelId).toBe(f16Model.id);
  });

  it('loads with progress, streams the answer, and keeps the usage figures', async () => {
    const progress: number[] = [];
    fake.loadImpl = async (onProgress) => {
      onProgress({ progress: 0.5, text: 'half', timeElapsedS: 1 });
      progress.push(useGenerationStore.getState().progress!.progress);
    };
    fake.generateImpl = async (messages, onDelta) => {
      expect(messages).toEqual([{ role: 'user', content: 'the filled prompt' }]);
      onDelta('Lava is ');
      expect(useGenerationStore.getState().phase).toBe('generating');
      onDelta('hot.');
      return stats;
    };
    const store = useGenerationStore.getState();
    store.setModel(f32Model.id);
    await store.load();
    expect(progress).toEqual([0.5]);
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'ready', loadedModelId: f32Model.id });
    await useGenerationStore.getState().generate('the filled prompt');
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'ready', answer: 'Lava is hot.', stats, answeredPrompt: 'the filled prompt' });
  });

  it('stop interrupts the generation and marks the answer as stopped', async () => {
    let finish!: () => void;
    fake.generateImpl = (_m, onDelta) =>
      new Promise((resolve) => {
        onDelta('Partial');
        finish = () => resolve(stats);
      });
    useGenerationStore.getState().setModel(f32Model.id);
    await useGenerationStore.getState().load();
    const running = useGenerationStore.getState().generate('p');
    await useGenerationStore.getState().stop();
    expect(fake.interrupts).toBe(1);
    finish();
    await running;
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'ready', stopped: true, answer: 'Partial' });
  });

  it('a failed answer keeps the model usable; a lost GPU unloads it', async () => {
    useGenerationStore.getState().setModel(f32Model.id);
    await useGenerationStore.getState().load();
    fake.generateImpl = async () => {
      throw new GenerationError('unknown', 'boom');
    };
    await useGenerationStore.getState().generate('p');
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'ready', loadedModelId: f32Model.id, failure: { code: 'unknown', stage: 'generate' } });
    fake.generateImpl = async () => {
      throw new GenerationError('device-lost', 'Device was lost');
    };
    await useGenerationStore.getState().generate('p');
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'error', loadedModelId: null, failure: { code: 'device-lost' } });
  });

  it('a network failure while loading is reported with its code', async () => {
    fake.loadImpl = async () => {
      throw new GenerationError('network', 'Failed to fetch');
    };
    useGenerationStore.getState().setModel(f32Model.id);
    await useGenerationStore.getState().load();
    expect(useGenerationStore.getState()).toMatchObject({
      phase: 'error',
      loadedModelId: null,
      failure: { code: 'network', detail: 'Failed to fetch', stage: 'load' },
    });
  });

  it('a load can be cancelled, and its late result is ignored', async () => {
    let release!: () => void;
    fake.loadImpl = () => new Promise<void>((resolve) => (release = resolve));
    useGenerationStore.getState().setModel(f32Model.id);
    const loading = useGenerationStore.getState().load();
    await vi.waitFor(() => expect(useGenerationStore.getState().phase).toBe('loading'));
    useGenerationStore.getState().cancelLoad();
    expect(fake.unloads).toBeGreaterThan(0);
    release();
    await loading;
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'idle', loadedModelId: null, loadCancelled: true });
  });
});

describe('generation engines', () => {
  const noGpu: GpuCapabilities = { webgpu: false, adapter: false, shaderF16: false, software: false, adapterName: null };

  it('without a WebGPU adapter the default engine is transformers.js on WASM, unless the user chose one', async () => {
    vi.resetModules();
    const { useGenerationStore: store } = await import('./generationStore');
    const { DEFAULT_TRANSFORMERS_CHAT_MODEL } = await import('../../adapters/generator/transformersChatModels');
    expect(store.getState().engine).toBe('webllm');
    store.getState().adaptDefaultTo(noGpu);
    expect(store.getState()).toMatchObject({ engine: 'transformers-wasm', modelId: DEFAULT_TRANSFORMERS_CHAT_MODEL });
    store.getState().adaptDefaultTo({ webgpu: true, adapter: true, shaderF16: true, software: false, adapterName: 'gpu' });
    expect(store.getState().engine).toBe('webllm');
    // A software adapter (SwiftShader) is slower than WASM: the default is transformers.js on WASM there too.
    store.getState().adaptDefaultTo({ webgpu: true, adapter: true, shaderF16: false, software: true, adapterName: 'google / swiftshader' });
    expect(store.getState().engine).toBe('transformers-wasm');
    store.getState().setEngine('transformers-webgpu');
    store.getState().adaptDefaultTo(noGpu);
    expect(store.getState().engine).toBe('transformers-webgpu');
  });

  it('each engine keeps its own model choice', () => {
    const store = useGenerationStore.getState();
    store.setModel(f32Model.id);
    store.setEngine('transformers-wasm');
    useGenerationStore.getState().setModel('HuggingFaceTB/SmolLM2-360M-Instruct');
    useGenerationStore.getState().setEngine('webllm');
    expect(useGenerationStore.getState().modelId).toBe(f32Model.id);
    useGenerationStore.getState().setEngine('transformers-webgpu');
    expect(useGenerationStore.getState().modelId).toBe('HuggingFaceTB/SmolLM2-360M-Instruct');
  });

  it('transformers.js on WASM loads, streams, stops and reports usage through the same store, with no GPU at all', async () => {
    vi.resetModules();
    fake.caps = noGpu;
    const { useGenerationStore: store } = await import('./generationStore');
    store.getState().setEngine('transformers-wasm');
    fake.loadImpl = async (onProgress) => onProgress({ progress: 0.25, text: 'onnx/model_q4.onnx', timeElapsedS: 1, bytes: { loaded: 1, total: 4 } });
    await store.getState().load();
    expect(fake.loads).toEqual(['tjs:onnx-community/Qwen2.5-0.5B-Instruct']);
    expect(fake.transformersCreated).toHaveLength(1);
    expect(fake.transformersCreated[0]).toMatchObject({ device: 'wasm', shaderF16: false, basePath: '/' });
    expect(fake.transformersCreated[0]!.findModel('HuggingFaceTB/SmolLM2-360M-Instruct')).toMatchObject({ label: 'SmolLM2 360M Instruct' });
    expect(store.getState()).toMatchObject({
      phase: 'ready',
      loadedModelId: 'onnx-community/Qwen2.5-0.5B-Instruct',
      loadedEngine: 'transformers-wasm',
      progress: { progress: 0.25, bytes: { loaded: 1, total: 4 } },
    });

    let finish!: () => void;
    fake.generateImpl = (_m, onDelta) =>
      new Promise((resolve) => {
        onDelta('Lava');
        onDelta(' is');
        finish = () => resolve(stats);
      });
    const running = store.getState().generate('p');
    expect(store.getState()).toMatchObject({ phase: 'generating', answer: 'Lava is' });
    await store.getState().stop();
    expect(fake.interrupts).toBe(1);
    finish();
    await running;
    expect(store.getState()).toMatchObject({ phase: 'ready', stopped: true, answer: 'Lava is', stats });
  });

  it('transformers.js on WebGPU is refused before any download where there is no adapter, and gets the device and shader-f16 where there is', async () => {
    vi.resetModules();
    fake.caps = { webgpu: true, adapter: false, shaderF16: false, software: false, adapterName: null };
    let { useGenerationStore: store } = await import('./generationStore');
    store.getState().setEngine('transformers-webgpu');
    await store.getState().load();
    expect(store.getState().failure).toMatchObject({ code: 'no-adapter', stage: 'load' });
    expect(fake.loads).toEqual([]);

    vi.resetModules();
    fake.caps = { webgpu: true, adapter: true, shaderF16: true, software: false, adapterName: 'gpu' };
    ({ useGenerationStore: store } = await import('./generationStore'));
    store.getState().setEngine('transformers-webgpu');
    await store.getState().load();
    expect(fake.transformersCreated.at(-1)).toMatchObject({ device: 'webgpu', shaderF16: true });
    expect(store.getState()).toMatchObject({ phase: 'ready', loadedEngine: 'transformers-webgpu' });
  });

  it('transformers.js Automatic: timed on each device, the faster loaded, figures kept; Measure again measures at once', async () => {
    vi.resetModules();
    fake.caps = { webgpu: true, adapter: true, shaderF16: true, software: false, adapterName: 'gpu' };
    const { useGenerationStore: store } = await import('./generationStore');
    store.getState().setEngine('transformers-auto');
    await store.getState().load();
    expect(fake.transformersDevices).toEqual(['load webgpu', 'trial webgpu', 'load wasm', 'trial wasm', 'load webgpu']);
    expect(store.getState()).toMatchObject({
      phase: 'ready',
      loadedEngine: 'transformers-auto',
      loadedDevice: 'webgpu',
      measuring: null,
      deviceTrial: {
        device: 'webgpu',
        reason: 'faster',
        modelId: store.getState().modelId,
        trials: [
          { device: 'webgpu', textsPerSecond: 2000 },
          { device: 'wasm', textsPerSecond: 500 },
        ],
      },
    });
    // Loaded again: the figures are remembered, nothing is timed, and the model already on WebGPU stays.
    await store.getState().load();
    expect(fake.transformersDevices).toHaveLength(5);
    expect(store.getState()).toMatchObject({ phase: 'ready', loadedDevice: 'webgpu', deviceTrial: { device: 'webgpu' } });
    // Measure again: forgotten and measured now; WASM is the faster this time.
    fake.trialMs = { webgpu: 800, wasm: 400 };
    await store.getState().measureAgain();
    expect(fake.transformersDevices.slice(5)).toEqual(['load webgpu', 'trial webgpu', 'load wasm', 'trial wasm']);
    expect(store.getState()).toMatchObject({ phase: 'ready', loadedDevice: 'wasm', deviceTrial: { device: 'wasm', reason: 'faster' } });
  });

  it('loading with another engine first releases the model of the engine before', async () => {
    useGenerationStore.getState().setModel(f32Model.id);
    await useGenerationStore.getState().load();
    expect(useGenerationStore.getState().loadedEngine).toBe('webllm');
    const unloadsBefore = fake.unloads;
    useGenerationStore.getState().setEngine('transformers-wasm');
    useGenerationStore.getState().setModel('onnx-community/Qwen2.5-0.5B-Instruct');
    await useGenerationStore.getState().load();
    expect(fake.unloads).toBe(unloadsBefore + 1);
    expect(fake.loads).toEqual([f32Model.id, 'tjs:onnx-community/Qwen2.5-0.5B-Instruct']);
    expect(useGenerationStore.getState()).toMatchObject({ loadedEngine: 'transformers-wasm', loadedModelId: 'onnx-community/Qwen2.5-0.5B-Instruct' });
  });

  it('a missing model is reported with its code for the transformers.js engine too', async () => {
    useGenerationStore.getState().setEngine('transformers-wasm');
    fake.loadImpl = async () => {
      throw new GenerationError('not-found', 'Could not locate file: "onnx/model_q4.onnx".');
    };
    await useGenerationStore.getState().load();
    expect(useGenerationStore.getState()).toMatchObject({
      phase: 'error',
      loadedModelId: null,
      failure: { code: 'not-found', stage: 'load', detail: 'Could not locate file: "onnx/model_q4.onnx".' },
    });
  });

  it('adds the chat models that the site lists in models/models.json', async () => {
    vi.resetModules();
    const fetchMock = vi.fn(async () => Response.json({ chat: [{ id: 'openbook/tiny-chat', label: 'Tiny', languages: ['en'], selfHostedOnly: true }] }));
    vi.stubGlobal('fetch', fetchMock);
    try {
      const { useGenerationStore: store } = await import('./generationStore');
      await store.getState().loadSiteModels();
      expect(fetchMock).toHaveBeenCalledWith('/models/models.json');
      expect(store.getState().transformersModels.map((m) => m.id)).toEqual([
        'onnx-community/Qwen2.5-0.5B-Instruct',
        'HuggingFaceTB/SmolLM2-360M-Instruct',
        'openbook/tiny-chat',
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('comparing with and without retrieval', () => {
  const plainStats: GenerationStats = { ...stats, promptTokens: 4 };

  it('answers the RAG prompt, then the question alone, one at a time, each pane streaming with its own stats', async () => {
    useGenerationStore.getState().setModel(f32Model.id);
    await useGenerationStore.getState().load();
    fake.generateImpl = async (_m, onDelta) => {
      onDelta('Lava is hot.');
      return stats;
    };
    await useGenerationStore.getState().generate('the filled prompt');
    const prompts: string[] = [];
    fake.generateImpl = async (messages, onDelta) => {
      const prompt = messages[0]!.content;
      prompts.push(prompt);
      const side = prompt === 'rag prompt' ? 'rag' : 'plain';
      const comparison = useGenerationStore.getState().comparison!;
      expect(comparison[side].status).toBe('generating');
      // One at a time: the other pane is done, or has not started.
      expect(comparison[side === 'rag' ? 'plain' : 'rag'].status).toBe(side === 'rag' ? 'waiting' : 'done');
      onDelta(side === 'rag' ? 'Lava ' : 'Maybe ');
      expect(useGenerationStore.getState().comparison![side].answer).toMatch(/ $/);
      onDelta('[1].');
      return side === 'rag' ? stats : plainStats;
    };
    await useGenerationStore.getState().compare({ rag: 'rag prompt', plain: 'question' });
    expect(prompts).toEqual(['rag prompt', 'question']);
    expect(useGenerationStore.getState()).toMatchObject({
      phase: 'ready',
      comparison: {
        rag: { prompt: 'rag prompt', answer: 'Lava [1].', stats, status: 'done' },
        plain: { prompt: 'question', answer: 'Maybe [1].', stats: plainStats, status: 'done' },
      },
      // The single answer before is left as it was.
      answer: 'Lava is hot.',
      answeredPrompt: 'the filled prompt',
    });
  });

  it('Stop stops the pane that is running and skips the rest; a single answer afterwards replaces the comparison', async () => {
    useGenerationStore.getState().setModel(f32Model.id);
    await useGenerationStore.getState().load();
    let finish!: () => void;
    let calls = 0;
    fake.generateImpl = (_m, onDelta) =>
      new Promise((resolve) => {
        calls++;
        onDelta('Partial');
        finish = () => resolve(stats);
      });
    const running = useGenerationStore.getState().compare({ rag: 'rag prompt', plain: 'question' });
    expect(useGenerationStore.getState().phase).toBe('generating');
    await useGenerationStore.getState().stop();
    expect(fake.interrupts).toBe(1);
    finish();
    await running;
    expect(calls).toBe(1);
    expect(useGenerationStore.getState()).toMatchObject({
      phase: 'ready',
      stopped: true,
      comparison: { rag: { answer: 'Partial', status: 'stopped', stats }, plain: { answer: '', status: 'skipped', stats: null } },
    });

    fake.generateImpl = async (_m, onDelta) => {
      onDelta('Whole.');
      return stats;
    };
    await useGenerationStore.getState().generate('p');
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'ready', comparison: null, answer: 'Whole.', stopped: false });
  });

  it('a failed pane skips the rest and keeps the model usable', async () => {
    useGenerationStore.getState().setModel(f32Model.id);
    await useGenerationStore.getState().load();
    fake.generateImpl = async () => {
      throw new GenerationError('unknown', 'boom');
    };
    await useGenerationStore.getState().compare({ rag: 'rag prompt', plain: 'question' });
    expect(useGenerationStore.getState()).toMatchObject({
      phase: 'ready',
      loadedModelId: f32Model.id,
      failure: { code: 'unknown', stage: 'generate' },
      comparison: { rag: { status: 'failed' }, plain: { status: 'skipped' } },
    });
  });

  it('does nothing without a loaded model', async () => {
    await useGenerationStore.getState().compare({ rag: 'rag prompt', plain: 'question' });
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'idle', comparison: null });
  });
});

describe('the OpenAI-compatible endpoint engine', () => {
  it('is never a default, whatever the GPU', () => {
    useGenerationStore.getState().adaptDefaultTo({ webgpu: false, adapter: false, shaderF16: false, software: false, adapterName: null });
    expect(useGenerationStore.getState().engine).not.toBe('openai');
  });

  it('asks for a model name and a valid address before connecting, and connects with the address and key', async () => {
    const store = useGenerationStore.getState();
    store.setEngine('openai');
    await useGenerationStore.getState().load();
    expect(useGenerationStore.getState().failure).toMatchObject({ code: 'endpoint-no-model', stage: 'load' });
    useGenerationStore.getState().setModel('qwen2.5:0.5b');
    useEndpointStore.setState({ baseUrl: 'localhost:11434' });
    await useGenerationStore.getState().load();
    expect(useGenerationStore.getState().failure).toMatchObject({ code: 'endpoint-bad-url' });
    expect(fake.loads).toEqual([]);
    useEndpointStore.setState({ baseUrl: 'http://localhost:11434/v1', apiKey: 'k' });
    await useGenerationStore.getState().load();
    expect(fake.loads).toEqual(['openai:qwen2.5:0.5b']);
    expect(fake.endpointCreated).toEqual([{ baseUrl: 'http://localhost:11434/v1', apiKey: 'k' }]);
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'ready', loadedEngine: 'openai', loadedModelId: 'qwen2.5:0.5b' });
    // Each connection is made anew: the address or key may have changed.
    await useGenerationStore.getState().load();
    expect(fake.endpointCreated).toHaveLength(2);
  });

  it('sends the system prompt and the sampling settings with every answer', async () => {
    useGenerationStore.getState().setModel(f32Model.id);
    await useGenerationStore.getState().load();
    useSamplingStore.getState().set({ temperature: 0.7, topP: 0.5, maxTokens: 99 });
    const seen: { messages: ChatMessage[]; options: GenerateOptions }[] = [];
    fake.generateImpl = async (messages, _onDelta, options) => {
      seen.push({ messages, options });
      return stats;
    };
    await useGenerationStore.getState().generate('prompt', 'Be brief.');
    await useGenerationStore.getState().generate('prompt', '  ');
    expect(seen[0]).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'prompt' },
      ],
      options: { temperature: 0.7, topP: 0.5, maxTokens: 99 },
    });
    expect(seen[1]!.messages).toEqual([{ role: 'user', content: 'prompt' }]);
    useSamplingStore.getState().set({ temperature: 9, maxTokens: -1 });
    expect(useSamplingStore.getState()).toMatchObject({ temperature: 2, maxTokens: 16 });
  });
});
