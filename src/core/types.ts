// Shared data shapes of the RAG pipeline. Pure types: no DOM, no React, no library imports.

/** A document the user added, already decoded to text. */
export interface SourceDocument {
  id: string;
  name: string;
  /** How it arrived: a .txt file, a .md file, or pasted text. */
  kind: 'text' | 'markdown' | 'pasted';
  text: string;
  /** Size of the original input in bytes. */
  sizeBytes: number;
  addedAt: number;
}

/**
 * One piece of a document. `text === document.text.slice(start, end)` always holds:
 * offsets are UTF-16 code-unit offsets into the document's text (what String#slice uses).
 */
export interface Chunk {
  /** `${docId}#${index}` */
  id: string;
  docId: string;
  /** Position of the chunk in its document, from 0. */
  index: number;
  start: number;
  end: number;
  text: string;
}

/** Sizes are counted in characters as a person counts them (Unicode code points). */
export interface ChunkingOptions {
  chunkSize: number;
  overlap: number;
}

/** A retrieved chunk with its cosine similarity to the query, in [-1, 1]. */
export interface ScoredChunk {
  chunk: Chunk;
  score: number;
  /** 1-based rank. */
  rank: number;
}
