// The vector index's Web Worker: one VoyIndex (voy-search with its guards, exact fallback), exposed
// through Comlink once the worker is ready. Vectors arrive as Float32Array (copied, or transferred
// when the caller wraps them with transferItems from vectorIndexClient.ts). A build's progress
// callback must be wrapped with `callback(...)` (Comlink.proxy) on the caller side.
import { exposeWorker } from '../workerRpc';
import { loadVoy } from './loadVoy';
import type { IndexItem, IndexStatus, SearchOptions, SearchResult, VectorIndex } from './vectorIndex';
import { VoyIndex } from './voyIndex';
import { voyLimitFor } from './voyLimit';

// From 2,000 items on, the index answers (exactly) as soon as it holds the vectors, and Voy fills in the
// background: a saved workspace of 10k chunks is searchable without waiting for Voy's tree. Past the
// device's limit (voyLimit.ts: from navigator.deviceMemory, Chromium only) Voy is not used at all.
const deviceMemory = (self.navigator as Navigator & { deviceMemory?: number }).deviceMemory;
const index = new VoyIndex({ loadVoy, backgroundBuildFrom: 2000, maxVoyItems: voyLimitFor(deviceMemory) });
// Start compiling Voy's wasm now, while the page is still reading the saved workspace: a restore's build
// waits for it otherwise. (A failure shows when the index needs Voy, which then falls back to the exact engine.)
void loadVoy().catch(() => undefined);

export interface VectorIndexWorkerApi extends VectorIndex {
  /** Counts for diagnostics: ids, distinct vectors, items inside Voy. */
  counts(): { ids: number; distinctVectors: number; voyItems: number | null };
  /** The stored (L2-normalised) vectors of these ids, null where an id is not indexed (for MMR). */
  getVectors(ids: string[]): Array<Float32Array | null>;
}

const api: VectorIndexWorkerApi = {
  build: (
    items: IndexItem[],
    onProgress?: (done: number, total: number) => void,
    onLaterStatus?: (status: IndexStatus) => void,
  ): Promise<IndexStatus> => index.build(items, onProgress, onLaterStatus),
  add: (items: IndexItem[]): Promise<IndexStatus> => index.add(items),
  remove: (ids: string[]): Promise<IndexStatus> => index.remove(ids),
  clear: (): Promise<IndexStatus> => index.clear(),
  search: (query: Float32Array, k: number, options?: SearchOptions): Promise<SearchResult> => index.search(query, k, options),
  status: (): IndexStatus => index.status(),
  counts: () => index.counts(),
  getVectors: (ids: string[]) => index.vectorsOf(ids),
};

exposeWorker(api);
