// The evaluation index's Web Worker: an exact scan (ExactIndex) over the chunk vectors of one evaluation
// configuration that has its own embedding model or chunking. It is separate from the app's vector
// index, so an evaluation never changes what the question box searches.
import { exposeWorker } from '../workerRpc';
import { ExactIndex } from '../vectorIndex/exactIndex';
import type { IndexItem, SearchHit } from '../vectorIndex/vectorIndex';

const index = new ExactIndex();

const api = {
  /** Replace what the index holds with these items; returns how many it holds. */
  build(items: IndexItem[]): number {
    index.reset();
    index.putMany(items);
    return index.size;
  },
  /** The exact top-k for each query, best first (ties by id). */
  searchMany(queries: Float32Array[], k: number): SearchHit[][] {
    return queries.map((q) => index.topK(q, k));
  },
  clear(): void {
    index.reset();
  },
};

export type EvaluationIndexWorkerApi = typeof api;

exposeWorker(api);
