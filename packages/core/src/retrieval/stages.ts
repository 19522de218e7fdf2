// The stages of one retrieval, on candidate ids and their scores (pure; the state layer does the
// searching and looks the chunks up):
//   first stage  → vector and/or keyword hits (config.candidates each)
//   fusion       → one list (hybrid only: RRF or weighted sum)
//   rerank       → a cross-encoder re-scores the list (applyRerank; the reranker itself lives elsewhere)
//   threshold    → drop candidates whose current score is below config.minScore
//   MMR          → pick for diversity (optional)
//   top k        → the first config.topK
// Each candidate keeps the score and the rank it had at every stage it went through.
import type { RetrievalConfig } from '../retrievalConfig';
import type { StageRanks, StageScores } from '../types';
import { reciprocalRankFusion, weightedFusion, minMaxNormalize, type Hit } from './fusion';
import { mmrOrder } from './mmr';

export interface Candidate {
  id: string;
  /** The score of the latest stage that scored it (see scoreStage). */
  score: number;
  scores: StageScores;
  ranks: StageRanks;
}

/** Which score a candidate's `score` is after the scoring stages of this configuration. */
export type ScoreStage = 'cosine' | 'bm25' | 'fused' | 'rerank';

export function scoreStage(config: Pick<RetrievalConfig, 'mode' | 'rerankModelId'>): ScoreStage {
  if (config.rerankModelId) return 'rerank';
  return config.mode === 'vector' ? 'cosine' : config.mode === 'keyword' ? 'bm25' : 'fused';
}

/** How many hits each first-stage retriever fetches: the candidates setting, and never fewer than k. */
export function firstStageSize(config: Pick<RetrievalConfig, 'candidates' | 'topK'>): number {
  return Math.max(1, Math.floor(config.candidates), Math.floor(config.topK));
}

/**
 * The first stage and fusion: one ranked candidate list. Vector mode uses the vector hits, keyword mode
 * the keyword hits, hybrid mode fuses both (config.fusion, config.vectorWeight).
 */
export function fuseStage(
  vectorHits: readonly Hit[],
  keywordHits: readonly Hit[],
  config: Pick<RetrievalConfig, 'mode' | 'fusion' | 'vectorWeight'>,
): Candidate[] {
  const vectorRank = new Map(vectorHits.map((h, i) => [h.id, { rank: i + 1, score: h.score }]));
  const keywordRank = new Map(keywordHits.map((h, i) => [h.id, { rank: i + 1, score: h.score }]));
  const annotate = (id: string): Pick<Candidate, 'scores' | 'ranks'> => {
    const scores: StageScores = {};
    const ranks: StageRanks = {};
    const v = vectorRank.get(id);
    const k = keywordRank.get(id);
    if (v) (scores.cosine = v.score), (ranks.vector = v.rank);
    if (k) (scores.bm25 = k.score), (ranks.keyword = k.rank);
    return { scores, ranks };
  };
  if (config.mode === 'vector') return vectorHits.map((h) => ({ id: h.id, score: h.score, ...annotate(h.id) }));
  if (config.mode === 'keyword') return keywordHits.map((h) => ({ id: h.id, score: h.score, ...annotate(h.id) }));
  const fused = config.fusion === 'rrf' ? reciprocalRankFusion([vectorHits, keywordHits]) : weightedFusion(vectorHits, keywordHits, config.vectorWeight);
  return fused.map((h, i) => {
    const { scores, ranks } = annotate(h.id);
    return { id: h.id, score: h.score, scores: { ...scores, fused: h.score }, ranks: { ...ranks, fused: i + 1 } };
  });
}

/**
 * The rerank stage's bookkeeping: rerankScores[i] is the cross-encoder's score of candidates[i]. The
 * candidates come back in the reranker's order (ties keep the earlier order), with scores.rerank,
 * ranks.rerank and score set.
 */
export function applyRerank(candidates: readonly Candidate[], rerankScores: readonly number[]): Candidate[] {
  if (rerankScores.length !== candidates.length) throw new Error(`rerank scores: expected ${candidates.length}, got ${rerankScores.length}`);
  return candidates
    .map((c, i) => ({ c, s: rerankScores[i]!, i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map(({ c, s }, i) => ({ ...c, score: s, scores: { ...c.scores, rerank: s }, ranks: { ...c.ranks, rerank: i + 1 } }));
}

/** Keep the candidates whose score is at least minScore (null: keep all). Order is kept. */
export function applyThreshold(candidates: readonly Candidate[], minScore: number | null): Candidate[] {
  return minScore === null ? candidates.slice() : candidates.filter((c) => c.score >= minScore);
}

/**
 * MMR over the candidates: up to k picked in MMR order, ranks.mmr set. Relevance is the candidate's
 * score: as it is for cosine similarity (already on the same scale as the similarity between chunks),
 * min-max normalised to [0, 1] over the candidates for the other scores (BM25, fused, rerank). The
 * similarity of two chunks is the cosine of their vectors (vectorOf); a chunk without one counts as
 * similar to nothing (0).
 */
export function applyMmr(
  candidates: readonly Candidate[],
  stage: ScoreStage,
  vectorOf: (id: string) => Float32Array | undefined,
  lambda: number,
  k: number,
): Candidate[] {
  const relevance = stage === 'cosine' ? candidates.map((c) => c.score) : minMaxNormalize(candidates.map((c) => c.score));
  const vectors = candidates.map((c) => vectorOf(c.id));
  const norms = vectors.map((v) => (v ? Math.sqrt(dotOf(v, v)) : 0));
  const similarity = (i: number, j: number) => {
    const a = vectors[i];
    const b = vectors[j];
    if (!a || !b || norms[i] === 0 || norms[j] === 0) return 0;
    return dotOf(a, b) / (norms[i]! * norms[j]!);
  };
  return mmrOrder(relevance, similarity, k, lambda).map((index, i) => {
    const c = candidates[index]!;
    return { ...c, ranks: { ...c.ranks, mmr: i + 1 } };
  });
}

function dotOf(a: Float32Array, b: Float32Array): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** Threshold, MMR (when config.mmrLambda is set) and top k: the final list, best first. */
export function finishStages(
  candidates: readonly Candidate[],
  config: Pick<RetrievalConfig, 'mode' | 'rerankModelId' | 'minScore' | 'mmrLambda' | 'topK'>,
  vectorOf: (id: string) => Float32Array | undefined,
): Candidate[] {
  const kept = applyThreshold(candidates, config.minScore);
  const k = Math.max(1, Math.floor(config.topK));
  if (config.mmrLambda === null) return kept.slice(0, k);
  return applyMmr(kept, scoreStage(config), vectorOf, config.mmrLambda, k);
}
