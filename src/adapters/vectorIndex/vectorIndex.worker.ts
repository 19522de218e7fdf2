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
import { transfer } from 'comlink';
import { exposeWorker } from '../workerRpc';
import { LazyVoyIndex, type WorkerIndex } from './lazyVoyIndex';
import { buildPacked, flatVectors, unpackVectors, type PackedVectors } from './storedVectors';
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
  /**
   * The stored vectors of these ids, one after another in ONE buffer (ids.length × dimension), transferred
   * to the caller; null when an id is not indexed. The page keeps no copy of the vectors: this is how it
   * reads them (to save or export the index).
   */
  vectorsFlat(ids: string[]): Float32Array | null;
  /**
   * build() from vectors packed in a few buffers (storedVectors.ts: packVectors), best transferred. Its
   * `reused` items take the vector the index holds now for another id (a chunk whose text was embedded
   * before): vectors the page does not hold need not travel there and back. Throws if one is missing.
   */
  buildPacked(packed: PackedVectors, onProgress?: (done: number, total: number) => void, onLaterStatus?: (status: IndexStatus) => void): Promise<IndexStatus>;
  /**
   * A build in parts, as the vectors arrive (a restore, while storage is still being read): each part is
   * indexed at once beside the index that answers; stageCommit makes them the index, stageDrop forgets
   * them. `fresh`: the first part (what an earlier, unfinished stage held goes).
   */
  stagePacked(packed: PackedVectors, fresh: boolean): Promise<void>;
  stageCommit(onProgress?: (done: number, total: number) => void, onLaterStatus?: (status: IndexStatus) => void): Promise<IndexStatus>;
  stageDrop(): Promise<void>;
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
  vectorsFlat: (ids: string[]) => {
    const flat = flatVectors((id) => index.viewOf(id), ids);
    return flat ? transfer(flat, [flat.buffer]) : null;
  },
  buildPacked: (packed, onProgress, onLaterStatus) => buildPacked(index, packed, onProgress, onLaterStatus),
  stagePacked: (packed, fresh) => index.stage(unpackVectors(packed), fresh),
  stageCommit: (onProgress, onLaterStatus) => index.commitStaged(onProgress, onLaterStatus),
  stageDrop: () => index.dropStaged(),
};

exposeWorker(api);
