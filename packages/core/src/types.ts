// Shared data shapes of the RAG pipeline. Pure types: no DOM, no React, no library imports.

/**
 * Where a model runs: on the GPU (WebGPU) or on the CPU (WebAssembly, ONNX Runtime's wasm build). The one
 * device type of the embedder, the reranker and the transformers.js chat engine.
 */
export type ComputeDevice = 'webgpu' | 'wasm';

/**
 * What computed an index's vectors: a model on its ComputeDevice, or 'cpu' for the built-in LSA embedder,
 * which runs in plain JavaScript on the CPU (no model runtime, no device to choose).
 */
export type EmbeddingDevice = ComputeDevice | 'cpu';

/** One file of a model download, in bytes (totalBytes 0 while its size is not known yet). */
export interface DownloadProgress {
  file: string;
  loadedBytes: number;
  totalBytes: number;
  done: boolean;
}

/** How a document arrived: its file format, or pasted text. */
export type DocumentKind = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'pasted';

/** The text of one page of a paged source (PDF): `text.slice(start, end)`. Pages count from 1. */
export interface PageSpan {
  page: number;
  start: number;
  end: number;
}

/**
 * A section under a heading (Markdown, HTML, DOCX): from the heading's start to the next heading of the
 * same or a higher level. `headingPath` is the titles from the top level down, this heading last.
 */
export interface SectionSpan {
  headingPath: string[];
  /** 1 for a top-level heading (# / h1 / Heading 1). */
  level: number;
  start: number;
  end: number;
}

/** Where pages and sections lie in a document's text, as offsets into `SourceDocument.text`. */
export interface DocumentStructure {
  pages?: PageSpan[];
  sections?: SectionSpan[];
}

/** A document the user added, already decoded to text. */
export interface SourceDocument {
  id: string;
  name: string;
  kind: DocumentKind;
  text: string;
  /** Size of the original input in bytes. */
  sizeBytes: number;
  addedAt: number;
  /** Pages and sections, where the format has them. */
  structure?: DocumentStructure;
  /** The text encoding detected for a text file, e.g. 'utf-8', 'utf-16le', 'gb18030'. */
  encoding?: string;
  /** SHA-256 of the original bytes (or of the pasted text), hex: the same content twice is refused. */
  contentHash?: string;
}

/** Where a chunk lies in its document's structure. */
export interface ChunkMeta {
  /** First and last page the chunk touches (PDF). */
  pageStart?: number;
  pageEnd?: number;
  /** The heading path of the section most of the chunk lies in. */
  headingPath?: string[];
  /**
   * When the chunk lies across two sections and neither holds 60% of it: both heading paths, in document
   * order (one of them is headingPath). Shown as "Step 2 → Step 3".
   */
  sectionSpan?: [string[], string[]];
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
  meta?: ChunkMeta;
}

/** Sizes are counted in characters as a person counts them (Unicode code points). */
export interface ChunkingOptions {
  chunkSize: number;
  overlap: number;
}

/** The score a chunk got at each retrieval stage it went through (absent: it did not go through it). */
export interface StageScores {
  /** Cosine similarity to the query, in [-1, 1]. */
  cosine?: number;
  /** BM25 keyword score, 0 or more (unbounded). */
  bm25?: number;
  /** Hybrid fusion score (RRF or weighted sum of normalised scores). */
  fused?: number;
  /** Cross-encoder relevance, sigmoid of its logit, in [0, 1]. */
  rerank?: number;
}

/** The chunk's 1-based rank in each stage's list. */
export interface StageRanks {
  vector?: number;
  keyword?: number;
  fused?: number;
  rerank?: number;
  mmr?: number;
}

/** A retrieved chunk. `score` is the final stage's score (the cosine similarity for plain vector search). */
export interface ScoredChunk {
  chunk: Chunk;
  score: number;
  /** 1-based rank. */
  rank: number;
  scores?: StageScores;
  ranks?: StageRanks;
}
