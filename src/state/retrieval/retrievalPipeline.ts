// The retrieval pipeline: one question and one RetrievalConfig in, ranked chunks out. The question box
// (retrievalStore) and the evaluation runner both call runRetrieval, so they always agree; what it searches
// is a RetrievalSource (retrievalSource.ts): the app's index by default, or an evaluation's own.
//
//   filter      → the ids that pass config.filter go INTO both searches (allowedIds), so k results pass it
//   first stage → vector search (the question embedded) and/or BM25 keyword search, config.candidates each
//                 (keyword search with the configuration's stop words, stemming and contextual headers)
//   fusion      → hybrid only: RRF or weighted sum (core/retrieval/fusion.ts)
//   rerank      → see RERANK STAGE below
//   threshold   → config.minScore on the current score
//   MMR         → config.mmrLambda, over the stored chunk vectors
//   top k       → config.topK
//   parents     → config.parentChild: each hit's section or ±n chunks, merged where shared (core/retrieval/parentChild.ts)
// Every result carries the score and rank it had at each stage (ScoredChunk.scores / ranks).
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import type { ScoredChunk } from '@openbook/core/types';
import type { IndexEngine } from '../../adapters/vectorIndex/vectorIndex';
import type { Hit } from '@openbook/core/retrieval/fusion';
import { allowedChunkIds, isActiveFilter } from '@openbook/core/retrieval/filter';
import { applyRerank, finishStages, firstStageSize, fuseStage, type Candidate } from '@openbook/core/retrieval/stages';
import { indexRetrievalSource } from './indexRetrievalSource';
import type { RetrievalSource } from './retrievalSource';
import { rerankScores } from './rerank';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS } from '@openbook/core/retrieval/keywordSettings';
import type { KeywordTextOptions } from './keywordIndexSync';
import { chunkContextsInUse } from '../chunks/chunkContextStore';
import { parentGroups, type ParentGroup } from '@openbook/core/retrieval/parentChild';
import { parentSourceOf } from './parentSource';

export interface RetrievalOutcome {
  results: ScoredChunk[];
  /** The vector engine that answered, or null when no vector search ran. */
  engine: IndexEngine | null;
  /** Why the exact scan answered although Voy was chosen (e.g. 'filtered', 'too-large'), or null. */
  engineReason: string | null;
  /** The question's vector (the embedding map places it among the chunks), or null when none was made. */
  queryVector: Float32Array | null;
  /** Embedding the question (0 when no vector search ran). */
  embedMs: number;
  /** The vector search (0 when none ran). */
  searchMs: number;
  /** The keyword search, or null when none ran. */
  keywordMs: number | null;
  /** Fusion, threshold, MMR and top k together (and fetching vectors for MMR). */
  combineMs: number;
  /** How many chunks passed the filter (null: no filter). */
  allowed: number | null;
  /** The question's keyword tokens as BM25 saw them (stop words left out, stems), or null when no keyword search ran. */
  keywordTokens: string[] | null;
  /** Parent-child: the results' parents (merged where hits share one), best child first; null when off. */
  parents: ParentGroup[] | null;
}

/** How the configuration's keyword search treats text: stop words and stemming, contextual headers, and the chat model's chunk contexts when used. */
export function keywordTextOptionsOf(config: Pick<RetrievalConfig, 'keywordAnalysis' | 'contextualHeaders'>): KeywordTextOptions {
  const contexts = chunkContextsInUse();
  return {
    analysis: config.keywordAnalysis ?? DEFAULT_KEYWORD_ANALYSIS,
    contextualHeaders: config.contextualHeaders ?? DEFAULT_KEYWORD_HEADERS,
    ...(contexts ? { contexts } : {}),
  };
}

/** Does this configuration embed the question? (Keyword search alone does not.) */
export function needsQueryEmbedding(config: Pick<RetrievalConfig, 'mode'>): boolean {
  return config.mode !== 'keyword';
}

/**
 * Run one retrieval over the source (by default the app's index as it is now). For vector and hybrid
 * search over the app's index, the embedder must already be the one that built the index (the caller
 * loads it: see indexStore.loadIndexModel). Throws on a failure inside a worker.
 */
export async function runRetrieval(question: string, config: RetrievalConfig, source: RetrievalSource = indexRetrievalSource()): Promise<RetrievalOutcome> {
  const { chunks } = source;
  const n = firstStageSize(config);
  const allowedIds = isActiveFilter(config.filter) ? allowedChunkIds(chunks.values(), config.filter) : undefined;

  let vectorHits: Hit[] = [];
  let keywordHits: Hit[] = [];
  let engine: IndexEngine | null = null;
  let engineReason: string | null = null;
  let queryVector: Float32Array | null = null;
  let embedMs = 0;
  let searchMs = 0;
  let keywordMs: number | null = null;
  let keywordTokens: string[] | null = null;
  const searches: Promise<void>[] = [];
  if (config.mode !== 'keyword') {
    searches.push(
      (async () => {
        const t0 = performance.now();
        const vector = await source.embedQuestion(question);
        queryVector = vector;
        const t1 = performance.now();
        embedMs = t1 - t0;
        const found = await source.searchVectors(vector, n, allowedIds);
        searchMs = found.tookMs ?? performance.now() - t1;
        engine = found.engine;
        engineReason = found.fallbackReason ?? null;
        vectorHits = found.hits;
      })(),
    );
  }
  if (config.mode !== 'vector') {
    searches.push(
      (async () => {
        const found = await source.searchKeywords(question, n, allowedIds, keywordTextOptionsOf(config));
        keywordMs = found.tookMs;
        keywordTokens = found.tokens ?? null;
        keywordHits = found.hits;
      })(),
    );
  }
  await Promise.all(searches);

  const t2 = performance.now();
  // Only chunks the source knows (a document removed meanwhile drops out).
  const known = (hits: Hit[]) => hits.filter((h) => chunks.has(h.id));
  let candidates: Candidate[] = fuseStage(known(vectorHits), known(keywordHits), config);

  // Reranking: the cross-encoder re-scores every candidate (in its worker) and orders them by its score;
  // the threshold and MMR below then work on the rerank score.
  if (config.rerankModelId && candidates.length > 0) {
    const texts = candidates.map((c) => chunks.get(c.id)!.text);
    candidates = applyRerank(candidates, await rerankScores(question, texts, config.rerankModelId));
  }

  const vectors = config.mmrLambda !== null ? await source.vectorsOf(candidates.map((c) => c.id)) : new Map<string, Float32Array>();
  const finished = finishStages(candidates, config, (id) => vectors.get(id));
  const results: ScoredChunk[] = finished.map((c, i) => ({
    chunk: chunks.get(c.id)!,
    score: c.score,
    rank: i + 1,
    scores: c.scores,
    ranks: c.ranks,
  }));
  // Parent-child: the results stay the matched (child) chunks; their parents are what the prompt gets.
  const parents = config.parentChild
    ? parentGroups(
        results.map((r) => r.chunk),
        parentSourceOf(chunks),
        config.parentChild,
      )
    : null;
  return {
    results,
    engine,
    engineReason,
    queryVector,
    embedMs,
    searchMs,
    keywordMs,
    combineMs: performance.now() - t2,
    allowed: allowedIds?.length ?? null,
    keywordTokens,
    parents,
  };
}
