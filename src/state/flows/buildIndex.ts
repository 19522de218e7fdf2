// Building the vector index in its worker from chunks and their vectors, leaving out any document that
// was removed in the meantime (before the build, or while it ran).
import type { Chunk } from '@openbook/core/types';
import type { IndexStatus } from '../../adapters/vectorIndex/vectorIndex';
import { callback } from '../../adapters/workerRpc';
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
): Promise<{ status: IndexStatus; kept: P[] }> {
  const before = present ?? liveDocumentIds();
  const live = pairs.filter((p) => before.has(p.chunk.docId));
  const { api: index } = await getVectorIndex();
  let status = await index.buildReusing(
    live.map((p) => ('vector' in p ? { id: p.chunk.id, vector: p.vector } : { id: p.chunk.id, from: p.from })),
    callback(onProgress),
    callback(onLaterStatus),
  );
  const after = liveDocumentIds();
  const gone = live.filter((p) => !after.has(p.chunk.docId)).map((p) => p.chunk.id);
  if (gone.length > 0) status = await index.remove(gone);
  return { status, kept: live.filter((p) => after.has(p.chunk.docId)) };
}
