// What parent-child retrieval needs of a document (core/retrieval/parentChild.ts): its text and sections
// (the documents store) and its chunks in order (those the search knew: the index's, or an evaluation's own).
import type { Chunk } from '@openbook/core/types';
import type { ParentSource } from '@openbook/core/retrieval/parentChild';
import { useDocumentsStore } from '../documents/documentsStore';

/** A lookup of each document's parent source, for these chunks. */
export function parentSourceOf(chunks: ReadonlyMap<string, Chunk>): (docId: string) => ParentSource | undefined {
  const documents = new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d]));
  const byDoc = new Map<string, Chunk[]>();
  const cache = new Map<string, ParentSource | undefined>();
  return (docId) => {
    if (cache.has(docId)) return cache.get(docId);
    if (byDoc.size === 0) {
      for (const c of chunks.values()) {
        let list = byDoc.get(c.docId);
        if (!list) byDoc.set(c.docId, (list = []));
        list.push(c);
      }
      for (const list of byDoc.values()) list.sort((a, b) => a.index - b.index);
    }
    const doc = documents.get(docId);
    const source = doc
      ? { text: doc.text, chunks: byDoc.get(docId) ?? [], ...(doc.structure?.sections ? { sections: doc.structure.sections } : {}) }
      : undefined;
    cache.set(docId, source);
    return source;
  };
}
