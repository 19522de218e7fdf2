// The embedding map: a 2D picture of the indexed chunks' vectors (PCA or UMAP, in the projection
// worker), with the last question and its hits placed in it. Large indexes are sampled (seeded, so the
// same index and seed give the same picture): PCA draws up to MAP_MAX_POINTS chunks, UMAP up to
// UMAP_MAX_POINTS (its layout takes seconds per thousand points). Hits outside the sample are placed too.
import { create } from 'zustand';
import { transfer } from 'comlink';
import type { Chunk } from '@openbook/core/types';
import { seededRandom } from '@openbook/core/pca2d';
import type { ProjectionMethod, ProjectionStage, Rows } from '../../adapters/projection/projectionTypes';
import { UMAP_MIN_POINTS } from '../../adapters/projection/projectionTypes';
import { callback } from '../../adapters/workerRpc';
import { message, type Message } from '../../i18n/message';
import { useIndexStore } from '../embedding/indexStore';
import type { RetrievalRun } from '../retrieval/retrievalStore';
import { getProjection, getVectorIndex, resetProjection } from '../runtime/workers';
import { describeError } from '../runtime/errors';

export const MAP_MAX_POINTS = 5000;
export const UMAP_MAX_POINTS = 2000;

export interface MapPoint {
  chunk: Chunk;
  x: number;
  y: number;
}

export interface MapHit extends MapPoint {
  rank: number;
}

export type MapPhase = 'idle' | 'computing' | 'ready' | 'error';

export interface DrawnMap {
  method: ProjectionMethod;
  seed: number;
  points: MapPoint[];
  /** Chunks in the index when it was drawn (points.length is less when sampled). */
  total: number;
  /** PCA: share of the variance along x and y. */
  explained: [number, number] | null;
  /** The index's chunk map it was drawn from: another one means the map is out of date. */
  source: Map<string, Chunk>;
}

export interface PlacedQuery {
  run: RetrievalRun;
  x: number;
  y: number;
  hits: MapHit[];
}

interface EmbeddingMapState {
  method: ProjectionMethod;
  seed: number;
  phase: MapPhase;
  progress: { stage: ProjectionStage; done: number; total: number } | null;
  map: DrawnMap | null;
  query: PlacedQuery | null;
  error: Message | null;
  notice: Message | null;
  setMethod(method: ProjectionMethod): void;
  setSeed(seed: number): void;
  draw(): Promise<void>;
  cancel(): void;
  /** Place a retrieval run's question and hits on the drawn map (or clear them for null). */
  placeQuery(run: RetrievalRun | null): Promise<void>;
}

/** Up to `cap` of n positions, chosen by a seeded shuffle, in ascending order. */
export function samplePositions(n: number, cap: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= cap) return all;
  const rand = seededRandom(seed);
  for (let i = 0; i < cap; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, cap).sort((a, b) => a - b);
}

/** The rows of these vectors in one buffer. */
function packRows(vectors: Float32Array[], dim: number): Rows {
  const data = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => data.set(v, i * dim));
  return { data, n: vectors.length, dim };
}

let runId = 0;

