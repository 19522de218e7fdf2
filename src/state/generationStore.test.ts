// The generation step's flow with a fake generator in place of WebLLM (which cannot run here):
// adapter check before download, load, streaming, stop, failures, cancelling a load.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, GenerateOptions, GenerationStats, GpuCapabilities, LoadProgress } from '../adapters/generator/generator';
import { GenerationError } from '../adapters/generator/generator';

const fake = vi.hoisted(() => ({
  caps: { webgpu: true, adapter: true, shaderF16: true, adapterName: 'test' } as GpuCapabilities,
  loads: [] as string[],
  loadImpl: null as null | ((onProgress: (p: LoadProgress) => void) => Promise<void>),
  generateImpl: null as null | ((messages: ChatMessage[], onDelta: (t: string) => void) => Promise<GenerationStats>),
  interrupts: 0,
  unloads: 0,
}));

vi.mock('../adapters/generator/gpuCapabilities', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../adapters/generator/gpuCapabilities')>()),
  detectGpuCapabilities: async () => fake.caps,
}));

vi.mock('../adapters/generator/webllmGenerator', () => ({
  WebLLMGenerator: class {
    async load(modelId: string, _host: string, onProgress: (p: LoadProgress) => void) {
      fake.loads.push(modelId);
      await fake.loadImpl?.(onProgress);
    }
    async generate(messages: ChatMessage[], _options: GenerateOptions, onDelta: (t: string) => void) {
      return fake.generateImpl!(messages, onDelta);
    }
    async interrupt() {
      fake.interrupts++;
    }
    async unload() {
      fake.unloads++;
    }
  },
}));

const { useGenerationStore } = await import('./generationStore');
const { CHAT_MODELS } = await import('../adapters/generator/chatModels');

const f16Model = CHAT_MODELS.find((m) => m.needsShaderF16 && m.f32VariantId)!;
const f32Model = CHAT_MODELS.find((m) => m.id === f16Model.f32VariantId)!;
const stats: GenerationStats = { promptTokens: 12, completionTokens: 3, timeToFirstTokenS: 0.5, prefillTokensPerS: 100, decodeTokensPerS: 20 };

beforeEach(async () => {
  await useGenerationStore.getState().unload();
  useGenerationStore.setState({ phase: 'idle', failure: null, answer: '', stats: null, loadCancelled: false });
  Object.assign(fake, { loads: [], loadImpl: null, generateImpl: null, interrupts: 0, unloads: 0 });
  fake.caps = { webgpu: true, adapter: true, shaderF16: true, adapterName: 'test' };
  localStorage.clear(); // a fresh module must start from the defaults, not from what another test chose
});

describe('generation store', () => {
  it('refuses an f16 model on a GPU without shader-f16 before anything is downloaded', async () => {
    // A fresh module: the capability check is cached per page load.
    vi.resetModules();
    fake.caps = { webgpu: true, adapter: true, shaderF16: false, adapterName: 'swiftshader' };
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
    const noF16: GpuCapabilities = { webgpu: true, adapter: true, shaderF16: false, adapterName: 'swiftshader' };
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
    expect(useGenerationStore.getState()).toMatchObject({ phase: 'error', loadedModelId: null, failure: { code: 'network', detail: 'Failed to fetch', stage: 'load' } });
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
