// Which chunks a metadata filter lets through: chosen documents, and for paged documents (PDF) a page
// range. Pure. The ids go into the vector and keyword searches themselves (allowedIds), so that k
// results that pass the filter come back.
import type { RetrievalFilter } from '../retrievalConfig';
import type { Chunk } from '../types';

/** Does the filter restrict anything? (No documents chosen and no page range: it does not.) */
export function isActiveFilter(filter: RetrievalFilter | null | undefined): filter is RetrievalFilter {
  return !!filter && (filter.docIds !== undefined || filter.pages !== undefined);
}

/**
 * Does a chunk pass the filter? With docIds, its document must be one of them. With a page range, a
 * chunk that knows its pages must touch the range (pageStart ≤ to and pageEnd ≥ from); chunks of
 * documents without pages (text, Markdown...) are not limited by the page range.
 */
export function passesFilter(chunk: Chunk, filter: RetrievalFilter): boolean {
  if (filter.docIds && !filter.docIds.includes(chunk.docId)) return false;
  const pages = filter.pages;
  const start = chunk.meta?.pageStart;
  if (pages && start !== undefined) {
    const end = chunk.meta?.pageEnd ?? start;
    if (start > pages.to || end < pages.from) return false;
  }
  return true;
}

/** The ids of the chunks that pass the filter. */
export function allowedChunkIds(chunks: Iterable<Chunk>, filter: RetrievalFilter): string[] {
  const docIds = filter.docIds ? new Set(filter.docIds) : null;
  const ids: string[] = [];
  for (const chunk of chunks) {
    if (docIds && !docIds.has(chunk.docId)) continue;
    if (passesFilter(chunk, { pages: filter.pages })) ids.push(chunk.id);
  }
  return ids;
}
