// Chunks in a compact form for crossing from the chunker worker to the page: numbers in typed arrays
// (transferred, not copied) instead of thousands of objects with their text. The text of each chunk is
// taken back from the document's text (`text.slice(start, end)`), which the page already holds.
import type { Chunk, ChunkMeta } from './types';

export interface PackedChunks {
  /** index, start, end for each chunk. */
  spans: Int32Array;
  /** pageStart, pageEnd for each chunk (0: none). */
  pages: Int32Array;
  /** For each chunk, its heading path's position in `headingPaths` (-1: none). */
  headingPathIds: Int32Array;
  /** For each chunk, its sectionSpan's two positions in `headingPaths` (-1: none). */
  sectionSpanIds: Int32Array;
  headingPaths: string[][];
}

export function packChunks(chunks: Chunk[]): PackedChunks {
  const n = chunks.length;
  const spans = new Int32Array(n * 3);
  const pages = new Int32Array(n * 2);
  const headingPathIds = new Int32Array(n).fill(-1);
  const sectionSpanIds = new Int32Array(n * 2).fill(-1);
  const headingPaths: string[][] = [];
  const pathIds = new Map<string, number>();
  const idOf = (path: string[]) => {
    const key = JSON.stringify(path);
    let id = pathIds.get(key);
    if (id === undefined) {
      id = headingPaths.length;
      headingPaths.push(path);
      pathIds.set(key, id);
    }
    return id;
  };
  chunks.forEach((c, i) => {
    spans[i * 3] = c.index;
    spans[i * 3 + 1] = c.start;
    spans[i * 3 + 2] = c.end;
    pages[i * 2] = c.meta?.pageStart ?? 0;
    pages[i * 2 + 1] = c.meta?.pageEnd ?? 0;
    const path = c.meta?.headingPath;
    if (path) headingPathIds[i] = idOf(path);
    const span = c.meta?.sectionSpan;
    if (span) {
      sectionSpanIds[i * 2] = idOf(span[0]);
      sectionSpanIds[i * 2 + 1] = idOf(span[1]);
    }
  });
  return { spans, pages, headingPathIds, sectionSpanIds, headingPaths };
}

export function unpackChunks(docId: string, text: string, packed: PackedChunks): Chunk[] {
  const { spans, pages, headingPathIds, sectionSpanIds, headingPaths } = packed;
  const n = spans.length / 3;
  const chunks: Chunk[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const index = spans[i * 3]!;
    const start = spans[i * 3 + 1]!;
    const end = spans[i * 3 + 2]!;
    const chunk: Chunk = { id: `${docId}#${index}`, docId, index, start, end, text: text.slice(start, end) };
    const meta: ChunkMeta = {};
    if (pages[i * 2]! > 0) {
      meta.pageStart = pages[i * 2]!;
      meta.pageEnd = pages[i * 2 + 1]!;
    }
    const pathId = headingPathIds[i]!;
    if (pathId >= 0) meta.headingPath = headingPaths[pathId]!;
    const from = sectionSpanIds[i * 2] ?? -1;
    const to = sectionSpanIds[i * 2 + 1] ?? -1;
    if (from >= 0 && to >= 0) meta.sectionSpan = [headingPaths[from]!, headingPaths[to]!];
    if (meta.pageStart !== undefined || meta.headingPath) chunk.meta = meta;
    chunks[i] = chunk;
  }
  return chunks;
}

/** The typed arrays of packed chunks, to transfer rather than copy. */
export const packedBuffers = (p: PackedChunks): ArrayBuffer[] => [
  p.spans.buffer as ArrayBuffer,
  p.pages.buffer as ArrayBuffer,
  p.headingPathIds.buffer as ArrayBuffer,
  p.sectionSpanIds.buffer as ArrayBuffer,
];
