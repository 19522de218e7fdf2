// The chunks an answer can cite: those numbered [1]..[k] in the prompt it was generated from, while that
// prompt is still the one on screen (a new question or template makes the old numbers meaningless).
import { useMemo } from 'react';
import { resultsInPromptOrder, useFilledPrompt } from '../../state/augment/filledPrompt';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import type { ScoredChunk } from '@openbook/core/types';

const NONE: ScoredChunk[] = [];

export function useCitationSources(answeredPrompt: string | null): ScoredChunk[] {
  const filled = useFilledPrompt();
  const run = useRetrievalStore((s) => s.last);
  // Only the chunks the context budget kept were numbered in the prompt, in the prompt's order. With parent-child
  // retrieval the prompt holds parents: [n] stands for a parent, shown by its best-ranked child.
  return useMemo(() => {
    if (!filled || !run || answeredPrompt !== filled.text) return NONE;
    const numbered = run.parents ? run.parents.flatMap((p) => run.results[p.childRanks[0]! - 1] ?? []) : run.results;
    return resultsInPromptOrder(filled.order, numbered);
  }, [filled, run, answeredPrompt]);
}
