// The evaluation index's Web Worker: an exact scan (ExactIndex) over the chunk vectors of one evaluation
// configuration that has its own embedding model or chunking. It is separate from the app's vector
// index, so an evaluation never changes what the question box searches. (Such a configuration's keyword
// search has a keyword index worker of its own: see state/evaluationRunner.ts.)
import { exposeWorker } from '../workerRpc';
import { ExactIndex } from '../vectorIndex/exactIndex';
import type { IndexItem, SearchOptions, SearchResult } from '../vectorIndex/vectorIndex';

const index = new ExactIndex();

const api = {
  /** Replace what the index holds with these items; returns how many it holds. */
  build(items: IndexItem[]): number {
    index.reset();
    index.putMany(items);
    return index.size;
  },
  /** The exact top-k, best first (ties by id); with options.allowedIds, only among those. */
  search(query: Float32Array, k: number, options?: SearchOptions): Promise<SearchResult> {
    return index.search(query, k, options);
  },
  /** The stored (normalised) vectors of these ids, null for an unknown id. */
  getVectors(ids: string[]): (Float32Array | null)[] {
    return ids.map((id) => index.vectorOf(id)?.slice() ?? null);
  },
  clear(): void {
    index.reset();
  },
};

export type EvaluationIndexWorkerApi = typeof api;

exposeWorker(api);
