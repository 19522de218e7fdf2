// Step 3, embedding and indexing: which model, which device, progress, and what the vector index holds.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from './persistence';
import type { Chunk } from '../core/types';
import type { ComputeDevice, DownloadProgress, EmbeddingModelInfo, EmbedderLoadResult } from '../adapters/embedder/embedder';
import { BUILTIN_EMBEDDING_MODELS, parseModelManifest } from '../adapters/embedder/embeddingModels';
import type { IndexStatus } from '../adapters/vectorIndex/vectorIndex';
import { callback } from '../adapters/workerRpc';
import { message, type Message } from '../i18n/message';
import { allChunks } from './chunkingStore';
import { useDocumentsStore } from './documentsStore';
import { useGpuStore } from './gpuStore';
import { selectModelHost, useSettingsStore } from './settingsStore';
import { fetchSiteManifest } from './siteManifest';
import { getEmbedder, getVectorIndex, resetEmbedder } from './workers';
import { describeError, isCancelled } from './errors';

export type DevicePreference = 'auto' | ComputeDevice;
export type IndexPhase = 'idle' | 'loading-model' | 'embedding' | 'indexing' | 'ready' | 'error';

export const DEFAULT_EMBEDDING_MODEL = 'Xenova/multilingual-e5-small';

interface IndexState {
  models: EmbeddingModelInfo[];
  modelId: string;
  devicePreference: DevicePreference;
  phase: IndexPhase;
  loaded: EmbedderLoadResult | null;
  downloads: Record<string, DownloadProgress>;
  embedded: { done: number; total: number } | null;
  /** How the last completed run went: texts newly embedded, how long that took, on which device. */
  lastRun: { embedded: number; reused: number; ms: number; device: ComputeDevice } | null;
  /** Vectors added to the index so far, while it is being built. */
  indexing: { done: number; total: number } | null;
  error: Message | null;
  notice: Message | null;
  /** The chunks the index holds, by id: results always refer to what was really indexed. */
  indexedChunks: Map<string, Chunk>;
  indexedModelId: string | null;
  /** The device that embedded the indexed chunks: WebGPU (fp32 weights) and WASM (q8) give slightly different vectors. */
  indexedDevice: ComputeDevice | null;
  indexStatus: IndexStatus | null;
  loadSiteModels(): Promise<void>;
  setModel(id: string): void;
  setDevicePreference(p: DevicePreference): void;
  embedAndIndex(): Promise<void>;
  cancel(): void;
  removeDocument(docId: string): Promise<void>;
}

/** Vectors already computed, by model, device and text, so re-chunking only embeds what changed. */
const vectorCache = new Map<string, Float32Array>();
const cacheKey = (modelId: string, device: ComputeDevice, text: string) => `${modelId}\u0000${device}\u0000${text}`;

let runId = 0;

