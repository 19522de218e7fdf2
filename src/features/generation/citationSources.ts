// The chunks an answer can cite: those numbered [1]..[k] in the prompt it was generated from, while that
// prompt is still the one on screen (a new question or template makes the old numbers meaningless).
import { useFilledPrompt } from '../../state/filledPrompt';
import { useRetrievalStore } from '../../state/retrievalStore';
import type { ScoredChunk } from '../../core/types';

const NONE: ScoredChunk[] = [];

export function useCitationSources(answeredPrompt: string | null): ScoredChunk[] {
  const filled = useFilledPrompt();
  const run = useRetrievalStore((s) => s.last);
  // Only the chunks the context budget kept were numbered in the prompt.
  if (!filled || !run || answeredPrompt !== filled.text) return NONE;
  // Parent-child: [n] is the n-th parent; it shows its best-ranked child.
  if (run.parents) return run.parents.slice(0, filled.budget.kept).flatMap((p) => run.results[p.childRanks[0]! - 1] ?? []);
  return run.results.slice(0, filled.budget.kept);
}
