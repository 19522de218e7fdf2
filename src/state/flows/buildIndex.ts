// Building the vector index in its worker from chunks and their vectors, leaving out any document that
// was removed in the meantime (before the build, or while it ran): at once (buildIndex), or as the vectors
// arrive, a document at a time (stageBuild: a restore while IndexedDB is read, an import while it is saved).
import type { Chunk } from '@openbook/core/types';
import type { IndexStatus } from '../../adapters/vectorIndex/vectorIndex';
import type { StoredVectors } from '../../adapters/storage/workspaceStorage';
import { callback, transfer } from '../../adapters/workerRpc';
import { packVectors, type PackedVectors } from '../../adapters/vectorIndex/storedVectors';
import { yieldToEventLoop } from '../../adapters/transformers/yieldToEventLoop';
import { useDocumentsStore } from '../documents/documentsStore';
import { getVectorIndex } from '../runtime/workers';

/** A chunk and its vector, or the id of the indexed chunk whose vector (in the index worker) it takes. */
export type IndexedPair = { chunk: Chunk; vector: Float32Array } | { chunk: Chunk; from: string };

const liveDocumentIds = () => new Set(useDocumentsStore.getState().documents.map((d) => d.id));

/** How many pairs packVectorsInSlices() packs per task. */
const PACK_SLICE = 4_000;

/**
 * The pairs as the worker takes them (storedVectors.ts: PackedVectors): their ids in order, the vectors the
 * page holds copied one after another into ONE buffer (transferred, not cloned), and the pairs that take a
 * vector the index holds (`reused`). A slice per task: 15k items with a view of the buffer each, cloned into
 * the message, took a long task of the page (~30 ms); ids and one buffer cost next to nothing to send. The
 * page's own vectors stay as they are (a failed build leaves them for the next).
 */
async function packVectorsInSlices(pairs: readonly IndexedPair[]): Promise<PackedVectors> {
  let count = 0;
  let dim = 0;
  for (const p of pairs) if ('vector' in p && count++ === 0) dim = p.vector.length;
  const flat = new Float32Array(count * dim);
  const ids = new Array<string>(pairs.length);
  const reused: Array<{ at: number; from: string }> = [];
  let at = 0;
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0 && i % PACK_SLICE === 0) await yieldToEventLoop();
    const p = pairs[i]!;
    ids[i] = p.chunk.id;
    if (!('vector' in p)) {
      reused.push({ at: i, from: p.from });
      continue;
    }
    // (Never from one model; the worker would refuse it the same way.)
    if (p.vector.length !== dim) throw new Error(`dimension mismatch: index has ${dim}, got ${p.vector.length}`);
    flat.set(p.vector, at);
    at += dim;
  }
  return { ids, runs: count > 0 ? [flat] : [], ...(reused.length > 0 ? { reused } : {}) };
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
  let status: IndexStatus;
  if (handOver && live.every((p) => 'vector' in p)) {
    // A few buffers (the stored rows') rather than an object per vector: the page spends next to nothing sending them.
    const packed = packVectors(live.map((p) => ({ id: p.chunk.id, vector: (p as { vector: Float32Array }).vector })));
    const buffers = [...new Set(packed.runs.map((r) => r.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    status = await index.buildPacked(transfer(packed, buffers), callback(onProgress), callback(onLaterStatus));
  } else {
    const packed = await packVectorsInSlices(live);
    status = await index.buildPacked(
      transfer(
        packed,
        packed.runs.map((r) => r.buffer as ArrayBuffer),
      ),
      callback(onProgress),
      callback(onLaterStatus),
    );
  }
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
