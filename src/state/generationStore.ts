// Step 6, generation: the chat model, its loading, and the streamed answer with its speed figures.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from './persistence';
import type { GenerationErrorCode, GenerationStats, GpuCapabilities, LoadProgress, ModelBlocker } from '../adapters/generator/generator';
import { CHAT_MODELS } from '../adapters/generator/chatModels';
import { modelBlocker } from '../adapters/generator/gpuCapabilities';
import type { WebLLMGenerator } from '../adapters/generator/webllmGenerator';
import { useGpuStore } from './gpuStore';
import { selectModelHost, useSettingsStore } from './settingsStore';
import { describeError } from './errors';

export type GenerationPhase = 'idle' | 'checking' | 'loading' | 'ready' | 'generating' | 'error';

export interface GenerationFailure {
  code: GenerationErrorCode | ModelBlocker | 'bad-host';
  detail: string;
  /** Whether loading the model or generating an answer failed. */
  stage: 'load' | 'generate';
}

interface GenerationState {
  modelId: string;
  /** True once the user picked a model; until then the default follows the GPU's capabilities. */
  modelChosen: boolean;
  phase: GenerationPhase;
  loadedModelId: string | null;
  progress: LoadProgress | null;
  failure: GenerationFailure | null;
  answer: string;
  /** The prompt the current answer was generated from. */
  answeredPrompt: string | null;
  stats: GenerationStats | null;
  stopped: boolean;
  /** Set when the user cancelled a model download. */
  loadCancelled: boolean;
  setModel(id: string): void;
  /** Where the default model cannot run on this GPU (no shader-f16), switch to its q4f32 build. */
  adaptDefaultTo(caps: GpuCapabilities): void;
  load(): Promise<void>;
  cancelLoad(): void;
  generate(prompt: string): Promise<void>;
  stop(): Promise<void>;
  unload(): Promise<void>;
}

/** Small, and good at Chinese as well as English. */
export const DEFAULT_CHAT_MODEL = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';

let generator: WebLLMGenerator | null = null;
let loadRun = 0;

async function getGenerator(): Promise<WebLLMGenerator> {
  if (!generator) {
    // The WebLLM adapter (and the 6.8 MB library behind it) loads only when a model is first loaded.
    const { WebLLMGenerator } = await import('../adapters/generator/webllmGenerator');
    generator = new WebLLMGenerator();
  }
  return generator;
}

function failureOf(err: unknown, stage: GenerationFailure['stage']): GenerationFailure {
  const code = (err as { code?: unknown })?.code;
  return {
    code: typeof code === 'string' ? (code as GenerationErrorCode) : 'unknown',
    detail: describeError(err),
    stage,
  };
}

export const useGenerationStore = create<GenerationState>()(
  persist(
    (set, get) => ({
      modelId: DEFAULT_CHAT_MODEL,
      modelChosen: false,
      phase: 'idle',
      loadedModelId: null,
      progress: null,
      failure: null,
      answer: '',
      answeredPrompt: null,
      stats: null,
      stopped: false,
      loadCancelled: false,

      setModel(modelId) {
        if (get().phase === 'loading' || get().phase === 'generating') return;
        set({ modelId, modelChosen: true, failure: null, phase: get().loadedModelId ? 'ready' : 'idle' });
      },

      adaptDefaultTo(caps) {
        const { modelChosen, modelId } = get();
        const model = CHAT_MODELS.find((m) => m.id === modelId);
        if (modelChosen || !model?.f32VariantId || !caps.adapter || caps.shaderF16 || !model.needsShaderF16) return;
        set({ modelId: model.f32VariantId });
      },

      async load() {
        const { modelId, phase } = get();
        if (phase === 'loading' || phase === 'generating' || phase === 'checking') return;
        const model = CHAT_MODELS.find((m) => m.id === modelId);
        if (!model) return;
        const run = ++loadRun;
        set({ phase: 'checking', failure: null, progress: null, loadCancelled: false });
        // Check the adapter before anything is downloaded.
        const blocker = modelBlocker(model, await useGpuStore.getState().detect());
        if (blocker) {
          set({ phase: 'error', failure: { code: blocker, detail: '', stage: 'load' } });
          return;
        }
        const host = selectModelHost(useSettingsStore.getState());
        if (!host) {
          set({ phase: 'error', failure: { code: 'bad-host', detail: '', stage: 'load' } });
          return;
        }
        set({ phase: 'loading' });
        try {
          const gen = await getGenerator();
          await gen.load(model.id, host, (progress) => {
            if (run === loadRun) set({ progress });
          });
          if (run !== loadRun) return;
          set({ phase: 'ready', loadedModelId: model.id });
        } catch (err) {
          if (run !== loadRun) return; // cancelled: the rejection is expected
          set({ phase: 'error', failure: failureOf(err, 'load'), loadedModelId: null });
        }
      },

      cancelLoad() {
        if (get().phase !== 'loading') return;
        loadRun++;
        set({ phase: 'idle', progress: null, loadedModelId: null, loadCancelled: true });
        void generator?.unload();
      },

      async generate(prompt) {
        if (!generator || !get().loadedModelId || get().phase === 'generating') return;
        set({ phase: 'generating', answer: '', stats: null, failure: null, stopped: false, answeredPrompt: prompt });
        try {
          const stats = await generator.generate([{ role: 'user', content: prompt }], { temperature: 0.2, maxTokens: 512 }, (delta) =>
            set((s) => ({ answer: s.answer + delta })),
          );
          set({ phase: 'ready', stats });
        } catch (err) {
          const failure = failureOf(err, 'generate');
          if (failure.code === 'device-lost') {
            // The GPU is gone, and the model with it: it has to be loaded again.
            await get().unload();
            set({ phase: 'error', failure });
          } else {
            set({ phase: 'ready', failure });
          }
        }
      },

      async stop() {
        if (get().phase !== 'generating' || !generator) return;
        set({ stopped: true });
        await generator.interrupt();
      },

      async unload() {
        if (!generator) return;
        await generator.unload().catch(() => undefined);
        generator = null;
        set({ phase: 'idle', loadedModelId: null, progress: null });
      },
    }),
    { name: 'openbook.generation', storage: settingsStorage, partialize: (s) => ({ modelId: s.modelId, modelChosen: s.modelChosen }) },
  ),
);
