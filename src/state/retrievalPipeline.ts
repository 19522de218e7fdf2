// The retrieval pipeline: one question and one RetrievalConfig in, ranked chunks out. The question box
// (retrievalStore) and the evaluation runner both call runRetrieval, so they always agree.
// Today: embed the question, vector search. Keyword search, fusion, reranking, MMR, the threshold and the
// filter extend this function (see core/retrievalConfig.ts).
import type { RetrievalConfig } from '../core/retrievalConfig';
import type { ScoredChunk } from '../core/types';
import type { IndexEngine } from '../adapters/vectorIndex/vectorIndex';
import { useIndexStore } from './indexStore';
import { useIndexEngineStore } from './indexEngineStore';
import { getEmbedder, getVectorIndex } from './workers';

export interface RetrievalOutcome {
  results: ScoredChunk[];
  /** The vector engine that answered, or null when no vector search ran. */
  engine: IndexEngine | null;
  /** Why the exact scan answered although Voy was chosen (e.g. 'filtered', 'too-large'), or null. */
  engineReason: string | null;
  /** The question's vector (the embedding map places it among the chunks), or null when none was made. */
  queryVector: Float32Array | null;
  embedMs: number;
  searchMs: number;
}

/**
 * Run one retrieval over the current index. The embedder must already be the one that built the index
 * (the caller loads it: see indexStore.loadIndexModel). Throws on a failure inside a worker.
 */
export async function runRetrieval(question: string, config: RetrievalConfig): Promise<RetrievalOutcome> {
  const t0 = performance.now();
  const { api: embedder } = await getEmbedder();
  const [queryVector] = await embedder.embed([question], 'query');
  if (!queryVector) throw new Error('no query vector');
  const t1 = performance.now();
  const { api: vectorIndex } = await getVectorIndex();
  const found = await vectorIndex.search(queryVector, config.topK, { engine: useIndexEngineStore.getState().engine });
  const t2 = performance.now();
  const chunks = useIndexStore.getState().indexedChunks;
  const results: ScoredChunk[] = [];
  for (const hit of found.hits) {
    const chunk = chunks.get(hit.id);
    if (chunk) {
      const rank = results.length + 1;
      results.push({ chunk, score: hit.score, rank, scores: { cosine: hit.score }, ranks: { vector: rank } });
    }
  }
  return {
    results,
    engine: found.engine,
    engineReason: found.fallbackReason ?? null,
    queryVector,
    embedMs: t1 - t0,
    searchMs: found.tookMs ?? t2 - t1,
  };
}
