// Heading-aware chunks: the text is first cut at every heading of level `splitLevel` or higher (1 is the
// top level), so that no chunk ever holds text from two such sections; each part is then chunked
// recursively. Headings come from the document's structure, or from its Markdown headings.
import { chunkText } from '../chunking';
import { sectionsOf } from '../chunkMeta';
import type { Chunk, SourceDocument } from '../types';
import type { HeadingChunkerSettings } from './settings';

export function chunkByHeadings(doc: Pick<SourceDocument, 'id' | 'name' | 'kind' | 'text' | 'structure'>, settings: HeadingChunkerSettings): Chunk[] {
  const { text } = doc;
  const cuts = [...new Set([0, ...headingStarts(doc, settings.splitLevel), text.length])].sort((a, b) => a - b);
  const chunks: Chunk[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k]!;
    const part = text.slice(from, cuts[k + 1]!);
    for (const c of chunkText(doc.id, part, settings)) {
      const index = chunks.length;
      chunks.push({ id: `${doc.id}#${index}`, docId: doc.id, index, start: from + c.start, end: from + c.end, text: c.text });
    }
  }
  return chunks;
}

/** Where the sections of level `splitLevel` or higher start, inside the text. */
export function headingStarts(doc: Pick<SourceDocument, 'name' | 'kind' | 'text' | 'structure'>, splitLevel: number): number[] {
  return sectionsOf(doc)
    .filter((s) => s.level <= splitLevel && s.start > 0 && s.start < doc.text.length)
    .map((s) => s.start);
}
