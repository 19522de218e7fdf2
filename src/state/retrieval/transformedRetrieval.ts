// Retrieval with transformed queries (queryTransformStore.ts): each query goes through runRetrieval (the same
// pipeline and settings as the question alone), the ranked lists are fused by reciprocal rank fusion, and
// the top k of the fused list are the results (their score: the fused RRF score). Multi-query searches the
// question and its rewrites; HyDE the hypothetical passage; a standalone rewrite the rewritten question.
// With no queries (off, or none generated), the question alone, as before.
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import type { ScoredChunk } from '@openbook/core/types';
import { fuseQueryHits, type QueryTransformMode } from '@openbook/core/retrieval/queryTransform';
import { parentGroups } from '@openbook/core/retrieval/parentChild';
import { indexRetrievalSource } from './indexRetrievalSource';
import { parentSourceOf } from './parentSource';
import { activeQueries, useQueryTransformStore } from './queryTransformStore';
import { runRetrieval, type RetrievalOutcome } from './retrievalPipeline';
import type { RetrievalSource } from './retrievalSource';

/** One searched query and the chunks it found (ids, best first). */
export interface QueryRun {
  query: string;
  hitIds: string[];
}

export interface TransformedOutcome extends RetrievalOutcome {
  /** The queries searched and what each found; null when the question alone was searched. */
  queryRuns: QueryRun[] | null;
  /** The settings to label the results with (fused by RRF when several lists were). */
  labelConfig: RetrievalConfig;
  /** Each query's own outcome, in the order of queryRuns; absent when the question alone was searched. */
  queryOutcomes?: RetrievalOutcome[];
}

export async function runWithQueries(question: string, config: RetrievalConfig): Promise<TransformedOutcome> {
  const queries = activeQueries();
  if (queries.length === 0) return { ...(await runRetrieval(question, config)), queryRuns: null, labelConfig: config };
  return runTransformedQueries(question, useQueryTransformStore.getState().mode, queries, config, indexRetrievalSource());
}

/**
 * Search the queries (multi-query: the question too) over the source, each through runRetrieval, and fuse
 * their lists by RRF; the top k of the fused list, with each query's hits. Also what an evaluation
 * configuration with query transformation runs for each question.
 */
export async function runTransformedQueries(
  question: string,
  mode: QueryTransformMode,
  queries: readonly string[],
  config: RetrievalConfig,
  source: RetrievalSource,
): Promise<TransformedOutcome> {
  const texts = [...new Set(mode === 'multi' ? [question, ...queries] : queries)];
  // Each query's list as deep as the first stage's candidates, so that fusion has something to work on.
  const perQuery = { ...config, topK: Math.max(config.topK, config.candidates), parentChild: null };
  const outcomes: RetrievalOutcome[] = [];
  for (const text of texts) outcomes.push(await runRetrieval(text, perQuery, source));
  const fused = fuseQueryHits(outcomes.map((o) => o.results.map((r) => ({ id: r.chunk.id, score: r.score })))).slice(0, config.topK);
  const results: ScoredChunk[] = fused.map((h, i) => ({
    chunk: source.chunks.get(h.id)!,
    score: h.score,
    rank: i + 1,
    scores: { fused: h.score },
    ranks: { fused: i + 1 },
  }));
  const first = outcomes[0]!;
  const sum = (f: (o: RetrievalOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
  return {
    ...first,
    results,
    embedMs: sum((o) => o.embedMs),
    searchMs: sum((o) => o.searchMs),
    keywordMs: first.keywordMs === null ? null : sum((o) => o.keywordMs ?? 0),
    combineMs: sum((o) => o.combineMs),
    parents: config.parentChild
      ? parentGroups(
          results.map((r) => r.chunk),
          parentSourceOf(source.chunks),
          config.parentChild,
        )
      : null,
    queryRuns: texts.map((query, i) => ({ query, hitIds: outcomes[i]!.results.slice(0, config.topK).map((r) => r.chunk.id) })),
    queryOutcomes: outcomes,
    labelConfig: { ...config, mode: 'hybrid', fusion: 'rrf', rerankModelId: null },
  };
}