export const useEmbeddingMapStore = create<EmbeddingMapState>()((set, get) => ({
  method: 'pca',
  seed: 42,
  phase: 'idle',
  progress: null,
  map: null,
  query: null,
  error: null,
  notice: null,
  setMethod: (method) => set({ method }),
  setSeed: (seed) => set({ seed: Number.isFinite(seed) ? Math.max(0, Math.floor(seed)) : 0 }),

  async draw() {
    const { method, seed } = get();
    const index = useIndexStore.getState();
    const source = index.indexedChunks;
    const { indexedModelId: modelId, indexedDevice: device } = index;
    if (source.size === 0 || !modelId || !device) {
      set({ error: message('embeddingMap.errors.empty') });
      return;
    }
    if (method === 'umap' && source.size < UMAP_MIN_POINTS) {
      set({ error: message('embeddingMap.errors.umap-too-few', { min: UMAP_MIN_POINTS }) });
      return;
    }
    const chunks = [...source.values()];
    const cap = method === 'umap' ? UMAP_MAX_POINTS : MAP_MAX_POINTS;
    const sampled = samplePositions(chunks.length, cap, seed).map((i) => chunks[i]!);
    const run = ++runId;
    set({ phase: 'computing', progress: null, error: null, notice: null });
    try {
      // The sampled chunks' vectors, from the index worker (the page keeps none), in one buffer.
      const data = await (await getVectorIndex()).api.vectorsFlat(sampled.map((c) => c.id));
      if (run !== runId) return;
      const dim = data && sampled.length > 0 ? data.length / sampled.length : 0;
      if (!data || !dim) {
        set({ phase: get().map ? 'ready' : 'idle', error: message('embeddingMap.errors.no-vectors') });
        return;
      }
      const { api } = await getProjection();
      const rows: Rows = { data, n: sampled.length, dim };
      const result = await api.fit(
        transfer(rows, [rows.data.buffer]),
        method,
        seed,
        callback((stage: ProjectionStage, done: number, total: number) => {
          if (run === runId) set({ progress: { stage, done, total } });
        }),
      );
      if (run !== runId) return;
      const points = sampled.map((chunk, i) => ({ chunk, x: result.coords[2 * i]!, y: result.coords[2 * i + 1]! }));
      set({
        phase: 'ready',
        progress: null,
        query: null,
        map: { method, seed, points, total: chunks.length, explained: result.explained, source },
      });
    } catch (err) {
      if (run !== runId) return;
      // The worker's projection was replaced by the failed one: the old picture cannot place questions any more.
      set({ phase: 'error', progress: null, map: null, query: null, error: message('embeddingMap.errors.failed', { detail: describeError(err) }) });
    }
  },

  cancel() {
    if (get().phase !== 'computing') return;
    runId++;
    void resetProjection(); // UMAP's layout is one long loop: stop the worker (the drawn map is lost with it)
    set({ phase: 'idle', progress: null, map: null, query: null, notice: message('embeddingMap.cancelled') });
  },

  async placeQuery(run) {
    const { map, phase } = get();
    const question = run?.queryVector;
    if (!run || !map || phase !== 'ready' || !question) {
      if (get().query) set({ query: null });
      return;
    }
    const drawn = new Map(map.points.map((p) => [p.chunk.id, p]));
    // The question, then the hits that are not among the drawn points (and have a vector to place: the
    // index worker's, while the chunk is in the index with the text it was drawn with).
    const toPlace: Float32Array[] = [question];
    const placed: Array<{ chunk: Chunk; rank: number }> = [];
    const indexed = useIndexStore.getState().indexedChunks;
    const outside = run.results.filter((r) => !drawn.has(r.chunk.id) && indexed.get(r.chunk.id)?.text === r.chunk.text);
    try {
      const vectors = outside.length > 0 ? await (await getVectorIndex()).api.getVectors(outside.map((r) => r.chunk.id)) : [];
      if (get().map !== map) return; // redrawn meanwhile
      outside.forEach((r, i) => {
        const v = vectors[i];
        if (v && v.length === question.length) {
          toPlace.push(v);
          placed.push({ chunk: r.chunk, rank: r.rank });
        }
      });
      const { api } = await getProjection();
      const coords = await api.transform(packRows(toPlace, question.length));
      if (get().map !== map) return; // redrawn meanwhile
      const hits: MapHit[] = [];
      for (const r of run.results) {
        const p = drawn.get(r.chunk.id);
        if (p) hits.push({ ...p, rank: r.rank });
      }
      placed.forEach((p, i) => hits.push({ chunk: p.chunk, rank: p.rank, x: coords[2 * (i + 1)]!, y: coords[2 * (i + 1) + 1]! }));
      hits.sort((a, b) => a.rank - b.rank);
      set({ query: { run, x: coords[0]!, y: coords[1]!, hits } });
    } catch {
      // The map was drawn from another model's vectors (then it is marked out of date): nothing to place.
      if (get().map === map) set({ query: null });
    }
  },
}));
