// Reranking, the pure part: a cross-encoder's logit becomes a score in [0, 1], and the candidates of the
// first stage are put in the order of those scores. No DOM, no library imports.
import type { ScoredChunk } from './types';

/** The logistic function, 1 / (1 + e^-x), without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * The relevance scores of a cross-encoder's output: `logits` is row-major [batch, labels] with one label
 * (the relevance logit); each score is its sigmoid, in [0, 1]. Throws when there is not exactly one label.
 */
export function scoresFromLogits(logits: ArrayLike<number>, dims: readonly number[]): number[] {
  const [batch, labels] = dims;
  if (dims.length !== 2 || batch === undefined || labels !== 1 || logits.length !== batch) {
    throw new Error(`A reranker gives one relevance logit per pair, but this model's output has shape [${dims.join(', ')}].`);
  }
  return Array.from(logits, (x) => {
    const logit = Number(x);
    if (Number.isNaN(logit)) throw new Error('The reranker gave no number (NaN) for a question and passage.');
    return sigmoid(logit);
  });
}

/**
 * The candidates ordered by their rerank score (highest first; equal scores keep the first stage's
 * order). Each result gets scores.rerank and ranks.rerank (1-based), `score` = its rerank score and
 * `rank` = its new rank; the scores and ranks of earlier stages are kept. `scores[i]` belongs to
 * `candidates[i]`.
 */
export function applyRerank(candidates: readonly ScoredChunk[], scores: readonly number[]): ScoredChunk[] {
  if (scores.length !== candidates.length) {
    throw new Error(`${scores.length} rerank scores for ${candidates.length} candidates.`);
  }
  return candidates
    .map((candidate, i) => ({ candidate, i, score: scores[i]! }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ candidate, score }, i) => ({
      ...candidate,
      score,
      rank: i + 1,
      scores: { ...candidate.scores, rerank: score },
      ranks: { ...candidate.ranks, rerank: i + 1 },
    }));
}
