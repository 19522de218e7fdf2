// Step 6, generation: the engine and its chat model, loading, and the streamed answer with its speed figures.
// Both engines (WebLLM; transformers.js on WebGPU or WASM) go through the same Generator interface, so
// everything after the choice works the same for either.
import type { AskTimings } from '@openbook/core/askTimings';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { stringUpTo, schemaPersistOptions } from '../runtime/persistedSchema';
import type {
  ChatMessage,
  GenerateOptions,
  GenerationErrorCode,
  GenerationStats,
  Generator,
  GpuCapabilities,
  LoadProgress,
  ModelBlocker,
} from '../../adapters/generator/generator';
import { CHAT_MODELS } from '../../adapters/generator/chatModels';
import { modelBlocker } from '../../adapters/generator/gpuCapabilities';
import {
  DEFAULT_TRANSFORMERS_CHAT_MODEL,
  TRANSFORMERS_CHAT_MODELS,
  parseChatManifest,
  withSiteChatModels,
  type TransformersChatModelInfo,
} from '../../adapters/generator/transformersChatModels';
import { currentGenerator, generatorFor, releaseGenerator } from './chatGenerator';
import { defaultEngineFor, engineBlocker, engineFamily, type EngineFamily, type GenerationEngine } from './generationEngines';
import { loadOnMeasuredDevice, type MeasurableGenerator } from './chatDeviceTrial';
import { forgetTrials, type MeasuredChoice } from '../models/deviceTrials';
import type { ComputeDevice } from '@openbook/core/types';
import { useGpuStore } from '../models/gpuStore';
import { selectModelHost, useSettingsStore } from '../models/settingsStore';
import { siteModelsOnce } from '../models/modelLoading';
import { normaliseBaseUrl } from '../../adapters/generator/endpointUrl';
import { describeError } from '../runtime/errors';
import { chatMessages, generateOptions, useSamplingStore } from './samplingStore';
import { useEndpointStore } from './endpointStore';
import { holdForTest, testHoldRequested } from '../runtime/testHooks';
import { COMPARISON_SIDES, appendToPane, skipWaiting, startComparison, withPane, type Comparison, type ComparisonSide } from './comparison';

/** Where an end-to-end test may hold an answer after its first token (see Generator.holdNextAnswer). */
export const ANSWER_HOLD = 'answer-first-token';

/**
 * One answer from the generator: every answer the app asks for (single, comparison pane, series) goes
 * through here, so an end-to-end test's ANSWER_HOLD holds each of them after its first token.
 */
export async function generateAnswer(
  generator: Generator,
  messages: ChatMessage[],
  options: GenerateOptions,
  onDelta: (text: string) => void,
): Promise<GenerationStats> {
  if (testHoldRequested(ANSWER_HOLD)) await generator.holdNextAnswer?.(holdForTest(ANSWER_HOLD));
  return generator.generate(messages, options, onDelta);
}

export type { GenerationEngine } from './generationEngines';

export type GenerationPhase = 'idle' | 'checking' | 'loading' | 'ready' | 'generating' | 'error';

export interface GenerationFailure {
  code: GenerationErrorCode | ModelBlocker | 'bad-host' | 'endpoint-bad-url' | 'endpoint-no-model';
  detail: string;
  /** Whether loading the model or generating an answer failed. */
  stage: 'load' | 'generate';
}

