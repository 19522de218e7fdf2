// Reranking: which cross-encoder (or none), on which device, and the model's loading and scoring with
// progress and cancel. The model is loaded on the first question that needs it. The choice and the device
// are settings, kept in localStorage. How many candidates it re-scores is the search settings' N.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { stringUpTo, schemaPersistOptions } from '../runtime/persistedSchema';
import type { ComputeDevice } from '@openbook/core/types';
import type { DevicePreference } from '@openbook/core/deviceChoice';
import type { DownloadProgress, RerankModelInfo, RerankerLoadResult } from '../../adapters/reranker/reranker';
import type { ModelSource } from '../../adapters/transformers/modelLocation';
import { BUILTIN_RERANK_MODELS, parseRerankManifest, withSiteRerankModels } from '../../adapters/reranker/rerankModels';
import { callback } from '../../adapters/workerRpc';
import { message, type Message } from '../../i18n/message';
import { WorkerModelLoad, modelSource, resolveDevice as chooseDeviceFor, siteModelsOnce, withDownload } from '../models/modelLoading';
import { getReranker, resetReranker } from '../runtime/workers';
import { describeError } from '../runtime/errors';
import { useGpuStore } from '../models/gpuStore';
import { forgetTrials, measuredChoice, textTrial, type MeasuredChoice } from '../models/deviceTrials';

export type RerankDevicePreference = DevicePreference;
export type RerankPhase = 'idle' | 'loading' | 'reranking';

/** Bounds of the candidate count (the first stage's list that the cross-encoder re-scores). */

/**
 * Reranking could not be done. `problem` is what the app shows (translatable); `message` says the same in
 * English for callers that only log (the evaluation runner).
 */
export class RerankProblem extends Error {
  constructor(
    readonly problem: Message,
    englishMessage: string,
  ) {
    super(englishMessage);
    this.name = 'RerankProblem';
  }
}

interface RerankState {
  models: RerankModelInfo[];
  /** The chosen cross-encoder, or null for no reranking. */
  modelId: string | null;
  devicePreference: RerankDevicePreference;
  phase: RerankPhase;
  loaded: RerankerLoadResult | null;
  downloads: Record<string, DownloadProgress>;
  /** Candidates scored so far in the run under way. */
  scored: { done: number; total: number } | null;
  /** The last finished run: how many candidates, how long the cross-encoder took, where. */
  lastRun: { candidates: number; ms: number; device: ComputeDevice; modelId: string } | null;
  /** "Automatic" measured: each device's pairs/s and the choice, for the model last scored with it. */
  deviceTrial: (MeasuredChoice & { modelId: string }) | null;
  /** The device a trial is running on now. */
  measuring: ComputeDevice | null;
  /** Forget the measured figures of the chosen model: the next Automatic question measures again. */
  measureAgain(): void;
  loadSiteModels(): Promise<void>;
  setModel(id: string | null): void;
  setDevicePreference(p: RerankDevicePreference): void;
  /**
   * Score passages against the question with the cross-encoder `modelId` (loading it first if needed):
   * sigmoid scores in [0, 1], in the order of `passages`. Throws a RerankProblem.
   */
  score(modelId: string, question: string, passages: string[]): Promise<number[]>;
  /**
   * Stop loading or scoring; the question that waited for it fails with a "cancelled" problem (which it
   * reports). Failures are not kept here either: the question that needed the reranker reports them.
   */
  cancel(): void;
}

/** Reranking calls run one after another (one model in one worker): each waits for the one before. */
let queue: Promise<unknown> = Promise.resolve();
/** Raised by cancel(): a call that started under an older value is cancelled, running or waiting. */
let cancels = 0;
const cancelled = () => new RerankProblem(message('rerank.errors.cancelled'), 'Reranking was cancelled.');
/** The model load under way; cancel() abandons it (a terminated worker never answers). */
const modelLoad = new WorkerModelLoad(cancelled);

