// Step 3, embedding and indexing: which model, which device, progress, and what the vector index holds.
// After each build the index (chunks and vectors, with the model and device that made them) is saved in
// the workspace storage; on the next visit restoreIndex() rebuilds it from the saved vectors, and the
// model is loaded again only when a question needs it (loadIndexModel).
// The built-in LSA embedder (no download) is first fitted to the chunks in the embedding worker (phase
// 'fitting'), then embeds them like any model; its fitted projection is kept and saved with the index, so a
// question after a reload is embedded by the same projection.
// With contextual headers on (embedHeaders), each chunk is embedded as its document title and heading path,
// a blank line, then its text (core/retrieval/contextualHeader.ts); the text shown stays the chunk's own.
// The index remembers how it was made (indexedHeaders): a different choice marks it out of date.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { stringUpTo, schemaPersistOptions } from '../runtime/persistedSchema';
import type { Chunk, SourceDocument } from '@openbook/core/types';
import type { PackedDocument, PackedWorkspace } from '@openbook/core/workspaceFile';
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import {
  EmbeddingCancelledError,
  type ComputeDevice,
  type EmbeddingDevice,
  type DownloadProgress,
  type EmbeddingModelInfo,
  type EmbedderLoadResult,
} from '../../adapters/embedder/embedder';
import { BUILTIN_EMBEDDING_MODELS, BUILTIN_LSA_MODEL, BUILTIN_LSA_MODEL_ID, isBuiltinLsa, parseModelManifest } from '../../adapters/embedder/embeddingModels';
import { embeddingDeviceOf } from '@openbook/core/lsa/builtinLsa';
import type { LsaModel, LsaProgress } from '@openbook/core/lsa/lsaModel';
import type { IndexStatus } from '../../adapters/vectorIndex/vectorIndex';
import type { IndexSnapshot, SavedIndex } from '../../adapters/storage/workspaceStorage';
import { callback } from '../../adapters/workerRpc';
import { message, type Message } from '../../i18n/message';
import { allChunks, reuseChunks, useChunkingStore } from '../chunks/chunkingStore';
import { sameChunk } from '@openbook/core/sameChunk';
import { useDocumentsStore } from '../documents/documentsStore';
import { WorkerModelLoad, modelSource, resolveDevice, siteModelsOnce, withDownload } from '../models/modelLoading';
import { withSiteModels } from '../../adapters/transformers/manifestSection';
import type { ModelSource } from '../../adapters/transformers/modelLocation';
import { getEmbedder, getQueryEmbedder, getVectorIndex, resetEmbedder, resetQueryEmbedder } from '../runtime/workers';
import { dropPending, indexedTextIds, pendingVectors, type EmbeddedTextOf } from './pendingVectors';
import { indexedText } from '@openbook/core/retrieval/contextualHeader';
import { chunkContextsInUse, contextOf, type ChunkContexts } from '../chunks/chunkContextStore';
import { buildIndex, type IndexedPair, type StagedBuild } from '../flows/buildIndex';
import { forEachInSlices } from '../runtime/slices';
import { throttle } from '../runtime/throttle';
import { describeError, isCancelled } from '../runtime/errors';
import { holdForTest } from '../runtime/testHooks';
import { yieldToEventLoop } from '../../adapters/transformers/yieldToEventLoop';

/** Where an end-to-end test may hold an embedding run between two batches (window.__openbookTest.hold). */
export const EMBED_BATCH_HOLD = 'embed-batch';
import { saveIndex, useWorkspaceStore } from '../workspace/workspaceStore';
import { addSavedRunVectors, clearProgress, noteUnsavedRun, PROGRESS_BATCH, saveProgressBatch } from './resumeStore';
import { useGpuStore } from '../models/gpuStore';
import { forgetTrials, measuredChoice, textTrial, type MeasuredChoice } from '../models/deviceTrials';

export type { DevicePreference } from '@openbook/core/deviceChoice';
import type { DevicePreference } from '@openbook/core/deviceChoice';
export type IndexPhase = 'idle' | 'loading-model' | 'fitting' | 'embedding' | 'indexing' | 'ready' | 'error';

/** The models the app offers before the site's own are known: the built-in embedder first, then the hub's. */
const OFFERED_MODELS: EmbeddingModelInfo[] = [BUILTIN_LSA_MODEL, ...BUILTIN_EMBEDDING_MODELS];

export const DEFAULT_EMBEDDING_MODEL = 'Xenova/multilingual-e5-small';