export const useIndexStore = create<IndexState>()(
  persist(
    (set, get) => ({
      models: BUILTIN_EMBEDDING_MODELS,
      modelId: DEFAULT_EMBEDDING_MODEL,
      devicePreference: 'auto',
      phase: 'idle',
      loaded: null,
      downloads: {},
      embedded: null,
      indexing: null,
      lastRun: null,
      error: null,
      notice: null,
      indexedChunks: new Map(),
      indexedModelId: null,
      indexedDevice: null,
      indexStatus: null,

      async loadSiteModels() {
        // A site may serve models itself and list them in models/models.json (see README).
        try {
          const manifest = await fetchSiteManifest();
          if (manifest === null) return;
          const extra = parseModelManifest(manifest);
          const known = new Set(BUILTIN_EMBEDDING_MODELS.map((m) => m.id));
          set({ models: [...BUILTIN_EMBEDDING_MODELS, ...extra.filter((m) => !known.has(m.id))] });
        } catch (err) {
          set({ notice: message('embedding.errors.manifest', { detail: describeError(err) }) });
        }
      },

      setModel(modelId) {
        if (get().phase === 'loading-model' || get().phase === 'embedding' || get().phase === 'indexing') return;
        set({ modelId, error: null });
      },
      setDevicePreference(devicePreference) {
        set({ devicePreference, error: null });
      },

      async embedAndIndex() {
        const state = get();
        if (state.phase === 'loading-model' || state.phase === 'embedding' || state.phase === 'indexing') return;
        const model = state.models.find((m) => m.id === state.modelId);
        if (!model) return;
        const chunks = await allChunks();
        if (chunks.length === 0) {
          set({ error: message('embedding.errors.no-chunks') });
          return;
        }
        const host = selectModelHost(useSettingsStore.getState());
        if (!host) {
          set({ error: message('settings.errors.bad-host') });
          return;
        }
        const run = ++runId;
        const stillCurrent = () => run === runId;
        set({ phase: 'loading-model', error: null, downloads: {}, embedded: null, indexing: null });

        try {
          const caps = await useGpuStore.getState().detect();
          let device: ComputeDevice = state.devicePreference === 'auto' ? (caps.adapter ? 'webgpu' : 'wasm') : state.devicePreference;
          if (device === 'webgpu' && !caps.adapter) {
            set({ phase: 'error', error: message('embedding.errors.webgpu-unavailable') });
            return;
          }
          const { api } = await getEmbedder();
          const loaded = get().loaded;
          if (!loaded || loaded.modelId !== model.id || loaded.device !== device) {
            const result = await api.load(
              model,
              device,
              { remoteHost: host, basePath: import.meta.env.BASE_URL },
              callback((p: DownloadProgress) => {
                if (stillCurrent()) set((s) => ({ downloads: { ...s.downloads, [p.file]: p } }));
              }),
            );
            device = result.device;
            set({ loaded: result });
          }
          if (!stillCurrent()) return;

          const missing = [...new Set(chunks.map((c) => c.text).filter((t) => !vectorCache.has(cacheKey(model.id, device, t))))];
          set({ phase: 'embedding', embedded: { done: chunks.length - missing.length, total: chunks.length } });
          const alreadyDone = chunks.length - missing.length;
          const embedStart = performance.now();
          const vectors = await api.embed(
            missing,
            'passage',
            callback((done: number) => {
              if (stillCurrent()) set({ embedded: { done: alreadyDone + done, total: chunks.length } });
            }),
          );
          missing.forEach((text, i) => {
            const v = vectors[i];
            if (v) vectorCache.set(cacheKey(model.id, device, text), v);
          });
          if (!stillCurrent()) return;
          const lastRun = { embedded: missing.length, reused: alreadyDone, ms: performance.now() - embedStart, device };

          set({ phase: 'indexing' });
          // A document removed while its chunks were being embedded must not reach the index.
          const live = new Set(useDocumentsStore.getState().documents.map((d) => d.id));
          const liveChunks = chunks.filter((c) => live.has(c.docId));
          const items = liveChunks.map((c) => ({ id: c.id, vector: vectorCache.get(cacheKey(model.id, device, c.text))! }));
          const { api: index } = await getVectorIndex();
          let indexStatus = await index.build(
            items,
            callback((done: number, total: number) => {
              if (stillCurrent()) set({ indexing: { done, total } });
            }),
          );
          // And one removed while the index was being built leaves it now.
          const stillLive = new Set(useDocumentsStore.getState().documents.map((d) => d.id));
          const gone = liveChunks.filter((c) => !stillLive.has(c.docId)).map((c) => c.id);
          if (gone.length > 0) indexStatus = await index.remove(gone);
          if (!stillCurrent()) return;
          set({
            phase: 'ready',
            indexStatus,
            indexedChunks: new Map(liveChunks.filter((c) => stillLive.has(c.docId)).map((c) => [c.id, c])),
            indexedModelId: model.id,
            indexedDevice: device,
            embedded: { done: chunks.length, total: chunks.length },
            lastRun,
          });
        } catch (err) {
          if (!stillCurrent()) return;
          if (isCancelled(err)) {
            set({ phase: get().indexedChunks.size > 0 ? 'ready' : 'idle', notice: message('embedding.cancelled'), embedded: null });
            return;
          }
          set({ phase: 'error', error: message('embedding.errors.failed', { detail: describeError(err) }) });
        }
      },

      cancel() {
        const phase = get().phase;
        // Building the index is not cancellable: the worker replaces its index as it goes, and the store
        // must then describe what the worker holds. It takes seconds even for large workspaces.
        if (phase !== 'loading-model' && phase !== 'embedding') return;
        runId++; // results of the cancelled run are ignored from now on
        set({ phase: get().indexedChunks.size > 0 ? 'ready' : 'idle', notice: message('embedding.cancelled'), embedded: null, downloads: {} });
        if (phase === 'loading-model') {
          // A download cannot be interrupted inside the library: replace the worker.
          set({ loaded: null });
          void resetEmbedder();
        } else {
          void getEmbedder().then(({ api }) => api.cancel());
        }
      },

      async removeDocument(docId) {
        const ids = [...get().indexedChunks.values()].filter((c) => c.docId === docId).map((c) => c.id);
        if (ids.length === 0) return;
        const { api } = await getVectorIndex();
        const indexStatus = await api.remove(ids);
        const indexedChunks = new Map(get().indexedChunks);
        for (const id of ids) indexedChunks.delete(id);
        set({ indexedChunks, indexStatus, phase: indexedChunks.size > 0 ? get().phase : 'idle' });
      },
    }),
    {
      name: 'openbook.embedding',
      storage: settingsStorage,
      partialize: (s) => ({ modelId: s.modelId, devicePreference: s.devicePreference }),
    },
  ),
);

/** Chunks that exist now but are not in the index with their current text. */
export function countUnindexed(chunks: Chunk[], indexed: Map<string, Chunk>): number {
  let n = 0;
  for (const c of chunks) if (indexed.get(c.id)?.text !== c.text) n++;
  return n;
}