export const useRerankStore = create<RerankState>()(
  persist(
    (set, get) => {
      async function resolveDevice(): Promise<ComputeDevice> {
        const { device } = await chooseDeviceFor(get().devicePreference);
        if (!device) throw new RerankProblem(message('rerank.errors.webgpu-unavailable'), 'WebGPU is not available here for the reranker.');
        return device;
      }

      /** Load the model in the worker, showing its download while this call is not cancelled. */
      async function load(model: RerankModelInfo, device: ComputeDevice, source: ModelSource, epoch: number): Promise<void> {
        const live = () => epoch === cancels;
        set({ phase: 'loading', downloads: {} });
        try {
          const { api } = await getReranker();
          if (!live()) throw cancelled(); // the worker was replaced meanwhile
          const loaded = await modelLoad.load(api, model, device, source, (p) => set((s) => ({ downloads: withDownload(s.downloads, p) })), live);
          if (!live()) throw cancelled();
          set({ loaded, downloads: {} });
        } catch (err) {
          if (err instanceof RerankProblem) throw err;
          if (!live()) throw cancelled();
          set({ phase: 'idle', downloads: {} });
          throw new RerankProblem(message('rerank.errors.load-failed', { model: model.id, detail: describeError(err) }), describeError(err));
        }
      }

      /** One reranking call, its turn come: load the model if needed, then score. */
      async function scoreNow(epoch: number, modelId: string, question: string, passages: string[]): Promise<number[]> {
        const live = () => epoch === cancels;
        if (!live()) throw cancelled();
        await get().loadSiteModels();
        const model = get().models.find((m) => m.id === modelId);
        if (!model) {
          throw new RerankProblem(message('rerank.errors.unknown-model', { model: modelId }), `The reranker "${modelId}" is not offered here.`);
        }
        const source = modelSource();
        if (!source) throw new RerankProblem(message('settings.errors.bad-host'), 'The model download source is not a valid address.');
        let device = await resolveDevice();
        if (get().devicePreference === 'auto') {
          // Where WebGPU has an adapter: the device measured faster for this model (remembered, or timed now).
          const caps = await useGpuStore.getState().detect();
          const choice = await measuredChoice(model.id, caps, {
            async load(trialDevice) {
              const held = get().loaded;
              if (held?.modelId !== model.id || held.device !== trialDevice) await load(model, trialDevice, source, epoch);
              return get().loaded?.device ?? trialDevice;
            },
            run: textTrial(async (texts, passes) => {
              const { api } = await getReranker();
              return api.trial(texts, passes);
            }),
            stillCurrent: live,
            onMeasuring: (measuring) => {
              if (live()) set({ measuring });
            },
          });
          if (!live()) throw cancelled();
          if (choice) {
            device = choice.device;
            set({ deviceTrial: { ...choice, modelId: model.id } });
          }
        }

        const current = get().loaded;
        if (current?.modelId !== model.id || current.device !== device) await load(model, device, source, epoch);
        if (!live()) throw cancelled();

        set({ phase: 'reranking', scored: { done: 0, total: passages.length } });
        const started = performance.now();
        try {
          const { api } = await getReranker();
          const scores = await api.score(
            question,
            passages,
            callback((done: number, total: number) => {
              if (live()) set({ scored: { done, total } });
            }),
          );
          if (!live()) throw cancelled();
          set({
            phase: 'idle',
            scored: null,
            lastRun: { candidates: passages.length, ms: performance.now() - started, device, modelId: model.id },
          });
          return scores;
        } catch (err) {
          if (err instanceof RerankProblem) throw err;
          if (!live() || (err instanceof Error && err.name === 'RerankCancelledError')) throw cancelled();
          set({ phase: 'idle', scored: null });
          throw new RerankProblem(message('rerank.errors.failed', { model: model.id, detail: describeError(err) }), describeError(err));
        }
      }

      return {
        models: BUILTIN_RERANK_MODELS,
        modelId: null,
        devicePreference: 'auto',
        phase: 'idle',
        loaded: null,
        downloads: {},
        scored: null,
        lastRun: null,
        deviceTrial: null,
        measuring: null,

        measureAgain() {
          const { modelId } = get();
          if (modelId) forgetTrials(modelId);
          set({ deviceTrial: null });
        },

        // The site's own cross-encoders (models.json's "reranker" list); an unreadable manifest is the embedding step's to report.
        loadSiteModels: siteModelsOnce((manifest) => set({ models: withSiteRerankModels(parseRerankManifest(manifest)) })),

        setModel: (modelId) => set({ modelId }),
        setDevicePreference: (devicePreference) => set({ devicePreference }),
        score(modelId, question, passages) {
          if (passages.length === 0) return Promise.resolve([]);
          const epoch = cancels;
          const turn = queue.then(() => scoreNow(epoch, modelId, question, passages));
          queue = turn.catch(() => {});
          return turn;
        },

        cancel() {
          const phase = get().phase;
          if (phase === 'idle') return;
          cancels++; // the call under way and those waiting are cancelled; what they still report is ignored
          set({ phase: 'idle', downloads: {}, scored: null, measuring: null });
          if (phase === 'loading') {
            // A download cannot be interrupted inside the library: replace the worker.
            set({ loaded: null });
            modelLoad.abandon();
            void resetReranker();
          } else {
            void getReranker().then(({ api }) => api.cancel());
          }
        },
      };
    },
    {
      name: 'openbook.rerank',
      storage: settingsStorage,
      partialize: (s) => ({ modelId: s.modelId, devicePreference: s.devicePreference }),
      ...schemaPersistOptions<RerankState>('openbook.rerank', {
        modelId: v.nullable(v.pipe(stringUpTo(500), v.minLength(1))),
        devicePreference: v.picklist(['auto', 'webgpu', 'wasm']),
      }),
    },
  ),
);