interface IndexState {
  models: EmbeddingModelInfo[];
  modelId: string;
  /** True once the user picked the model; until then the default follows what can load here (applyDefaultEmbeddingModel). */
  modelChosen: boolean;
  devicePreference: DevicePreference;
  /** Embed each chunk with its contextual header (document title and heading path): the choice for the next run. */
  embedHeaders: boolean;
  phase: IndexPhase;
  loaded: EmbedderLoadResult | null;
  downloads: Record<string, DownloadProgress>;
  /** The built-in embedder's fit to the chunks, while it runs. */
  fitting: LsaProgress | null;
  embedded: { done: number; total: number } | null;
  /** How the last completed run went: texts newly embedded, how long that took, on which device. */
  lastRun: { embedded: number; reused: number; ms: number; device: EmbeddingDevice; fit?: { ms: number; terms: number; dimension: number } } | null;
  /** Vectors added to the index so far, while it is being built (or rebuilt from the saved workspace). */
  indexing: { done: number; total: number; restoring?: boolean } | null;
  /** Set when the index was rebuilt from the saved workspace: how many chunks, how long it took. */
  restored: { chunks: number; ms: number } | null;
  error: Message | null;
  notice: Message | null;
  /** The chunks the index holds, by id: results always refer to what was really indexed. */
  indexedChunks: Map<string, Chunk>;
  indexedModelId: string | null;
  /** The device that embedded the indexed chunks: WebGPU (fp32 weights) and WASM (q8) give slightly different vectors. */
  indexedDevice: EmbeddingDevice | null;
  /** The chunk settings the indexed chunks were made with. */
  indexedChunking: ChunkerSettings | null;
  /** The fitted projection of the built-in embedder when it made the index (saved with it), else null. */
  indexedLsa: LsaModel | null;
  /** Whether the indexed chunks were embedded with their contextual headers. */
  indexedHeaders: boolean;
  /** The chat model's chunk contexts the indexed chunks were embedded with (chunkContextStore.ts), or null. */
  indexedContexts: ChunkContexts | null;
  indexStatus: IndexStatus | null;
  /** "Automatic" measured: each device's figure and the choice, for the model last embedded with it. */
  deviceTrial: (MeasuredChoice & { modelId: string }) | null;
  /** The device a trial is running on now. */
  measuring: ComputeDevice | null;
  /** Forget the measured figures of the chosen model: the next Automatic run measures again. */
  measureAgain(): void;
  loadSiteModels(): Promise<void>;
  setModel(id: string): void;
  setDevicePreference(p: DevicePreference): void;
  setEmbedHeaders(on: boolean): void;
  /** `streamed`: the texts a pipeline embedded as chunks arrived (flows/ingestPipeline.ts), for lastRun. */
  embedAndIndex(streamed?: { embedded: number; ms: number }): Promise<void>;
  cancel(): void;
  removeDocument(docId: string): Promise<void>;
  /**
   * Make sure the embedder that made the index is loaded (the question must be embedded by the same model
   * on the same device), loading it with the usual progress if needed. Returns why not, or null.
   */
  loadIndexModel(): Promise<Message | null>;
  /**
   * Rebuild the index in its worker from saved vectors, without embedding anything. `documentIds`: the
   * documents about to be restored into the documents store (default: those already there). `staged`: the
   * saved vectors were handed to the worker while storage was read (stageBuild); they are not in `saved`.
   */
  restoreIndex(saved: SavedIndex, startedAt: number, documentIds?: string[], staged?: StagedBuild): Promise<void>;
  /** Empty the index and forget every vector. */
  resetIndex(): Promise<void>;
}

let runId = 0;

/** Is a run under way (loading, fitting, embedding or indexing)? */
export const isIndexBusy = (phase: IndexPhase) => phase === 'loading-model' || phase === 'fitting' || phase === 'embedding' || phase === 'indexing';
const isBusy = isIndexBusy;

/** The model load under way; cancel() abandons it (a terminated worker never answers). */
const modelLoad = new WorkerModelLoad(() => new EmbeddingCancelledError());

/** Each LSA fit's own name among the vectors: vectors of one fit do not belong to another. */
const fitKeys = new WeakMap<LsaModel, string>();
let fits = 0;
/** The model key vectors are known under: the model id, and for the built-in embedder its fit too. */
function vectorKey(modelId: string, lsa: LsaModel | null): string {
  if (!isBuiltinLsa(modelId) || !lsa) return modelId;
  let key = fitKeys.get(lsa);
  if (!key) fitKeys.set(lsa, (key = `${modelId}@fit${++fits}`));
  return key;
}

/**
 * The text each chunk is embedded as: its own text, or with `headers` its contextual header (the title of
 * its document as the documents store has it now, and its heading path) and then its text.
 */
export function embeddedTextFor(headers: boolean, contexts: ChunkContexts | null = null): EmbeddedTextOf {
  if (!headers && !contexts) return (c) => c.text;
  const titles = new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));
  return (c) => {
    const title = titles.get(c.docId) ?? '';
    return indexedText(c, title, headers, contextOf(contexts, c, title));
  };
}

/**
 * The index as the workspace storage keeps it (and a workspace file holds), or null if a vector is missing.
 * The vectors come from the index worker (the page keeps none), in one buffer that the snapshot's vectors view.
 */
async function snapshotOf(state: IndexState): Promise<IndexSnapshot | null> {
  const { indexedModelId: modelId, indexedDevice: device, indexedChunking: chunking } = state;
  if (!modelId || !device || !chunking) return null;
  const chunks = [...state.indexedChunks.values()];
  if (chunks.length === 0) return null;
  const { api } = await getVectorIndex();
  const flat = await api.vectorsFlat(chunks.map((c) => c.id));
  const dimension = flat ? flat.length / chunks.length : 0;
  if (!flat || !dimension) return null;
  const vectors = chunks.map((_, i) => flat.subarray(i * dimension, (i + 1) * dimension));
  const headers = {
    ...(state.indexedHeaders ? { embedHeaders: true } : {}),
    ...(state.indexedContexts ? { chunkContexts: state.indexedContexts.set } : {}),
  };
  if (isBuiltinLsa(modelId)) return state.indexedLsa ? { modelId, device, dimension, chunking, chunks, vectors, lsa: state.indexedLsa, ...headers } : null;
  return { modelId, device, dimension, chunking, chunks, vectors, ...headers };
}

type SetIndexState = (partial: Partial<IndexState> | ((s: IndexState) => Partial<IndexState>)) => void;

// The callbacks a run hands to workers are made by these functions, outside the run's own function: a
// closure made inside it would hold the run's whole scope (its chunks, the vectors it embedded or restored)
// for as long as the worker keeps the callback (the index worker keeps onLaterStatus for good).
/**
 * The chunk object the chunking store holds for the same chunk, else this one: a restored index's chunks
 * are the documents' current chunks whenever the chunk settings are the same, and the page keeps one
 * object for both (chunks made later reuse the index's: reuseChunks below).
 */
function chunkedAlready(chunk: Chunk): Chunk {
  const same = useChunkingStore.getState().chunksByDoc.get(chunk.docId)?.[chunk.index];
  return same && sameChunk(same, chunk) ? same : chunk;
}

