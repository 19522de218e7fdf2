// How a result's rank moved between the stages of a retrieval, for the results table: e.g.
// vector #5 · keyword #1 → fused #2 (up 3 from its vector rank) → MMR #1 (up 1). Pure.
import type { StageRanks } from '../types';

export type RankStage = keyof StageRanks;

export interface RankStep {
  stage: RankStage;
  /** 1-based rank in this stage's list; null: not in that list (only for the first-stage searches). */
  rank: number | null;
  /** Places moved up (positive) or down (negative) since the stage before; absent for first stages. */
  moved?: number;
}

/**
 * The steps of a result's rank: the first-stage searches that ran (vector, keyword), then fusion, rerank
 * and MMR where they ran. `searches` says which first-stage searches ran (a chunk may be missing from
 * one). A later stage's move is counted from the stage before it; fusion's from the vector rank (or the
 * keyword rank when the vector search did not find the chunk).
 */
export function rankPath(ranks: StageRanks, searches: { vector: boolean; keyword: boolean }): RankStep[] {
  const steps: RankStep[] = [];
  if (searches.vector) steps.push({ stage: 'vector', rank: ranks.vector ?? null });
  if (searches.keyword) steps.push({ stage: 'keyword', rank: ranks.keyword ?? null });
  let previous = ranks.vector ?? ranks.keyword ?? null;
  for (const stage of ['fused', 'rerank', 'mmr'] as const) {
    const rank = ranks[stage];
    if (rank === undefined) continue;
    steps.push(previous === null ? { stage, rank } : { stage, rank, moved: previous - rank });
    previous = rank;
  }
  return steps;
}
