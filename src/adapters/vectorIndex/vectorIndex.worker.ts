// The vector index's Web Worker: the exact scan, and Voy (voy-search with its guards) once a search first
// asks for it (lazyVoyIndex.ts), exposed through Comlink once the worker is ready. voyIndex.ts and
// voy-search's wasm are imported dynamically at that moment, so a page that keeps the default engine never
// loads them. Vectors arrive as Float32Array (copied, or transferred when the caller wraps them with
// transferItems from vectorIndexClient.ts). A build's progress callback must be wrapped with
// `callback(...)` (Comlink.proxy) on the caller side.
//
// Once the exact index holds THREADS_FROM rows (exactIndex.ts), it starts a second worker,
// scanHelper.worker.ts, that scans half of each search's int8 rows on a shared memory (scanThreads.ts).
// That needs a cross-origin isolated page (SharedArrayBuffer) and two cores; elsewhere the index scans alone.
import type { ScanHelperStarter } from './exactIndex';
import { exposeWorker } from '../workerRpc';
import { LazyVoyIndex, type WorkerIndex } from './lazyVoyIndex';
import type { IndexItem, IndexStatus, SearchOptions, SearchResult, VectorIndex } from './vectorIndex';
import { voyLimitFor } from './voyLimit';

// From 2,000 items on, the VoyIndex answers (exactly) as soon as it holds the vectors, and Voy fills in the
// background: a workspace of 10k chunks stays searchable while Voy's tree is built. Past the device's limit
// (voyLimit.ts: from navigator.deviceMemory, Chromium only) Voy is not used at all.
const deviceMemory = (self.navigator as Navigator & { deviceMemory?: number }).deviceMemory;
const scanHelper: ScanHelperStarter | undefined =
  (self.navigator.hardwareConcurrency ?? 1) > 1
    ? (module, memory, control, failed) => {
        const worker = new Worker(new URL('./scanHelper.worker.ts', import.meta.url), { type: 'module', name: 'openbook-scan-helper' });
        worker.onerror = (event) => {
          event.preventDefault();
          failed(event.message);
        };
        worker.postMessage({ module, memory, control });
        return () => worker.terminate();
      }
    : undefined;
async function createVoyIndex(): Promise<WorkerIndex> {
  const [{ VoyIndex }, { loadVoy }] = await Promise.all([import('./voyIndex'), import('./loadVoy')]);
  return new VoyIndex({ loadVoy, backgroundBuildFrom: 2000, maxVoyItems: voyLimitFor(deviceMemory), scanHelper });
}
const index = new LazyVoyIndex(createVoyIndex, scanHelper);

export interface VectorIndexWorkerApi extends VectorIndex {
  /** Counts for diagnostics: ids, distinct vectors (once Voy is in use), items inside Voy. */
  counts(): { ids: number; distinctVectors: number | null; voyItems: number | null };
  /** The stored (L2-normalised) vectors of these ids, null where an id is not indexed (for MMR). */
  getVectors(ids: string[]): Array<Float32Array | null>;
}

const api: VectorIndexWorkerApi = {
  build: (items: IndexItem[], onProgress?: (done: number, total: number) => void, onLaterStatus?: (status: IndexStatus) => void): Promise<IndexStatus> =>
    index.build(items, onProgress, onLaterStatus),
  add: (items: IndexItem[]): Promise<IndexStatus> => index.add(items),
  remove: (ids: string[]): Promise<IndexStatus> => index.remove(ids),
  clear: (): Promise<IndexStatus> => index.clear(),
  search: (query: Float32Array, k: number, options?: SearchOptions): Promise<SearchResult> => index.search(query, k, options),
  status: (): IndexStatus => index.status(),
  counts: () => index.counts(),
  getVectors: (ids: string[]) => index.vectorsOf(ids),
};

exposeWorker(api);
