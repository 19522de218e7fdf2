// The chunks an answer can cite: those numbered [1]..[k] in the prompt it was generated from, while that
// prompt is still the one on screen (a new question or template makes the old numbers meaningless).
import { useMemo } from 'react';
import { resultsInPromptOrder, useFilledPrompt } from '../../state/augment/filledPrompt';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import type { ScoredChunk } from '../../core/types';

const NONE: ScoredChunk[] = [];

export function useCitationSources(answeredPrompt: string | null): ScoredChunk[] {
  const filled = useFilledPrompt();
  const run = useRetrievalStore((s) => s.last);
  // Only the chunks the context budget kept were numbered in the prompt, in the prompt's order.
  return useMemo(
    () => (filled && run && answeredPrompt === filled.text ? resultsInPromptOrder(filled.order, run.results) : NONE),
    [filled, run, answeredPrompt],
  );
}