interface GenerationState {
  engine: GenerationEngine;
  /** True once the user picked an engine; until then the default follows the GPU's capabilities. */
  engineChosen: boolean;
  /** The chosen model of the chosen engine. */
  modelId: string;
  /** Each engine family's chosen model, so that switching engines back and forth keeps both choices. */
  modelIds: Record<EngineFamily, string>;
  /** True once the user picked a model; until then the default follows the GPU's capabilities. */
  modelChosen: boolean;
  /** The transformers.js engine's models: built-in, then those the site serves. */
  transformersModels: TransformersChatModelInfo[];
  phase: GenerationPhase;
  loadedModelId: string | null;
  loadedEngine: GenerationEngine | null;
  /** The device the loaded transformers.js model runs on (what Automatic chose), else null. */
  loadedDevice: ComputeDevice | null;
  /** The Automatic transformers.js engine's measurement: each device's tokens/s and the choice, for the model last loaded with it. */
  deviceTrial: (MeasuredChoice & { modelId: string }) | null;
  /** The device the Automatic engine is timing now. */
  measuring: ComputeDevice | null;
  /** Forget the chosen model's measured figures; with the Automatic engine's model loaded, measure again now. */
  measureAgain(): Promise<void>;
  progress: LoadProgress | null;
  failure: GenerationFailure | null;
  answer: string;
  /** The prompt the current answer was generated from. */
  answeredPrompt: string | null;
  stats: GenerationStats | null;
  /** The last Ask's time from the button to the first token, by stage (null until an answer started; set by flows/ask.ts). */
  askTimings: AskTimings | null;
  stopped: boolean;
  /** Answers with and without retrieval, side by side; null when the last run was a single answer. */
  comparison: Comparison | null;
  /** Set when the user cancelled a model download. */
  loadCancelled: boolean;
  setEngine(engine: GenerationEngine): void;
  setModel(id: string): void;
  /**
   * Follow the GPU: the default engine (WebLLM with a WebGPU adapter, else transformers.js on WASM), and
   * where the default WebLLM model cannot run on this GPU (no shader-f16), its q4f32 build.
   */
  adaptDefaultTo(caps: GpuCapabilities): void;
  /** Add the chat models listed in the site's models/models.json. */
  loadSiteModels(): Promise<void>;
  load(): Promise<void>;
  cancelLoad(): void;
  /** Answer the prompt, after the system prompt when there is one, with the sampling settings in force. */
  generate(prompt: string, system?: string): Promise<void>;
  /** Answer the RAG prompt, then the question alone, one after the other; Stop skips what is left. */
  compare(prompts: Record<ComparisonSide, string>, system?: string): Promise<void>;
  stop(): Promise<void>;
  unload(): Promise<void>;
}

/** Small, and good at Chinese as well as English. */
export const DEFAULT_CHAT_MODEL = 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC';

let loadRun = 0;

const optionsNow = () => generateOptions(useSamplingStore.getState());

export function failureOf(err: unknown, stage: GenerationFailure['stage']): GenerationFailure {
  const code = (err as { code?: unknown })?.code;
  return {
    code: typeof code === 'string' ? (code as GenerationErrorCode) : 'unknown',
    detail: describeError(err),
    stage,
  };
}

const isBusy = (phase: GenerationPhase) => phase === 'loading' || phase === 'generating' || phase === 'checking';

/** The chosen model's id if the engine has it, and why it cannot run here, found before any download. */
function checkModel(state: GenerationState, caps: GpuCapabilities): { id: string | null; blocker: ModelBlocker | null } {
  if (state.engine === 'openai') {
    const id = state.modelId.trim();
    return { id: id || null, blocker: null };
  }
  if (state.engine === 'webllm') {
    const model = CHAT_MODELS.find((m) => m.id === state.modelId);
    return { id: model?.id ?? null, blocker: model ? modelBlocker(model, caps) : null };
  }
  const model = state.transformersModels.find((m) => m.id === state.modelId);
  return { id: model?.id ?? null, blocker: engineBlocker(state.engine, caps) };
}