/** How many restored chunks restoreIndex() maps per task. */
const RESTORE_MAP_SLICE = 25_000;
/** How many chunks embedAndIndex() takes per task in its passes over all of them (texts, pairs, the index's map). */
const CHUNK_SLICE = 5_000;

/** Is run `run` still the current one? */
const currentRun = (run: number) => () => run === runId;
/** The index worker's later status (Voy ready), while the run is current. */
const laterStatusTo = (set: SetIndexState, stillCurrent: () => boolean) => (later: IndexStatus) => {
  if (stillCurrent()) set({ indexStatus: later });
};
/** The index build's progress, while the run is current. */
const indexingTo = (set: SetIndexState, stillCurrent: () => boolean, restoring: boolean) => (done: number, total: number) => {
  if (stillCurrent()) set({ indexing: restoring ? { done, total, restoring } : { done, total } });
};
/** The embedding's progress (texts embedded of `total`), shown a few times a second while the run is current. */
const embeddedTo = (set: SetIndexState, stillCurrent: () => boolean, total: number) =>
  throttle((done: number) => {
    if (stillCurrent()) set({ embedded: { done, total } });
  });
/** A batch's progress as the run's: the batch starts after `before` texts. */
const batchTo = (show: (done: number) => void, before: number) => (done: number) => show(before + done);

/** Load an embedding model in the worker, showing its download progress while the run is current. */
async function loadModel(
  set: SetIndexState,
  model: EmbeddingModelInfo,
  device: ComputeDevice,
  source: ModelSource,
  stillCurrent: () => boolean,
): Promise<EmbedderLoadResult> {
  const { api } = await getEmbedder();
  const result = await modelLoad.load(api, model, device, source, (p) => set((s) => ({ downloads: withDownload(s.downloads, p) })), stillCurrent);
  set({ loaded: result });
  return result;
}

/**
 * Automatic on a browser with a WebGPU adapter: the device measured faster for this model (from memory, or
 * measured now, loading the model on each device); null where there is nothing to measure.
 */
async function measureAutomatic(
  set: SetIndexState,
  get: () => IndexState,
  model: EmbeddingModelInfo,
  source: ModelSource,
  stillCurrent: () => boolean,
): Promise<MeasuredChoice | null> {
  const caps = await useGpuStore.getState().detect();
  const choice = await measuredChoice(model.id, caps, {
    async load(device) {
      const loaded = get().loaded;
      if (loaded?.modelId === model.id && loaded.device === device) return device;
      const result = await loadModel(set, model, device, source, stillCurrent);
      return result.device === 'webgpu' ? 'webgpu' : 'wasm';
    },
    run: textTrial(async (texts, passes) => {
      const { api } = await getEmbedder();
      return api.trial(texts, passes);
    }),
    stillCurrent,
    onMeasuring: (measuring) => {
      if (stillCurrent()) set({ measuring });
    },
  });
  if (choice && stillCurrent()) set({ deviceTrial: { ...choice, modelId: model.id } });
  return choice;
}

/**
 * Make the selected model the loaded one on the device the preference resolves to (Automatic: the device
 * measured faster, see measureAutomatic), downloading it with progress if needed; returns that device, or null
 * when no device can run it (the error is shown).
 */
async function prepareModel(
  set: SetIndexState,
  get: () => IndexState,
  model: EmbeddingModelInfo,
  source: ModelSource,
  stillCurrent: () => boolean,
): Promise<EmbeddingDevice | null> {
  const choice = await resolveDevice(get().devicePreference);
  if (!choice.device) {
    set({ phase: 'error', error: message('embedding.errors.webgpu-unavailable') });
    return null;
  }
  let device: EmbeddingDevice = choice.device;
  if (get().devicePreference === 'auto') {
    const measured = await measureAutomatic(set, get, model, source, stillCurrent);
    if (!stillCurrent()) return device;
    if (measured) device = measured.device;
  }
  const loaded = get().loaded;
  if (!loaded || loaded.modelId !== model.id || loaded.device !== device) {
    device = (await loadModel(set, model, device, source, stillCurrent)).device;
  }
  return device;
}

/** The state of an index that holds nothing, with no run under way. */
type EmptyIndexFields =
  | 'phase'
  | 'downloads'
  | 'fitting'
  | 'embedded'
  | 'indexing'
  | 'restored'
  | 'lastRun'
  | 'error'
  | 'notice'
  | 'indexedChunks'
  | 'indexedModelId'
  | 'indexedDevice'
  | 'indexedChunking'
  | 'indexedLsa'
  | 'indexedHeaders'
  | 'indexedContexts'
  | 'indexStatus';
const emptyIndex = (): Pick<IndexState, EmptyIndexFields> => ({
  phase: 'idle',
  downloads: {},
  fitting: null,
  embedded: null,
  indexing: null,
  restored: null,
  lastRun: null,
  error: null,
  notice: null,
  indexedChunks: new Map(),
  indexedModelId: null,
  indexedDevice: null,
  indexedChunking: null,
  indexedLsa: null,
  indexedHeaders: false,
  indexedContexts: null,
  indexStatus: null,
});

