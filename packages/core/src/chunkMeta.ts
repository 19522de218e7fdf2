// Where each chunk lies in its document's structure: the pages it touches and the heading path of the
// section most of it lies in (or of both sections, when it is split between two about evenly). Sections come
// from the parser (Markdown, HTML, DOCX); a Markdown document that arrived without them gets them from its
// headings.
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
  const shares = sectionShares(chunk, sections);
  if (shares.length > 0) {
    const [most, second] = [...shares].sort((a, b) => b.chars - a.chars || a.first - b.first);
    meta.headingPath = [...sections[most!.index]!.headingPath];
    const sectioned = shares.reduce((sum, s) => sum + s.chars, 0);
    // Neither holds 60%: the chunk is split between two sections about evenly, so both are named.
    if (second && second.chars * 5 > sectioned * 2) {
      const [a, b] = most!.first < second.first ? [most!, second] : [second, most!];
      meta.sectionSpan = [[...sections[a.index]!.headingPath], [...sections[b.index]!.headingPath]];
    }
  }
  return meta.pageStart === undefined && meta.headingPath === undefined ? null : meta;
}

/**
 * How many of the chunk's characters lie in each section (the deepest section holding them), for the
 * sections holding any; characters before the first heading belong to none and are not counted.
 */
function sectionShares(chunk: Pick<Chunk, 'start' | 'end'>, sections: SectionSpan[]): { index: number; chars: number; first: number }[] {
  if (sections.length === 0 || chunk.end <= chunk.start) return [];
  // The chunk is cut where a section starts or ends inside it; each piece lies in one deepest section.
  const cuts = new Set<number>([chunk.start, chunk.end]);
  for (let k = Math.max(0, lastStartingAtOrBefore(sections, chunk.start)); k < sections.length && sections[k]!.start < chunk.end; k++) {
    const s = sections[k]!;
    if (s.start > chunk.start) cuts.add(s.start);
    if (s.end > chunk.start && s.end < chunk.end) cuts.add(s.end);
  }
  // A section that started earlier may end inside the chunk.
  for (let k = lastStartingAtOrBefore(sections, chunk.start); k >= 0; k--) {
    const s = sections[k]!;
    if (s.end > chunk.start && s.end < chunk.end) cuts.add(s.end);
    if (s.level <= 1) break;
  }
  const points = [...cuts].sort((a, b) => a - b);
  const shares = new Map<number, { index: number; chars: number; first: number }>();
  for (let i = 0; i + 1 < points.length; i++) {
    const k = deepestHolding(sections, points[i]!);
    if (k < 0) continue;
    const share = shares.get(k) ?? { index: k, chars: 0, first: points[i]! };
    share.chars += points[i + 1]! - points[i]!;
    shares.set(k, share);
  }
  return [...shares.values()];
}

/** The deepest section holding offset p: the latest-starting one that has not ended; -1 if none. */
function deepestHolding(sections: SectionSpan[], p: number): number {
  for (let k = lastStartingAtOrBefore(sections, p); k >= 0; k--) {
    const s = sections[k]!;
    if (s.end > p) return k;
    if (s.level <= 1) break; // a top-level section ends where the next one starts: nothing earlier holds it
  }
  return -1;
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

/**
 * A chunk's section in words: its heading path joined by ›, or, for a chunk split between two sections,
 * both, the shared part once: "Guide › Step 2 → Step 3". Empty when the chunk has no section.
 */
export function sectionLabel(meta: Pick<ChunkMeta, 'headingPath' | 'sectionSpan'> | undefined): string {
  const span = meta?.sectionSpan;
  if (span) {
    const [a, b] = span;
    let shared = 0;
    while (shared < a.length - 1 && shared < b.length - 1 && a[shared] === b[shared]) shared++;
    const head = a.slice(0, shared);
    const tail = (p: string[]) => p.slice(shared).join(' › ');
    return [...head, `${tail(a)} → ${tail(b)}`].join(' › ');
  }
  return meta?.headingPath?.join(' › ') ?? '';
}
