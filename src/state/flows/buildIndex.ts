// Building the vector index in its worker from chunks and their vectors, leaving out any document that
// was removed in the meantime (before the build, or while it ran): at once (buildIndex), or as the vectors
// arrive, a document at a time (stageBuild: a restore while IndexedDB is read, an import while it is saved).
import type { Chunk } from '@openbook/core/types';
import type { IndexStatus } from '../../adapters/vectorIndex/vectorIndex';
import type { StoredVectors } from '../../adapters/storage/workspaceStorage';
import { callback, transfer } from '../../adapters/workerRpc';
import { packVectors } from '../../adapters/vectorIndex/storedVectors';
import { useDocumentsStore } from '../documents/documentsStore';
import { getVectorIndex } from '../runtime/workers';

/** A chunk and its vector, or the id of the indexed chunk whose vector (in the index worker) it takes. */
export type IndexedPair = { chunk: Chunk; vector: Float32Array } | { chunk: Chunk; from: string };

const liveDocumentIds = () => new Set(useDocumentsStore.getState().documents.map((d) => d.id));

type BuildItem = { id: string; vector: Float32Array } | { id: string; from: string };

/**
 * The items with their vectors copied into one buffer (each vector a view of it) that is transferred, not
 * cloned: posting 15k vectors as 15k typed arrays of their own took a long task of the page (structured
 * clone of each), one buffer takes a copy of its bytes here and nothing in the message. The page's own
 * vectors stay as they are (a failed build leaves them for the next). Vectors of different lengths (never
 * from one model) go as they are.
 */
function packedItems(items: BuildItem[]): [BuildItem[]] {
  let count = 0;
  let dim = -1;
  for (const item of items) {
    if (!('vector' in item)) continue;
    if (dim < 0) dim = item.vector.length;
    else if (item.vector.length !== dim) return [items];
    count++;
  }
  if (count === 0 || dim <= 0) return [items];
  const flat = new Float32Array(count * dim);
  let at = 0;
  const packed = items.map((item) => {
    if (!('vector' in item)) return item;
    flat.set(item.vector, at);
    const vector = flat.subarray(at, at + dim);
    at += dim;
    return { id: item.id, vector };
  });
  return [transfer(packed, [flat.buffer])];
}

/**
 * Build the index from these pairs; returns its status and the pairs it kept. A large index answers at
 * once with the exact engine while Voy fills in the background; onLaterStatus hears when Voy is ready.
 */
export async function buildIndex<P extends IndexedPair>(
  pairs: P[],
  onProgress: (done: number, total: number) => void,
  onLaterStatus: (status: IndexStatus) => void,
  /** The documents that count as present when the build starts (default: those in the documents store). */
  present?: Set<string>,
  /**
   * Hand the vectors' buffers over to the worker instead of copying them (a restore: the page keeps no
   * vectors); they are empty here afterwards. Only when every pair has its vector.
   */
  handOver = false,
): Promise<{ status: IndexStatus; kept: P[] }> {
  const before = present ?? liveDocumentIds();
  const live = pairs.filter((p) => before.has(p.chunk.docId));
  const { api: index } = await getVectorIndex();
  const items = live.map((p) => ('vector' in p ? { id: p.chunk.id, vector: p.vector } : { id: p.chunk.id, from: p.from }));
  let status: IndexStatus;
  if (handOver && items.every((item) => 'vector' in item)) {
    // A few buffers (the stored rows') rather than an object per vector: the page spends next to nothing sending them.
    const packed = packVectors(items as Array<{ id: string; vector: Float32Array }>);
    const buffers = [...new Set(packed.runs.map((r) => r.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    status = await index.buildPacked(transfer(packed, buffers), callback(onProgress), callback(onLaterStatus));
  } else status = await index.buildReusing(...packedItems(items), callback(onProgress), callback(onLaterStatus));
  const after = liveDocumentIds();
  const gone = live.filter((p) => !after.has(p.chunk.docId)).map((p) => p.chunk.id);
  if (gone.length > 0) status = await index.remove(gone);
  return { status, kept: live.filter((p) => after.has(p.chunk.docId)) };
}

/** Vectors handed to the index worker part by part (a restore, as storage reads them), made the index at once by commit. */
export interface StagedBuild {
  /** Send this document's vectors to the worker, which indexes them at once (the buffer goes over: it is empty here afterwards). */
  add(part: StoredVectors): void;
  /**
   * Make what was added the index (the index before goes), leaving out documents not in `present` or
   * removed meanwhile; its status. Rejects, with the stage dropped, when a part could not be indexed.
   */
  commit(present: Set<string>, onProgress: (done: number, total: number) => void, onLaterStatus: (status: IndexStatus) => void): Promise<IndexStatus>;
  /** Forget what was added (the index that answers is untouched). */
  drop(): void;
}

/**
 * Start a build whose vectors come part by part: the worker indexes each as it arrives, so that reading
 * storage and building overlap; until commit the index that answers does not change.
 */
export function stageBuild(): StagedBuild {
  const worker = getVectorIndex();
  worker.catch(() => undefined); // (a worker that cannot start fails the commit)
  const sent: Promise<unknown>[] = [];
  const idsByDoc = new Map<string, string[]>();
  let ended = false;
  return {
    add({ docId, ids, vectors }) {
      if (ended) return;
      const fresh = sent.length === 0;
      idsByDoc.set(docId, ids);
      // (Calls leave in the order they are made: each waits on the same promise.)
      const part = worker.then(({ api }) => api.stagePacked(transfer({ ids, runs: [vectors] }, [vectors.buffer as ArrayBuffer]), fresh));
      part.catch(() => undefined); // (heard by the commit; a dropped stage needs no answer)
      sent.push(part);
    },
    async commit(present, onProgress, onLaterStatus) {
      ended = true;
      const { api } = await worker;
      try {
        await Promise.all(sent);
      } catch (error) {
        await api.stageDrop();
        throw error;
      }
      let status = await api.stageCommit(callback(onProgress), callback(onLaterStatus));
      const after = liveDocumentIds();
      const gone = [...idsByDoc].filter(([docId]) => !present.has(docId) || !after.has(docId)).flatMap(([, ids]) => ids);
      if (gone.length > 0) status = await api.remove(gone);
      return status;
    },
    drop() {
      if (ended) return;
      ended = true;
      void worker.then(({ api }) => api.stageDrop()).catch(() => undefined);
    },
  };
}
