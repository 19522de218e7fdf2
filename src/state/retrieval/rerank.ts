// The reranking stage of the retrieval pipeline: the cross-encoder re-scores the first stage's candidates
// in its worker, and they come back in the order of those scores.
import { applyRerank } from '@openbook/core/rerank';
import type { ScoredChunk } from '@openbook/core/types';
import type { Message } from '../../i18n/message';
import { RerankProblem, useRerankStore } from './rerankStore';

/**
 * Score every candidate against the question with the cross-encoder (`modelId`, by default the one chosen
 * in the app), and return them sorted by that score: scores.rerank and ranks.rerank filled in, `score`
 * the rerank score (sigmoid of the logit, 0 to 1), `rank` the new rank; earlier stages' scores and ranks
 * kept. Throws a RerankProblem (see rerankProblemOf).
 */
export async function rerankCandidates(
  question: string,
  candidates: ScoredChunk[],
  modelId: string | null = useRerankStore.getState().modelId,
): Promise<ScoredChunk[]> {
  if (!modelId || candidates.length === 0) return candidates;
  return applyRerank(
    candidates,
    await rerankScores(
      question,
      candidates.map((c) => c.chunk.text),
      modelId,
    ),
  );
}

/**
 * The cross-encoder's score (0 to 1) of each passage against the question, in the passages' order, for a
 * pipeline that keeps its own candidate records. Loads the model first if needed (progress and cancel in
 * the rerank store). Throws a RerankProblem.
 */
export function rerankScores(question: string, passages: string[], modelId: string): Promise<number[]> {
  return useRerankStore.getState().score(modelId, question, passages);
}

/** What the app says when reranking made a retrieval fail, or null for any other error. */
export function rerankProblemOf(err: unknown): Message | null {
  return err instanceof RerankProblem ? err.problem : null;
}

/** The reranking part of a RetrievalConfig, from the app's choice (the candidate count N is a search setting). */
export function chosenRerankConfig(): { rerankModelId: string | null } {
  return { rerankModelId: useRerankStore.getState().modelId };
}
