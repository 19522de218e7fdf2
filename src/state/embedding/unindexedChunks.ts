// How many chunks the vector index lacks (or holds with another text) now, for step 3's "not in the index
// yet" warning: remembered per document's chunk list (core/unindexedCount.ts), so that a redraw, a progress
// update or a document chunked does not count every chunk again.
import { useMemo } from 'react';
import type { Chunk } from '@openbook/core/types';
import { unindexedCounter } from '@openbook/core/unindexedCount';
import { useChunkingStore } from '../chunks/chunkingStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { useIndexStore } from './indexStore';

const count = unindexedCounter();

function* chunkLists(documents: readonly { id: string }[], chunksByDoc: ReadonlyMap<string, Chunk[]>): Generator<Chunk[]> {
  for (const d of documents) {
    const chunks = chunksByDoc.get(d.id);
    if (chunks) yield chunks;
  }
}

/** Chunks of the documents now that the vector index does not hold with their current text (0 with no index). */
export function useUnindexedCount(): number {
  const indexed = useIndexStore((s) => s.indexedChunks);
  const documents = useDocumentsStore((s) => s.documents);
  const chunksByDoc = useChunkingStore((s) => s.chunksByDoc);
  return useMemo(() => (indexed.size === 0 ? 0 : count(chunkLists(documents, chunksByDoc), indexed)), [documents, chunksByDoc, indexed]);
}
