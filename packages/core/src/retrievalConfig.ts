// What a retrieval run is asked to do: the search mode, the fusion of keyword and vector results, the
// reranker, diversity (MMR), a score threshold, and a metadata filter. The app's question box and the
// evaluation runner both describe a run with one of these. Pure types and defaults.
import type { KeywordAnalysis } from './retrieval/keywordSettings';
import type { ParentSettings } from './retrieval/parentChild';

export type SearchMode = 'vector' | 'keyword' | 'hybrid';
export type FusionMethod = 'rrf' | 'weighted';

/** Limit a query to some documents, and for paged documents (PDF) to a page range (inclusive, from 1). */
export interface RetrievalFilter {
  docIds?: string[];
  pages?: { from: number; to: number };
}

export interface RetrievalConfig {
  mode: SearchMode;
  /** How hybrid mode merges the vector and keyword lists. */
  fusion: FusionMethod;
  /** Weighted fusion: the weight of the (normalised) vector score, 0..1; keyword gets 1 - this. */
  vectorWeight: number;
  /** How many chunks go on to the prompt. */
  topK: number;
  /** How many candidates the first stage fetches (per retriever) before fusion, reranking and MMR. */
  candidates: number;
  /** The cross-encoder that re-scores the candidates, or null for none. */
  rerankModelId: string | null;
  /** MMR trade-off between relevance (1) and diversity (0), or null for no MMR. */
  mmrLambda: number | null;
  /** Drop results whose final score is below this, or null for no threshold. */
  minScore: number | null;
  filter: RetrievalFilter | null;
  /** Keyword search's stop words and stemming (absent: DEFAULT_KEYWORD_ANALYSIS, stop words on). */
  keywordAnalysis?: KeywordAnalysis;
  /** Contextual chunk headers: keyword search indexes each chunk with its title and heading path (absent: DEFAULT_KEYWORD_HEADERS, on). */
  contextualHeaders?: boolean;
  /** Parent-child retrieval: each hit's parent (section or ±n chunks) goes to the prompt (absent or null: off). */
  parentChild?: ParentSettings | null;
}

export const DEFAULT_RETRIEVAL_CONFIG: RetrievalConfig = {
  mode: 'vector',
  fusion: 'rrf',
  vectorWeight: 0.5,
  topK: 4,
  candidates: 20,
  rerankModelId: null,
  mmrLambda: null,
  minScore: null,
  filter: null,
};