export const useIndexStore = create<IndexState>()(
  persist(
    (set, get) => ({
      models: OFFERED_MODELS,
      modelId: DEFAULT_EMBEDDING_MODEL,
      modelChosen: false,
      devicePreference: 'auto',
      embedHeaders: false,
      ...emptyIndex(),
      loaded: null,
      deviceTrial: null,
      measuring: null,

      measureAgain() {
        forgetTrials(get().modelId);
        set({ deviceTrial: null });
      },

      // A site may serve models itself and list them in models/models.json (see README).
      loadSiteModels: siteModelsOnce(
        (manifest) => {
          if (manifest === null) return;
          try {
            set({ models: withSiteModels(OFFERED_MODELS, parseModelManifest(manifest)) });
          } catch (err) {
            set({ notice: message('embedding.errors.manifest', { detail: describeError(err) }) });
          }
        },
        (err) => set({ notice: message('embedding.errors.manifest', { detail: describeError(err) }) }),
      ),

      setModel(modelId) {
        if (isBusy(get().phase)) return;
        set({ modelId, modelChosen: true, error: null });
      },
      setDevicePreference(devicePreference) {
        set({ devicePreference, error: null });
      },
      setEmbedHeaders(embedHeaders) {
        if (isBusy(get().phase)) return;
        set({ embedHeaders, error: null });
      },

      async embedAndIndex(streamed) {
        const state = get();
        if (isBusy(state.phase)) return;
        const model = state.models.find((m) => m.id === state.modelId);
        if (!model) return;
        let chunks = await allChunks();
        // Not in the task that stored the last chunks (and re-rendered the page for them): one of its own.
        await yieldToEventLoop();
        const chunking = useChunkingStore.getState().options; // the settings these chunks were made with
        const headers = state.embedHeaders;
        // The chat model's chunk contexts, as they are when the run starts.
        const contexts = chunkContextsInUse();
        const textOf = embeddedTextFor(headers, contexts);
        if (chunks.length === 0) {
          set({ error: message('embedding.errors.no-chunks') });
          return;
        }
        const lsa = isBuiltinLsa(model);
        const source = lsa ? null : modelSource();
        if (!lsa && !source) {
          set({ error: message('settings.errors.bad-host') });
          return;
        }
        const run = ++runId;
        const stillCurrent = currentRun(run);
        set({ phase: lsa ? 'fitting' : 'loading-model', error: null, downloads: {}, fitting: null, embedded: null, indexing: null });

        try {
          // The built-in embedder runs in plain JavaScript on the CPU; a model on the device chosen below.
          let device: EmbeddingDevice = 'cpu';
          let fitted: LsaModel | null = null;
          let fit: { ms: number; terms: number; dimension: number } | undefined;
          if (lsa) {
            // The built-in embedder learns its projection from these chunks: a new fit, so vectors of an
            // earlier fit no longer apply.
            const fitStart = performance.now();
            fitted = await fitBuiltinEmbedder(set, chunks.map(textOf), stillCurrent);
            if (!stillCurrent()) return;
            fit = { ms: performance.now() - fitStart, terms: fitted.terms.length, dimension: fitted.dimension };
          } else {
            const ready = await prepareModel(set, get, model, source!, stillCurrent);
            if (!ready || !stillCurrent()) return;
            device = ready;
            // The semantic chunker measures with the loaded model (semanticEmbedderSync.ts): its chunks are
            // made again with the model just loaded before they are embedded.
            if (chunking.kind === 'semantic') {
              chunks = await allChunks();
              if (!stillCurrent()) return;
            }
          }

          const { api } = await getEmbedder();
          const key = vectorKey(model.id, fitted);
          // Each pass over every chunk in a task of its own, not after the page's redraw of the last change.
          await yieldToEventLoop();
          // Texts embedded before need no new vector: those the index holds (the worker copies them into the
          // new build), those this run's model embedded since (a cancelled run, a pipeline's), and those an
          // interrupted run saved (read from storage now). After a pipeline (`streamed`) they are all in
          // `pending` already: its run read the saved ones when it started, and what storage holds besides is
          // what that run itself saved, batch by batch (reading 15k vectors back took a 70 ms task for nothing).
          const pending = pendingVectors(key, device);
          if (device !== 'cpu' && !streamed) await addSavedRunVectors(model.id, device, pending);
          if (!stillCurrent()) return;
          const fromIndex = indexTextIds(key, device);
          // The text of each chunk and those still without a vector, a slice of the chunks per task.
          const texts = new Array<string>(chunks.length);
          const toEmbed = new Set<string>();
          await forEachInSlices(chunks, CHUNK_SLICE, (chunk, i) => {
            const text = (texts[i] = textOf(chunk));
            if (!pending.has(text) && !fromIndex.has(text)) toEmbed.add(text);
          });
          if (!stillCurrent()) return;
          const missing = [...toEmbed];
          set({ phase: 'embedding', embedded: { done: chunks.length - missing.length, total: chunks.length } });
          const alreadyDone = chunks.length - missing.length;
          const embedStart = performance.now();
          const showEmbedded = embeddedTo(set, stillCurrent, chunks.length);
          // In batches, each saved as soon as it is embedded: a closed tab loses at most one batch, and
          // the next visit resumes from there (resumeStore.ts).
          for (let start = 0; start < missing.length; start += PROGRESS_BATCH) {
            const batch = missing.slice(start, start + PROGRESS_BATCH);
            const vectors = await api.embed(batch, 'passage', callback(batchTo(showEmbedded, alreadyDone + start)));
            if (!stillCurrent()) return;
            batch.forEach((text, i) => {
              const v = vectors[i];
              if (v) pending.set(text, v);
            });
            // (An LSA fit is quick to redo, and a saved batch of one fit would not match the next.)
            if (device !== 'cpu') void saveProgressBatch(model.id, device, batch, vectors);
            // An end-to-end test may hold a run between its batches (see EMBED_BATCH_HOLD); never for a user.
            if (start + PROGRESS_BATCH < missing.length) await holdForTest(EMBED_BATCH_HOLD);
          }
          showEmbedded.cancel(); // (the index's state says the rest)
          if (!stillCurrent()) return;
          const lastRun = streamed
            ? {
                embedded: streamed.embedded + missing.length,
                reused: alreadyDone - streamed.embedded,
                ms: streamed.ms + performance.now() - embedStart,
                device,
              }
            : { embedded: missing.length, reused: alreadyDone, ms: performance.now() - embedStart, device, ...(fit ? { fit } : {}) };

          set({ phase: 'indexing' });
          await yieldToEventLoop();
          const pairs = new Array<IndexedPair>(chunks.length);
          await forEachInSlices(chunks, CHUNK_SLICE, (chunk, i) => {
            const vector = pending.get(texts[i]!);
            pairs[i] = vector ? { chunk, vector } : { chunk, from: fromIndex.get(texts[i]!)! };
          });
          const { status: indexStatus, kept } = await buildIndex(pairs, indexingTo(set, stillCurrent, false), laterStatusTo(set, stillCurrent));
          if (!stillCurrent()) return;
          // The index holds them now: the page lets go of its copies.
          dropPending();
          // The map a slice per task, and the page re-renders for it in a task of its own.
          const indexedChunks = new Map<string, Chunk>();
          await forEachInSlices(kept, CHUNK_SLICE, (p) => indexedChunks.set(p.chunk.id, p.chunk));
          if (kept.length > CHUNK_SLICE) await yieldToEventLoop();
          if (!stillCurrent()) return;
          set({
            phase: 'ready',
            indexStatus,
            indexedChunks,
            indexedModelId: model.id,
            indexedDevice: device,
            indexedChunking: chunking,
            indexedLsa: fitted,
            indexedHeaders: headers,
            indexedContexts: contexts,
            embedded: { done: chunks.length, total: chunks.length },
            lastRun,
            restored: null,
          });
          if (queryLoaded) {
            // The index the question embedder served is replaced: free its model.
            queryLoaded = null;
            void resetQueryEmbedder();
          }
          await yieldToEventLoop(); // the page shows the index ready first
          const snapshot = await snapshotOf(get());
          // The run is complete and saved as the index: its batches are no longer needed. If the index could
          // not be saved, the batches that were stored stay (the next visit builds the index from them without
          // embedding them again) and are noted as those of a finished run whose save failed, not of an interrupted one.
          if (snapshot) {
            void saveIndex(snapshot).then(() => {
              const failed = useWorkspaceStore.getState().indexSaveError;
              if (!failed) void clearProgress();
              else if (device !== 'cpu') void noteUnsavedRun(model.id, device, failed.key === 'workspace.errors.index-quota' ? 'quota' : 'failed');
            });
          }
        } catch (err) {
          if (!stillCurrent()) return;
          // The embedder may hold a fit the index was not made with: the next question restores the index's.
          if (lsa) set({ loaded: null, fitting: null });
          if (isCancelled(err)) {
            set({ phase: get().indexedChunks.size > 0 ? 'ready' : 'idle', notice: message('embedding.cancelled'), embedded: null });
            return;
          }
          // A model that could not be loaded (most often: not downloaded) gets the ways forward beside its message.
          const key = lsa ? 'embedding.errors.fit-failed' : get().phase === 'loading-model' ? 'embedding.errors.load-failed' : 'embedding.errors.failed';
          set({ phase: 'error', error: message(key, { model: model.id, detail: describeError(err) }) });
        }
      },

      cancel() {
        const phase = get().phase;
        // Building the index is not cancellable: the worker replaces its index as it goes, and the store
        // must then describe what the worker holds. It takes seconds even for large workspaces.
        if (phase !== 'loading-model' && phase !== 'fitting' && phase !== 'embedding') return;
        runId++; // results of the cancelled run are ignored from now on
        const lsaRun = phase === 'fitting' || (phase === 'embedding' && isBuiltinLsa(get().loaded?.modelId));
        set({
          phase: get().indexedChunks.size > 0 ? 'ready' : 'idle',
          notice: message('embedding.cancelled'),
          embedded: null,
          downloads: {},
          fitting: null,
          measuring: null,
        });
        // The embedder may hold a fit the index was not made with: the next question restores the index's.
        if (lsaRun) set({ loaded: null });
        if (phase === 'loading-model') {
          // A download cannot be interrupted inside the library: replace the worker.
          set({ loaded: null });
          modelLoad.abandon();
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

      async loadIndexModel() {
        const { indexedModelId: modelId, indexedDevice: device, loaded, phase } = get();
        if (!modelId || !device) return message('ask.errors.no-index');
        if (!isBusy(phase) && loaded?.modelId === modelId && loaded.device === device) return null;
        // While the index itself is being rebuilt, there is nothing consistent to search.
        if (phase === 'indexing') return message('ask.errors.model-mismatch', { model: modelId });
        if (isBuiltinLsa(modelId) || device === 'cpu') return loadIndexLsa(set, get);
        await get().loadSiteModels();
        const model = get().models.find((m) => m.id === modelId);
        if (!model) return message('ask.errors.model-unknown', { model: modelId });
        const source = modelSource();
        if (!source) return message('settings.errors.bad-host');
        if (isBusy(get().phase)) {
          // The embedder is busy with a new run (perhaps another model): questions go to a second
          // embedder that holds the index's own model, so the current index stays searchable meanwhile.
          if (get().phase === 'indexing') return message('ask.errors.model-mismatch', { model: modelId });
          try {
            await loadQueryEmbedder(model, device, source);
            return null;
          } catch (err) {
            return message('ask.errors.model-load-failed', { model: modelId, detail: describeError(err) });
          }
        }

        const run = ++runId;
        const stillCurrent = currentRun(run);
        const settle = () => (get().indexedChunks.size > 0 ? 'ready' : 'idle');
        set({ phase: 'loading-model', downloads: {}, embedded: null, indexing: null });
        try {
          const result = await loadModel(set, model, device, source, stillCurrent);
          if (!stillCurrent()) return message('ask.errors.model-load-cancelled');
          set({ phase: settle(), downloads: {} });
          return result.device === device ? null : message('ask.errors.model-mismatch', { model: modelId });
        } catch (err) {
          if (!stillCurrent() || isCancelled(err)) return message('ask.errors.model-load-cancelled');
          set({ phase: settle(), downloads: {} });
          return message('ask.errors.model-load-failed', { model: modelId, detail: describeError(err) });
        }
      },

      async restoreIndex(saved, startedAt, documentIds, staged) {
        // Only into an empty, idle index: anything the user started meanwhile wins.
        if (isBusy(get().phase) || get().indexedChunks.size > 0) return staged?.drop();
        const live = new Set(documentIds ?? useDocumentsStore.getState().documents.map((d) => d.id));
        const chunks = saved.chunks.filter((chunk) => live.has(chunk.docId));
        if (chunks.length === 0) return staged?.drop();
        const run = ++runId;
        const stillCurrent = currentRun(run);
        const onProgress = indexingTo(set, stillCurrent, true);
        const onLaterStatus = laterStatusTo(set, stillCurrent);
        // The vectors went to the worker as storage read them (`staged`: it has indexed them meanwhile), or
        // go now, before this state change re-renders the page (with a ready worker, buildIndex posts them
        // one microtask from now, ahead of React's render); the page keeps none.
        const building = staged
          ? staged.commit(live, onProgress, onLaterStatus).then((status) => {
              const after = new Set(useDocumentsStore.getState().documents.map((d) => d.id));
              return { status, kept: chunks.filter((c) => after.has(c.docId)) };
            })
          : buildIndex(
              saved.chunks.map((chunk, i) => ({ chunk, vector: saved.vectors[i]! })).filter((p) => live.has(p.chunk.docId)),
              onProgress,
              onLaterStatus,
              live,
              true,
            ).then(({ status, kept }) => ({ status, kept: kept.map((p) => p.chunk) }));
        set({ phase: 'indexing', indexing: { done: 0, total: chunks.length, restoring: true }, error: null });
        building.catch(() => undefined); // (heard below; a run that stops being current leaves it)
        try {
          // The map of the index's chunks is made while the worker builds (it is behind the storage read by
          // a document or two): 100k chunks made into the map and then rendered took ~90 ms of the page in
          // one task, so the map is made a slice per task, and the page re-renders in a task of its own.
          const indexedChunks = new Map<string, Chunk>();
          for (let at = 0; at < chunks.length; at += RESTORE_MAP_SLICE) {
            if (at > 0) await yieldToEventLoop();
            if (!stillCurrent()) return;
            for (const chunk of chunks.slice(at, at + RESTORE_MAP_SLICE)) indexedChunks.set(chunk.id, chunkedAlready(chunk));
          }
          const { status: indexStatus, kept } = await building;
          performance.mark('openbook:index-committed'); // (for scripts/bench-browser.ts: the worker's part ends here)
          if (!stillCurrent()) return;
          // Documents removed meanwhile left the index at its commit: their chunks leave the map.
          if (kept.length !== chunks.length) {
            const keptIds = new Set(kept.map((c) => c.id));
            for (const id of [...indexedChunks.keys()]) if (!keptIds.has(id)) indexedChunks.delete(id);
          }
          if (kept.length > RESTORE_MAP_SLICE) await yieldToEventLoop();
          if (!stillCurrent()) return;
          // Indexes of the built-in embedder saved before it said 'cpu' hold 'wasm'.
          const device = embeddingDeviceOf(saved.modelId, saved.device);
          // (The documents are in the documents store by now: their names make the headers.)
          const headers = saved.embedHeaders ?? false;
          // The contexts kept in this browser, when they are the set the index was made with.
          const inUse = chunkContextsInUse();
          const contexts = saved.chunkContexts && inUse?.set === saved.chunkContexts ? inUse : null;
          set({
            phase: kept.length > 0 ? 'ready' : 'idle',
            indexing: null,
            indexStatus,
            indexedChunks,
            indexedModelId: saved.modelId,
            indexedDevice: device,
            indexedChunking: saved.chunking,
            indexedLsa: saved.lsa ?? null,
            indexedHeaders: headers,
            indexedContexts: contexts,
            embedded: null,
            lastRun: null,
            restored: { chunks: kept.length, ms: performance.now() - startedAt },
          });
        } catch (err) {
          if (!stillCurrent()) return;
          set({ phase: 'idle', indexing: null, error: message('workspace.errors.restore-index', { detail: describeError(err) }) });
        }
      },

      async resetIndex() {
        runId++; // whatever was under way no longer reaches the index
        modelLoad.abandon();
        dropPending();
        set(emptyIndex());
        const { api } = await getVectorIndex();
        await api.clear();
      },
    }),
    {
      name: 'openbook.embedding',
      storage: settingsStorage,
      partialize: (s) => ({ modelId: s.modelId, modelChosen: s.modelChosen, devicePreference: s.devicePreference, embedHeaders: s.embedHeaders }),
      ...schemaPersistOptions<IndexState>(
        'openbook.embedding',
        {
          modelId: v.pipe(stringUpTo(500), v.minLength(1)),
          modelChosen: v.boolean(),
          devicePreference: v.picklist(['auto', 'webgpu', 'wasm']),
          embedHeaders: v.boolean(),
        },
        // Saved before modelChosen existed: a model other than the default was then the user's choice.
        (parsed, current) => ({
          ...current,
          ...parsed,
          modelChosen: parsed.modelChosen ?? (parsed.modelId !== undefined && parsed.modelId !== DEFAULT_EMBEDDING_MODEL),
        }),
      ),
    },
  ),
);

/** Fit the built-in embedder to the chunks in the embedding worker, with progress; the fit is what it embeds with next. */
async function fitBuiltinEmbedder(set: SetIndexState, embeddedTexts: string[], stillCurrent: () => boolean): Promise<LsaModel> {
  const { api } = await getEmbedder();
  set({ loaded: null });
  const texts = [...new Set(embeddedTexts)];
  const fitted = await api.fitLsa(
    texts,
    callback((p: LsaProgress) => {
      if (stillCurrent()) set({ fitting: p });
    }),
  );
  if (stillCurrent()) {
    set({ loaded: { modelId: BUILTIN_LSA_MODEL_ID, device: 'cpu', from: 'builtin', dimension: fitted.dimension }, fitting: null });
  }
  return fitted;
}

/** Make the embedding worker embed with the index's LSA projection (no download: it was saved with the index). */
async function loadIndexLsa(set: SetIndexState, get: () => IndexState): Promise<Message | null> {
  const lsa = get().indexedLsa;
  if (!lsa) return message('ask.errors.lsa-missing');
  if (isBusy(get().phase)) {
    // A new run holds the main embedder: questions about the current index go to the question embedder.
    if (get().phase === 'indexing') return message('ask.errors.model-mismatch', { model: BUILTIN_LSA_MODEL_ID });
    try {
      await loadQueryEmbedder(BUILTIN_LSA_MODEL, 'cpu', null);
      return null;
    } catch (err) {
      return message('ask.errors.model-load-failed', { model: BUILTIN_LSA_MODEL_ID, detail: describeError(err) });
    }
  }
  const { api } = await getEmbedder();
  set({ loaded: await api.loadLsa(lsa) });
  return null;
}

/** Make `modelId` the default model, unless the user chose one, a run is under way, or the list lacks it. */
export function applyDefaultEmbeddingModel(modelId: string): void {
  const { modelChosen, phase, models, modelId: current } = useIndexStore.getState();
  if (modelChosen || isBusy(phase) || current === modelId || !models.some((m) => m.id === modelId)) return;
  useIndexStore.setState({ modelId });
}

/** The model the question embedder (a second worker, used while the first one is busy) holds. */
let queryLoaded: { modelId: string; device: EmbeddingDevice } | null = null;

async function loadQueryEmbedder(model: EmbeddingModelInfo, device: EmbeddingDevice, source: ModelSource | null): Promise<void> {
  if (queryLoaded?.modelId === model.id && queryLoaded.device === device) return;
  const { api } = await getQueryEmbedder();
  const lsa = useIndexStore.getState().indexedLsa;
  if (isBuiltinLsa(model)) {
    if (!lsa) throw new Error('The built-in embedder’s projection was not saved with this index.');
    const result = await api.loadLsa(lsa);
    queryLoaded = { modelId: result.modelId, device: result.device };
    return;
  }
  if (device === 'cpu') throw new Error(`"${model.id}" is a model: it runs on WebGPU or WASM, not as the built-in embedder does.`);
  if (!source) throw new Error('The model download source is not a valid address.');
  const result = await api.load(
    model,
    device,
    source,
    callback(() => undefined),
  );
  queryLoaded = { modelId: result.modelId, device: result.device };
}

/**
 * The embedder for a question about the current index: the main one when it holds the index's model and
 * no run is under way, else the question embedder when it holds that model. Never one with another model:
 * a question embedded by another model than the index's would be compared with vectors it cannot match.
 */
export async function questionEmbedder(): Promise<Awaited<ReturnType<typeof getEmbedder>>['api']> {
  const { indexedModelId, indexedDevice, loaded, phase } = useIndexStore.getState();
  if (!isBusy(phase) && loaded?.modelId === indexedModelId && loaded?.device === indexedDevice) return (await getEmbedder()).api;
  if (phase !== 'indexing' && queryLoaded?.modelId === indexedModelId && queryLoaded.device === indexedDevice) return (await getQueryEmbedder()).api;
  throw new Error(`The embedding model that built the index (${indexedModelId ?? 'none'}) is not loaded.`);
}

/**
 * For each text the index holds a vector of, made by this model key and device (none for another): the id
 * of a chunk of that text in the index, whose vector the worker can reuse.
 */
function indexTextIds(key: string, device: EmbeddingDevice): Map<string, string> {
  const s = useIndexStore.getState();
  if (!s.indexedModelId || s.indexedDevice !== device || vectorKey(s.indexedModelId, s.indexedLsa) !== key) return new Map();
  return indexedTextIds(s.indexedChunks.values(), embeddedTextFor(s.indexedHeaders, s.indexedContexts));
}

/**
 * For each text the index holds a vector of, when that model (not the built-in embedder) made it on that
 * device: the id of a chunk of that text in the index (its vector: getVectors of the index worker).
 */
export function indexedVectorIds(modelId: string, device: EmbeddingDevice): Map<string, string> {
  return isBuiltinLsa(modelId) ? new Map() : indexTextIds(modelId, device);
}

/** What the index holds now (chunks, vectors, model, device, chunk settings), or null when it is empty. */
export async function currentIndexSnapshot(): Promise<IndexSnapshot | null> {
  const state = useIndexStore.getState();
  return state.indexedChunks.size > 0 ? snapshotOf(state) : null;
}

/**
 * What the index holds, packed per document as a workspace file holds it (packages/core/src/workspaceFile.ts):
 * each document's vectors come from the index worker in one buffer, so the page neither holds nor copies
 * them one by one. Null when the index is empty or a vector is missing.
 */
export async function currentIndexPacked(documents: SourceDocument[]): Promise<PackedWorkspace | null> {
  const state = useIndexStore.getState();
  const { indexedModelId: modelId, indexedDevice: device, indexedChunking: chunking, indexedLsa: lsa } = state;
  if (!modelId || !device || !chunking || state.indexedChunks.size === 0) return null;
  if (isBuiltinLsa(modelId) && !lsa) return null;
  const byDoc = new Map<string, Chunk[]>(documents.map((d) => [d.id, []]));
  for (const c of state.indexedChunks.values()) byDoc.get(c.docId)?.push(c);
  const { api } = await getVectorIndex();
  let dimension = 0;
  const packed: PackedDocument[] = [];
  for (const document of documents) {
    const chunks = byDoc.get(document.id)!;
    const vectors = chunks.length > 0 ? await api.vectorsFlat(chunks.map((c) => c.id)) : new Float32Array(0);
    if (!vectors) return null;
    if (chunks.length > 0) dimension = vectors.length / chunks.length;
    const triples = new Uint32Array(chunks.length * 3);
    chunks.forEach((c, j) => {
      triples[j * 3] = c.index;
      triples[j * 3 + 1] = c.start;
      triples[j * 3 + 2] = c.end;
    });
    packed.push({ document, chunks: triples, vectors });
  }
  if (!dimension) return null;
  return {
    modelId,
    device,
    dimension,
    chunking,
    documents: packed,
    ...(isBuiltinLsa(modelId) && lsa ? { lsa } : {}),
    ...(state.indexedHeaders ? { embedHeaders: true } : {}),
  };
}

/** A run of the embedder fed by a pipeline as chunks arrive (flows/ingestPipeline.ts). */
/** Are chunks embedded as their own text now (no contextual headers, no chunk contexts)? Then a chunk needs no document to be embedded. */
export function embedsPlainText(): boolean {
  return !useIndexStore.getState().embedHeaders && !chunkContextsInUse();
}

export interface StreamingRun {
  /** False once the run was cancelled or replaced: nothing it computes counts any more. */
  stillCurrent(): boolean;
  /** The text a chunk is embedded as: with step 3's contextual headers and chunk contexts, as embedAndIndex embeds it. */
  textOf(chunk: Chunk): string;
  /** True when textOf is the chunk's own text (no contextual headers, no chunk contexts): it needs no document. */
  plainText: boolean;
  has(text: string): boolean;
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Keep a batch's vectors (and save them for a resume after a closed tab). */
  store(texts: string[], vectors: Float32Array[]): void;
  progress(done: number, total: number): void;
  /** Hand the embedder back (phase ready or idle): embedAndIndex() then indexes what was embedded. */
  finish(): void;
  /** The run failed: say so where the embedding step shows its state. */
  fail(error: unknown): void;
}

/**
 * Start a run of the selected model for a pipeline that embeds chunks as they arrive, loading the model if
 * needed (phase 'loading-model' with its download progress, then 'embedding'; cancel() stops it as any run).
 * Null when nothing can be streamed: a run is under way, the built-in embedder is chosen (it is fitted to
 * all chunks at once), the model could not be loaded (the error is shown) or the load was cancelled.
 */
export async function startStreamingRun(): Promise<StreamingRun | null> {
  const { getState: get, setState: set } = useIndexStore;
  const state = get();
  if (isBusy(state.phase)) return null;
  const model = state.models.find((m) => m.id === state.modelId);
  if (!model || isBuiltinLsa(model)) return null;
  const source = modelSource();
  if (!source) {
    set({ error: message('settings.errors.bad-host') });
    return null;
  }
  const run = ++runId;
  const stillCurrent = currentRun(run);
  const settle = () => (get().indexedChunks.size > 0 ? 'ready' : 'idle');
  set({ phase: 'loading-model', error: null, notice: null, downloads: {}, fitting: null, embedded: null, indexing: null });
  let device: EmbeddingDevice | null;
  try {
    device = await prepareModel(set, get, model, source, stillCurrent);
  } catch (err) {
    if (!stillCurrent()) return null;
    if (isCancelled(err)) set({ phase: settle(), notice: message('embedding.cancelled'), embedded: null });
    else set({ phase: 'error', error: message('embedding.errors.load-failed', { model: model.id, detail: describeError(err) }) });
    return null;
  }
  if (!device || !stillCurrent()) return null;
  const on = device;
  const { api } = await getEmbedder();
  const key = vectorKey(model.id, null);
  const pending = pendingVectors(key, on);
  if (on !== 'cpu') await addSavedRunVectors(model.id, on, pending);
  if (!stillCurrent()) return null;
  const fromIndex = indexTextIds(key, on);
  // The texts embedAndIndex will look up (textOf there): the headers name each chunk's document, so the
  // titles are read again when a chunk of a document not seen yet arrives.
  const headers = get().embedHeaders;
  const contexts = chunkContextsInUse();
  let known = new Set<string>();
  let embeddedText: EmbeddedTextOf = (c) => c.text;
  const showEmbedded = throttle((done: number, total: number) => {
    if (stillCurrent()) set({ embedded: { done, total } });
  });
  set({ phase: 'embedding', embedded: { done: 0, total: 0 } });
  return {
    stillCurrent,
    plainText: !headers && !contexts,
    textOf(chunk) {
      if (!known.has(chunk.docId)) {
        embeddedText = embeddedTextFor(headers, contexts);
        known = new Set(useDocumentsStore.getState().documents.map((d) => d.id));
      }
      return embeddedText(chunk);
    },
    has: (text) => pending.has(text) || fromIndex.has(text),
    embed: (texts) => api.embed(texts, 'passage'),
    store(texts, vectors) {
      if (!stillCurrent()) return;
      texts.forEach((text, i) => {
        const v = vectors[i];
        if (v) pending.set(text, v);
      });
      if (on !== 'cpu') void saveProgressBatch(model.id, on, texts, vectors);
    },
    progress: showEmbedded,
    finish() {
      showEmbedded.cancel();
      if (stillCurrent()) set({ phase: settle(), embedded: null });
    },
    fail(err) {
      showEmbedded.cancel();
      if (stillCurrent()) set({ phase: 'error', embedded: null, error: message('embedding.errors.failed', { model: model.id, detail: describeError(err) }) });
    },
  };
}

// Chunks made after the index was restored (the documents chunked again on a reload or an import) are the
// index's own objects where they are the same chunks.
reuseChunks((id) => useIndexStore.getState().indexedChunks.get(id));
