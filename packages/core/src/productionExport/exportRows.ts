// The rows of an export: one per chunk, as chunks.parquet and pgvector.sql hold them. Pure.
import type { Chunk } from '../types';

export interface ExportRow {
  /** The chunk's id in the app (`${docId}#${index}`). */
  id: string;
  /** The document's name. */
  document: string;
  /** The first page the chunk touches (PDF), else null. */
  page: number | null;
  /** The heading path of the section the chunk starts in, joined with " > ", else null. */
  section: string | null;
  text: string;
  /** Tokens the embedding model sees for the chunk (prefix and special tokens included), or null when not counted. */
  tokens: number | null;
}

export function exportRowOf(chunk: Chunk, documentName: string, tokens: number | null): ExportRow {
  const path = chunk.meta?.headingPath;
  return {
    id: chunk.id,
    document: documentName,
    page: chunk.meta?.pageStart ?? null,
    section: path && path.length > 0 ? path.join(' > ') : null,
    text: chunk.text,
    tokens,
  };
}

/** The chunks in batches of at most `size`, for streaming an export. */
export function* batchesOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
