// Where each chunk lies in its document's structure: the pages it touches and the heading path of the
// section it starts in. Sections come from the parser (Markdown, HTML, DOCX); a Markdown document that
// arrived without them gets them from its headings.
import { markdownSections } from './markdownSections';
import type { Chunk, ChunkMeta, PageSpan, SectionSpan, SourceDocument } from './types';

type StructuredDocument = Pick<SourceDocument, 'name' | 'kind' | 'text' | 'structure'>;

export function isMarkdown(doc: Pick<SourceDocument, 'name' | 'kind'>): boolean {
  return doc.kind === 'markdown' || /\.(md|markdown|mdown|mkd)$/i.test(doc.name);
}

/** The document's sections, sorted by start: its own, or those of its Markdown headings. */
export function sectionsOf(doc: StructuredDocument): SectionSpan[] {
  const own = doc.structure?.sections;
  if (own && own.length > 0) return [...own].sort((a, b) => a.start - b.start || a.level - b.level);
  return isMarkdown(doc) ? markdownSections(doc.text) : [];
}

/** The chunks with their `meta` set from the document's pages and sections (a chunk without either has none). */
export function withChunkMeta(chunks: Chunk[], doc: StructuredDocument): Chunk[] {
  const pages = [...(doc.structure?.pages ?? [])].sort((a, b) => a.start - b.start);
  const sections = sectionsOf(doc);
  if (pages.length === 0 && sections.length === 0) return chunks;
  return chunks.map((c) => {
    const meta = chunkMeta(c, pages, sections);
    return meta ? { ...c, meta } : c;
  });
}

export function chunkMeta(chunk: Pick<Chunk, 'start' | 'end'>, pages: PageSpan[], sections: SectionSpan[]): ChunkMeta | null {
  const meta: ChunkMeta = {};
  if (pages.length > 0) {
    const first = lastStartingAtOrBefore(pages, chunk.start);
    const last = lastStartingAtOrBefore(pages, Math.max(chunk.start, chunk.end - 1));
    const from = pages[Math.max(0, first)]!;
    const to = pages[Math.max(0, last)]!;
    meta.pageStart = from.page;
    meta.pageEnd = Math.max(from.page, to.page);
  }
  // The deepest section holding the chunk's start: the latest-starting one that has not ended.
  for (let k = lastStartingAtOrBefore(sections, chunk.start); k >= 0; k--) {
    const s = sections[k]!;
    if (s.end > chunk.start) {
      meta.headingPath = [...s.headingPath];
      break;
    }
    if (s.level <= 1) break; // a top-level section ends where the next one starts: nothing earlier holds it
  }
  return meta.pageStart === undefined && meta.headingPath === undefined ? null : meta;
}

/** Index of the last span starting at or before p (spans sorted by start), or -1. */
function lastStartingAtOrBefore(spans: { start: number }[], p: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= p) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
