// Are two chunk objects the same chunk (same document, position, offsets, text and metadata)? The page
// keeps one object for the two (the chunks the documents are cut into, and the chunks the vector index
// holds, are usually the same chunks): at 100k chunks, a second object, id and text slice per chunk cost
// ~9 MB (state/chunks/chunkingStore.ts reuseChunks, state/embedding/indexStore.ts). Pure.
import type { Chunk, ChunkMeta } from './types';

const samePath = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

function sameMeta(a: ChunkMeta | undefined, b: ChunkMeta | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return (
    a.pageStart === b.pageStart &&
    a.pageEnd === b.pageEnd &&
    samePath(a.headingPath, b.headingPath) &&
    (a.sectionSpan === b.sectionSpan ||
      (a.sectionSpan !== undefined &&
        b.sectionSpan !== undefined &&
        samePath(a.sectionSpan[0], b.sectionSpan[0]) &&
        samePath(a.sectionSpan[1], b.sectionSpan[1])))
  );
}

export function sameChunk(a: Chunk, b: Chunk): boolean {
  return (
    a === b ||
    (a.id === b.id && a.docId === b.docId && a.index === b.index && a.start === b.start && a.end === b.end && a.text === b.text && sameMeta(a.meta, b.meta))
  );
}
