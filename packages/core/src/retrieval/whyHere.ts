// Why a retrieved chunk is where it is, as a structured value the interface puts into words (one short
// line per result, in every mode): the first-stage searches that ran (its rank by meaning, i.e. the vector
// search, and by keywords, BM25), then each later stage that ran (fusion, reranking, MMR) with the rank it
// gave and how far it moved the chunk, and whether a score threshold let it through. Pure.
//   hybrid + rerank: 3rd by meaning, 1st by keywords → 2nd after fusion → up 1 by reranking, to 1st
import type { RetrievalConfig } from '../retrievalConfig';
import type { StageRanks } from '../types';
import { firstStageSize } from './stages';

export type WhyStep =
  /** A first-stage search; rank null: the chunk is not among that search's first `candidates`. */
  | { kind: 'meaning' | 'keywords'; rank: number | null; candidates: number }
  /** Hybrid fusion of the two lists. */
  | { kind: 'fusion'; rank: number }
  /** A stage that reorders the list before it; moved > 0 is up, < 0 down, 0 unchanged. */
  | { kind: 'rerank' | 'mmr'; rank: number; moved: number };

export interface WhyHere {
  steps: WhyStep[];
  /** The score threshold this result passed (null: no threshold was set). */
  threshold: number | null;
}

type WhyConfig = Pick<RetrievalConfig, 'mode' | 'candidates' | 'topK' | 'minScore'>;

export function whyHere(ranks: StageRanks, config: WhyConfig): WhyHere {
  const candidates = firstStageSize(config);
  const steps: WhyStep[] = [];
  if (config.mode !== 'keyword') steps.push({ kind: 'meaning', rank: ranks.vector ?? null, candidates });
  if (config.mode !== 'vector') steps.push({ kind: 'keywords', rank: ranks.keyword ?? null, candidates });
  let previous = config.mode === 'vector' ? ranks.vector : config.mode === 'keyword' ? ranks.keyword : ranks.fused;
  if (config.mode === 'hybrid' && ranks.fused !== undefined) steps.push({ kind: 'fusion', rank: ranks.fused });
  for (const kind of ['rerank', 'mmr'] as const) {
    const rank = ranks[kind];
    if (rank === undefined) continue;
    steps.push({ kind, rank, moved: previous === undefined ? 0 : previous - rank });
    previous = rank;
  }
  return { steps, threshold: config.minScore };
}

/** The first-stage steps (said together, e.g. joined by commas) and the later ones (each after an arrow). */
export function splitWhySteps(why: WhyHere): { first: WhyStep[]; later: WhyStep[] } {
  const isFirst = (s: WhyStep) => s.kind === 'meaning' || s.kind === 'keywords';
  return { first: why.steps.filter(isFirst), later: why.steps.filter((s) => !isFirst(s)) };
}
