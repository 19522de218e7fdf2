// Building the vector index in its worker from chunks and their vectors, leaving out any document that
// was removed in the meantime (before the build, or while it ran).
import type { Chunk } from '@openbook/core/types';
import type { IndexStatus } from '../../adapters/vectorIndex/vectorIndex';
import { callback, transfer } from '../../adapters/workerRpc';
import { packVectors } from '../../adapters/vectorIndex/storedVectors';
import { useDocumentsStore } from '../documents/documentsStore';
import { getVectorIndex } from '../runtime/workers';

/** A chunk and its vector, or the id of the indexed chunk whose vector (in the index worker) it takes. */
export type IndexedPair = { chunk: Chunk; vector: Float32Array } | { chunk: Chunk; from: string };

const liveDocumentIds = () => new Set(useDocumentsStore.getState().documents.map((d) => d.id));

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
  } else status = await index.buildReusing(items, callback(onProgress), callback(onLaterStatus));
  const after = liveDocumentIds();
  const gone = live.filter((p) => !after.has(p.chunk.docId)).map((p) => p.chunk.id);
  if (gone.length > 0) status = await index.remove(gone);
  return { status, kept: live.filter((p) => after.has(p.chunk.docId)) };
}
