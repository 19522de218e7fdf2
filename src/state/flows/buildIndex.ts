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