export const useGenerationStore = create<GenerationState>()(
  persist(
    (set, get) => {
      /** A failed answer keeps the model usable, unless the GPU is gone, and the model with it. */
      async function failGeneration(err: unknown): Promise<void> {
        const failure = failureOf(err, 'generate');
        if (failure.code === 'device-lost') {
          await get().unload(); // it has to be loaded again
          set({ phase: 'error', failure });
        } else {
          set({ phase: 'ready', failure });
        }
      }

      return {
        engine: 'webllm',
        engineChosen: false,
        modelId: DEFAULT_CHAT_MODEL,
        modelIds: { webllm: DEFAULT_CHAT_MODEL, transformers: DEFAULT_TRANSFORMERS_CHAT_MODEL, openai: '' },
        modelChosen: false,
        transformersModels: [...TRANSFORMERS_CHAT_MODELS],
        phase: 'idle',
        loadedModelId: null,
        loadedEngine: null,
        loadedDevice: null,
        deviceTrial: null,
        measuring: null,
        progress: null,
        failure: null,
        answer: '',
        answeredPrompt: null,
        stats: null,
        askTimings: null,
        stopped: false,
        comparison: null,
        loadCancelled: false,

        setEngine(engine) {
          const { phase, modelIds, loadedModelId } = get();
          if (isBusy(phase)) return;
          set({ engine, engineChosen: true, modelId: modelIds[engineFamily(engine)] ?? '', failure: null, phase: loadedModelId ? 'ready' : 'idle' });
        },

        setModel(modelId) {
          const { phase, engine, modelIds } = get();
          if (isBusy(phase)) return;
          set({
            modelId,
            modelIds: { ...modelIds, [engineFamily(engine)]: modelId },
            modelChosen: true,
            failure: null,
            phase: get().loadedModelId ? 'ready' : 'idle',
          });
        },

        adaptDefaultTo(caps) {
          const { engineChosen, engine, phase } = get();
          if (!engineChosen && !isBusy(phase)) {
            const preferred = defaultEngineFor(caps);
            if (preferred !== engine) set({ engine: preferred, modelId: get().modelIds[engineFamily(preferred)] });
          }
          const { modelChosen, modelIds } = get();
          const model = CHAT_MODELS.find((m) => m.id === modelIds.webllm);
          if (modelChosen || !model?.f32VariantId || !caps.adapter || caps.shaderF16 || !model.needsShaderF16) return;
          set({
            modelIds: { ...modelIds, webllm: model.f32VariantId },
            ...(get().engine === 'webllm' ? { modelId: model.f32VariantId } : {}),
          });
        },

        // The site's own chat models (models.json's "chat" list); an unreadable manifest is the embedding step's to report.
        loadSiteModels: siteModelsOnce((manifest) => set({ transformersModels: withSiteChatModels(parseChatManifest(manifest)) })),

        async load() {
          const { phase, engine } = get();
          if (isBusy(phase)) return;
          const run = ++loadRun;
          set({ phase: 'checking', failure: null, progress: null, loadCancelled: false });
          // Check the adapter before anything is downloaded.
          const caps = await useGpuStore.getState().detect();
          const { id, blocker } = checkModel(get(), caps);
          if (!id) {
            set(engine === 'openai' ? { phase: 'error', failure: { code: 'endpoint-no-model', detail: '', stage: 'load' } } : { phase: 'idle' });
            return;
          }
          if (blocker) {
            set({ phase: 'error', failure: { code: blocker, detail: '', stage: 'load' } });
            return;
          }
          const endpoint = useEndpointStore.getState();
          // The endpoint engine downloads nothing: its "host" is the server the user named.
          const host = engine === 'openai' ? endpoint.baseUrl : selectModelHost(useSettingsStore.getState());
          if (engine === 'openai' && !normaliseBaseUrl(endpoint.baseUrl)) {
            set({ phase: 'error', failure: { code: 'endpoint-bad-url', detail: '', stage: 'load' } });
            return;
          }
          if (!host) {
            set({ phase: 'error', failure: { code: 'bad-host', detail: '', stage: 'load' } });
            return;
          }
          // Loading replaces the model loaded before, whichever engine held it.
          set({ phase: 'loading', loadedModelId: null, loadedEngine: null, loadedDevice: null });
          const live = () => run === loadRun;
          const onProgress = (progress: LoadProgress) => {
            if (live()) set({ progress });
          };
          try {
            const gen = await generatorFor(engine, caps, (modelId) => get().transformersModels.find((m) => m.id === modelId), {
              baseUrl: endpoint.baseUrl,
              apiKey: endpoint.apiKey,
            });
            let loadedDevice: ComputeDevice | null = engine === 'transformers-webgpu' ? 'webgpu' : engine === 'transformers-wasm' ? 'wasm' : null;
            if (engine === 'transformers-auto') {
              const { device, measured } = await loadOnMeasuredDevice(gen as Generator & MeasurableGenerator, id, host, {
                onProgress,
                stillCurrent: live,
                onMeasuring: (measuring) => {
                  if (live()) set({ measuring });
                },
              });
              if (live()) set({ deviceTrial: measured && { ...measured, modelId: id } });
              loadedDevice = device;
            } else {
              await gen.load(id, host, onProgress);
            }
            if (!live()) return;
            set({ phase: 'ready', loadedModelId: id, loadedEngine: engine, loadedDevice });
          } catch (err) {
            if (!live()) return; // cancelled: the rejection is expected
            set({ phase: 'error', failure: failureOf(err, 'load'), loadedModelId: null, loadedEngine: null, loadedDevice: null, measuring: null });
          }
        },

        cancelLoad() {
          if (get().phase !== 'loading') return;
          loadRun++;
          set({ phase: 'idle', progress: null, loadedModelId: null, loadedEngine: null, loadedDevice: null, measuring: null, loadCancelled: true });
          void currentGenerator()?.unload();
        },

        async generate(prompt, system = '') {
          const generator = currentGenerator();
          if (!generator || !get().loadedModelId || get().phase === 'generating') return;
          set({ phase: 'generating', answer: '', stats: null, failure: null, stopped: false, answeredPrompt: prompt, comparison: null });
          try {
            const stats = await generateAnswer(generator, chatMessages(system, prompt), optionsNow(), (delta) => set((s) => ({ answer: s.answer + delta })));
            set({ phase: 'ready', stats });
          } catch (err) {
            await failGeneration(err);
          }
        },

        async compare(prompts, system = '') {
          const generator = currentGenerator();
          if (!generator || !get().loadedModelId || get().phase === 'generating') return;
          set({ phase: 'generating', failure: null, stopped: false, comparison: startComparison(prompts) });
          const pane = (change: (c: Comparison) => Comparison) => set((s) => ({ comparison: s.comparison && change(s.comparison) }));
          for (const side of COMPARISON_SIDES) {
            if (get().stopped) break;
            pane((c) => withPane(c, side, { status: 'generating' }));
            try {
              const stats = await generateAnswer(generator, chatMessages(system, prompts[side]), optionsNow(), (delta) =>
                pane((c) => appendToPane(c, side, delta)),
              );
              pane((c) => withPane(c, side, { stats, status: get().stopped ? 'stopped' : 'done' }));
            } catch (err) {
              pane((c) => withPane(c, side, { status: 'failed' }));
              await failGeneration(err);
              break;
            }
          }
          set((s) => ({ comparison: s.comparison && skipWaiting(s.comparison), phase: s.phase === 'generating' ? 'ready' : s.phase }));
        },

        async stop() {
          const generator = currentGenerator();
          if (get().phase !== 'generating' || !generator) return;
          set({ stopped: true });
          await generator.interrupt();
        },

        async unload() {
          if (!currentGenerator()) return;
          await releaseGenerator();
          set({ phase: 'idle', loadedModelId: null, loadedEngine: null, loadedDevice: null, progress: null });
        },

        async measureAgain() {
          const { modelId, engine, loadedEngine, loadedModelId, phase } = get();
          if (isBusy(phase)) return;
          forgetTrials(modelId);
          set({ deviceTrial: null });
          // A model loaded by Automatic is measured again at once (the load is the measurement); otherwise the next load measures.
          if (engine === 'transformers-auto' && loadedEngine === engine && loadedModelId === modelId) await get().load();
        },
      };
    },
    {
      name: 'openbook.generation',
      storage: settingsStorage,
      partialize: (s) => ({
        engine: s.engine,
        engineChosen: s.engineChosen,
        modelId: s.modelId,
        modelIds: s.modelIds,
        modelChosen: s.modelChosen,
      }),
      ...schemaPersistOptions<GenerationState>(
        'openbook.generation',
        {
          engine: v.picklist(['webllm', 'transformers-auto', 'transformers-webgpu', 'transformers-wasm', 'openai']),
          engineChosen: v.boolean(),
          modelId: stringUpTo(500),
          // Each family's choice on its own: one saved before a family existed keeps that family's default.
          modelIds: v.partial(v.object({ webllm: stringUpTo(500), transformers: stringUpTo(500), openai: stringUpTo(500) })) as v.GenericSchema<
            unknown,
            GenerationState['modelIds']
          >,
          modelChosen: v.boolean(),
        },
        (parsed, current) => ({ ...current, ...parsed, modelIds: { ...current.modelIds, ...parsed.modelIds } }),
      ),
    },
  ),
);

/**
 * Make `modelId` the default model of an engine family (one that can load here), unless the user chose a
 * model, or a model is loaded or loading.
 */
export function applyDefaultChatModel(family: 'webllm' | 'transformers', modelId: string): void {
  const { modelChosen, phase, modelIds, engine, loadedModelId } = useGenerationStore.getState();
  if (modelChosen || isBusy(phase) || loadedModelId || modelIds[family] === modelId) return;
  useGenerationStore.setState({ modelIds: { ...modelIds, [family]: modelId }, ...(engineFamily(engine) === family ? { modelId } : {}) });
}
