// Hit rate@k and MRR over a question set.
//   For one question, with the retrieved list cut to its first k results (ranks 1..k):
//     firstRelevantRank = the rank of the first relevant chunk (see relevance.ts), or null if none;
//     hit = firstRelevantRank !== null;  reciprocalRank = 1 / firstRelevantRank, or 0 if none.
//   Over the set:  hit rate@k = hits / questions;  MRR = mean of the reciprocal ranks.
// A set with no questions has no metrics (null), not zero.

export interface QuestionScore {
  /** 1-based rank of the first relevant result within the top k, or null. */
  firstRelevantRank: number | null;
  reciprocalRank: number;
  hit: boolean;
}

/** Score one question from the relevance of its results in rank order (index 0 = rank 1). */
export function scoreQuestion(relevantByRank: readonly boolean[], k: number): QuestionScore {
  const limit = Math.min(relevantByRank.length, Math.max(0, Math.floor(k)));
  for (let i = 0; i < limit; i++) {
    if (relevantByRank[i]) return { firstRelevantRank: i + 1, reciprocalRank: 1 / (i + 1), hit: true };
  }
  return { firstRelevantRank: null, reciprocalRank: 0, hit: false };
}

export interface SetMetrics {
  questions: number;
  hits: number;
  /** hits / questions, or null for no questions. */
  hitRate: number | null;
  /** Mean reciprocal rank, or null for no questions. */
  mrr: number | null;
}

export function aggregate(scores: readonly QuestionScore[]): SetMetrics {
  const n = scores.length;
  let hits = 0;
  let rr = 0;
  for (const s of scores) {
    if (s.hit) hits++;
    rr += s.reciprocalRank;
  }
  return { questions: n, hits, hitRate: n ? hits / n : null, mrr: n ? rr / n : null };
}
