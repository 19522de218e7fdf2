// Showing a retrieved chunk in its document: step 2 selects the document and marks the chunk in its text,
// and the results table highlights its row.
import { useDocumentsStore } from '../documents/documentsStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';
import { scrollBehavior } from '../view/scrollBehavior';

export function showChunkInDocument(docId: string, chunkId: string): void {
  if (!useDocumentsStore.getState().documents.some((d) => d.id === docId)) return;
  useDocumentsStore.getState().select(docId);
  useRetrievalStore.getState().focusChunk(chunkId);
  document.getElementById('chunks')?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
}
