// Comparing answers with and without retrieval: the same question, the same model and settings, answered
// twice in turn, once from the filled RAG prompt and once from the question alone. Pure: the panes'
// states and how they change.
import type { GenerationStats } from '../../adapters/generator/generator';

export type ComparisonSide = 'rag' | 'plain';

/** The order the panes are answered in (and shown in): with retrieval first. */
export const COMPARISON_SIDES: readonly ComparisonSide[] = ['rag', 'plain'];

/** 'skipped': never started, because the comparison was stopped or failed before its turn. */
export type PaneStatus = 'waiting' | 'generating' | 'done' | 'stopped' | 'skipped' | 'failed';

export interface ComparisonPane {
  /** The prompt as sent. */
  prompt: string;
  answer: string;
  stats: GenerationStats | null;
  status: PaneStatus;
}

export type Comparison = Record<ComparisonSide, ComparisonPane>;

export function startComparison(prompts: Record<ComparisonSide, string>): Comparison {
  const pane = (prompt: string): ComparisonPane => ({ prompt, answer: '', stats: null, status: 'waiting' });
  return { rag: pane(prompts.rag), plain: pane(prompts.plain) };
}

export function withPane(comparison: Comparison, side: ComparisonSide, change: Partial<ComparisonPane>): Comparison {
  return { ...comparison, [side]: { ...comparison[side], ...change } };
}

export function appendToPane(comparison: Comparison, side: ComparisonSide, delta: string): Comparison {
  return withPane(comparison, side, { answer: comparison[side].answer + delta });
}

/** The panes whose turn never came are marked skipped. */
export function skipWaiting(comparison: Comparison): Comparison {
  let next = comparison;
  for (const side of COMPARISON_SIDES) if (next[side].status === 'waiting') next = withPane(next, side, { status: 'skipped' });
  return next;
}
