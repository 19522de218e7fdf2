// The chunks a question searches. Once there is a vector index, its chunks (the vector and keyword searches
// then agree on what exists). Before any embedding, the chunks the documents are cut into now: keyword
// (BM25) search needs no model, so it works as soon as the documents are chunked.
import type { Chunk } from '@openbook/core/types';
import { useChunkingStore } from '../chunks/chunkingStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { useIndexStore } from '../embedding/indexStore';

let memo: { byDoc: ReadonlyMap<string, Chunk[]>; documents: unknown; map: Map<string, Chunk> } | null = null;

/** Every chunk made so far, by id, in document order (the same Map object while nothing changed). */
export function currentChunkMap(): Map<string, Chunk> {
  const byDoc = useChunkingStore.getState().chunksByDoc;
  const documents = useDocumentsStore.getState().documents;
  if (memo && memo.byDoc === byDoc && memo.documents === documents) return memo.map;
  const map = new Map<string, Chunk>();
  for (const d of documents) for (const c of byDoc.get(d.id) ?? []) map.set(c.id, c);
  memo = { byDoc, documents, map };
  return map;
}

/** Is there a vector index (so questions search its chunks)? */
export const hasVectorIndex = (): boolean => useIndexStore.getState().indexedChunks.size > 0;

/** What a question searches now: the vector index's chunks when there is one, else the current chunks. */
export function searchableChunks(): Map<string, Chunk> {
  return hasVectorIndex() ? useIndexStore.getState().indexedChunks : currentChunkMap();
}

/** Call `listener` with the searchable chunks whenever they may have changed; returns the unsubscribe. */
export function subscribeSearchableChunks(listener: (chunks: Map<string, Chunk>) => void): () => void {
  let last = searchableChunks();
  const check = () => {
    const next = searchableChunks();
    if (next === last) return;
    last = next;
    listener(next);
  };
  const stops = [useIndexStore.subscribe(check), useChunkingStore.subscribe(check), useDocumentsStore.subscribe(check)];
  return () => stops.forEach((stop) => stop());
}
