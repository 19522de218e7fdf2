// Query transformation as a dimension of evaluation configurations (issue 14): multi-query (n rewrites of
// each question, fused by RRF with it), HyDE (a hypothetical passage searched instead) or a standalone
// rewrite, written by the loaded chat model for every question of the set. A question set is read as a
// conversation for the standalone rewrite: each question is rewritten given the one before it (the first
// has no previous turn and is searched as it is). Pure.
import { MAX_REWRITES, type QueryTransformMode } from '../retrieval/queryTransform';

export type EvalQueryTransformMode = Exclude<QueryTransformMode, 'none'>;

export interface EvalQueryTransform {
  mode: EvalQueryTransformMode;
  /** Multi-query: how many rewrites (1..MAX_REWRITES); kept, unused, by the other modes. */
  rewrites: number;
}

export const EVAL_QUERY_TRANSFORM_MODES: readonly EvalQueryTransformMode[] = ['multi', 'hyde', 'standalone'];

export const DEFAULT_EVAL_QUERY_TRANSFORM: EvalQueryTransform = { mode: 'multi', rewrites: 3 };

/** A saved or typed transform (anything at all) made valid; null (off) for anything that is not one. */
export function sanitizeEvalQueryTransform(raw: unknown): EvalQueryTransform | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as { mode?: unknown; rewrites?: unknown };
  if (!EVAL_QUERY_TRANSFORM_MODES.includes(r.mode as EvalQueryTransformMode)) return null;
  const n = typeof r.rewrites === 'number' && Number.isFinite(r.rewrites) ? Math.round(r.rewrites) : DEFAULT_EVAL_QUERY_TRANSFORM.rewrites;
  return { mode: r.mode as EvalQueryTransformMode, rewrites: Math.min(MAX_REWRITES, Math.max(1, n)) };
}

/**
 * The previous turn a standalone rewrite of question i is given: the question before it in the set (its
 * answer is not known: empty). Null for the first question, which is searched as it is.
 */
export function previousTurnOf(questions: readonly { question: string }[], i: number): { question: string; answer: string } | null {
  return i > 0 && questions[i - 1] ? { question: questions[i - 1]!.question, answer: '' } : null;
}

/** The key the chat model's queries for one question are kept under within a run (same model, mode, n, turn). */
export function queryCacheKey(modelId: string, t: EvalQueryTransform, question: string, previous: { question: string } | null): string {
  const n = t.mode === 'multi' ? t.rewrites : 1;
  return [modelId, t.mode, n, previous?.question ?? '', question].join('\u0000');
}
