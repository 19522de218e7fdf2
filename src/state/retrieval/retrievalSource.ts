// What a retrieval searches (see retrievalPipeline.ts). The question box searches the app's index
// (indexRetrievalSource.ts); an evaluation configuration with its own model or chunks searches indexes of
// its own (evaluationRetrievalSource.ts). Both go through the same pipeline, so their stages and scores agree.
import type { Chunk } from '@openbook/core/types';
import type { Hit } from '@openbook/core/retrieval/fusion';
import type { SearchResult } from '../../adapters/vectorIndex/vectorIndex';
import type { KeywordTextOptions } from './keywordIndexSync';

export interface RetrievalSource {
  /** Every chunk a search may return, by id (hits for other ids are dropped). */
  chunks: ReadonlyMap<string, Chunk>;
  /** The question's vector, made by the model the vectors were made with. */
  embedQuestion(question: string): Promise<Float32Array>;
  /** The n chunks nearest the vector (only among allowedIds when given). */
  searchVectors(vector: Float32Array, n: number, allowedIds: string[] | undefined): Promise<SearchResult>;
  /**
   * The n best chunks by BM25 (only among allowedIds when given), the chunks indexed under these options
   * (stop words, stemming, contextual headers). `tokens`: the question's tokens as the index saw them.
   */
  searchKeywords(
    question: string,
    n: number,
    allowedIds: string[] | undefined,
    options: KeywordTextOptions,
  ): Promise<{ hits: Hit[]; tookMs: number; tokens?: string[] }>;
  /** The stored vectors of these chunks (for MMR); missing ones are left out. */
  vectorsOf(ids: string[]): Promise<Map<string, Float32Array>>;
}

/** Vectors as a worker returns them (null for an unknown id), by id. */
export function vectorsById(ids: string[], vectors: (Float32Array | null | undefined)[]): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  ids.forEach((id, i) => {
    const v = vectors[i];
    if (v) out.set(id, v);
  });
  return out;
}
