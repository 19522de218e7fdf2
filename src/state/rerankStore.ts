// Reranking: which cross-encoder (or none), on which device, how many candidates it re-scores, and the
// model's loading and scoring with progress and cancel. The model is loaded on the first question that
// needs it. The choice, the device and the candidate count are settings, kept in localStorage.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from './persistence';
import type { DownloadProgress, RerankDevice, RerankModelInfo, RerankerLoadResult } from '../adapters/reranker/reranker';
import { BUILTIN_RERANK_MODELS, parseRerankManifest, withSiteRerankModels } from '../adapters/reranker/rerankModels';
import { callback } from '../adapters/workerRpc';
import { message, type Message } from '../i18n/message';
import { useGpuStore } from './gpuStore';
import { selectModelHost, useSettingsStore } from './settingsStore';
import { fetchSiteManifest } from './siteManifest';
import { getReranker, resetReranker } from './workers';
import { describeError } from './errors';

export type RerankDevicePreference = 'auto' | RerankDevice;
export type RerankPhase = 'idle' | 'loading' | 'reranking';

/** Bounds of the candidate count (the first stage's list that the cross-encoder re-scores). */
export const MIN_RERANK_CANDIDATES = 1;
export const MAX_RERANK_CANDIDATES = 200;
export const DEFAULT_RERANK_CANDIDATES = 20;

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
  /** How many first-stage candidates the cross-encoder re-scores. */
  candidates: number;
  phase: RerankPhase;
  loaded: RerankerLoadResult | null;
  downloads: Record<string, DownloadProgress>;
  /** Candidates scored so far in the run under way. */
  scored: { done: number; total: number } | null;
  /** The last finished run: how many candidates, how long the cross-encoder took, where. */
  lastRun: { candidates: number; ms: number; device: RerankDevice; modelId: string } | null;
  loadSiteModels(): Promise<void>;
  setModel(id: string | null): void;
  setDevicePreference(p: RerankDevicePreference): void;
  setCandidates(n: number): void;
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

let runId = 0;
let siteModels: Promise<void> | null = null;
/** The load under way, shared by every question that waits for the same model on the same device. */
let pendingLoad: { key: string; promise: Promise<RerankerLoadResult> } | null = null;
/** cancel() calls this to stop waiting for a load it abandoned (a terminated worker never answers). */
let abandonLoad: (() => void) | null = null;

const cancelled = () => new RerankProblem(message('rerank.errors.cancelled'), 'Reranking was cancelled.');

export const useRerankStore = create<RerankState>()(
  persist(
    (set, get) => {
      async function resolveDevice(): Promise<RerankDevice> {
        const caps = await useGpuStore.getState().detect();
        const preference = get().devicePreference;
        const device: RerankDevice = preference === 'auto' ? (caps.adapter ? 'webgpu' : 'wasm') : preference;
        if (device === 'webgpu' && !caps.adapter) {
          throw new RerankProblem(message('rerank.errors.webgpu-unavailable'), 'WebGPU is not available here for the reranker.');
        }
        return device;
      }

      function startLoad(model: RerankModelInfo, device: RerankDevice, host: string): Promise<RerankerLoadResult> {
        const key = `${model.id}|${device}|${host}`;
        if (pendingLoad?.key === key) return pendingLoad.promise;
        const run = ++runId;
        set({ phase: 'loading', downloads: {} });
        const promise = (async () => {
          const { api } = await getReranker();
          const loading = api.load(
            model,
            device,
            { remoteHost: host, basePath: import.meta.env.BASE_URL },
            callback((p: DownloadProgress) => {
              if (run === runId) set((s) => ({ downloads: { ...s.downloads, [p.file]: p } }));
            }),
          );
          return await new Promise<RerankerLoadResult>((resolve, reject) => {
            abandonLoad = () => reject(cancelled());
            loading.then(resolve, reject);
          });
        })();
        pendingLoad = { key, promise };
        promise.then(
          (loaded) => {
            if (run === runId) set({ loaded, phase: 'idle', downloads: {} });
          },
          (err: unknown) => {
            if (run === runId && !(err instanceof RerankProblem)) set({ phase: 'idle', downloads: {} });
          },
        ).finally(() => {
          if (pendingLoad?.promise === promise) pendingLoad = null;
        });
        return promise.catch((err: unknown) => {
          if (err instanceof RerankProblem) throw err;
          throw new RerankProblem(message('rerank.errors.load-failed', { model: model.id, detail: describeError(err) }), describeError(err));
        });
      }

      return {
        models: BUILTIN_RERANK_MODELS,
        modelId: null,
        devicePreference: 'auto',
        candidates: DEFAULT_RERANK_CANDIDATES,
        phase: 'idle',
        loaded: null,
        downloads: {},
        scored: null,
        lastRun: null,

        loadSiteModels() {
          siteModels ??= (async () => {
            let manifest: unknown = null;
            try {
              manifest = await fetchSiteManifest();
            } catch {
              return; // the embedding step already reports an unreadable manifest
            }
            set({ models: withSiteRerankModels(parseRerankManifest(manifest)) });
          })();
          return siteModels;
        },

        setModel: (modelId) => set({ modelId }),
        setDevicePreference: (devicePreference) => set({ devicePreference }),
        setCandidates: (n) =>
          set({
            candidates: Number.isFinite(n) ? Math.min(MAX_RERANK_CANDIDATES, Math.max(MIN_RERANK_CANDIDATES, Math.round(n))) : DEFAULT_RERANK_CANDIDATES,
          }),

        async score(modelId, question, passages) {
          if (passages.length === 0) return [];
          await get().loadSiteModels();
          const model = get().models.find((m) => m.id === modelId);
          if (!model) {
            throw new RerankProblem(message('rerank.errors.unknown-model', { model: modelId }), `The reranker "${modelId}" is not offered here.`);
          }
          const host = selectModelHost(useSettingsStore.getState());
          if (!host) throw new RerankProblem(message('settings.errors.bad-host'), 'The model download source is not a valid address.');
          const device = await resolveDevice();

          const current = get().loaded;
          if (current?.modelId !== model.id || current.device !== device) await startLoad(model, device, host);

          const run = ++runId;
          set({ phase: 'reranking', scored: { done: 0, total: passages.length } });
          const started = performance.now();
          try {
            const { api } = await getReranker();
            const scores = await api.score(
              question,
              passages,
              callback((done: number, total: number) => {
                if (run === runId) set({ scored: { done, total } });
              }),
            );
            if (run !== runId) throw cancelled();
            set({
              phase: 'idle',
              scored: null,
              lastRun: { candidates: passages.length, ms: performance.now() - started, device, modelId: model.id },
            });
            return scores;
          } catch (err) {
            if (err instanceof RerankProblem) throw err;
            if (err instanceof Error && err.name === 'RerankCancelledError') throw cancelled();
            if (run === runId) set({ phase: 'idle', scored: null });
            throw new RerankProblem(message('rerank.errors.failed', { model: model.id, detail: describeError(err) }), describeError(err));
          }
        },

        cancel() {
          const phase = get().phase;
          if (phase === 'idle') return;
          runId++; // what the cancelled run still reports is ignored from now on
          set({ phase: 'idle', downloads: {}, scored: null });
          if (phase === 'loading') {
            // A download cannot be interrupted inside the library: replace the worker.
            set({ loaded: null });
            pendingLoad = null;
            abandonLoad?.();
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
      partialize: (s) => ({ modelId: s.modelId, devicePreference: s.devicePreference, candidates: s.candidates }),
    },
  ),
);
