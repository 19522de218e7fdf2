// What the labs need: a loaded chat model that is free, and a question whose prompt holds chunks.
import { useMemo } from 'react';
import { promptChunks, useFilledPrompt } from '../../state/augment/filledPrompt';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import type { PromptChunk } from '@openbook/core/prompt';

export interface LabAvailability {
  /** The chunks the current prompt holds, best first (empty before a question). */
  ranked: PromptChunk[];
  /** A model is loaded and the prompt holds chunks. */
  ready: boolean;
  /** Something is being generated (a lab, an answer, a comparison) or loaded. */
  busy: boolean;
}

export function useLabAvailability(): LabAvailability {
  const filled = useFilledPrompt();
  const run = useRetrievalStore((s) => s.last);
  const documents = useDocumentsStore((s) => s.documents);
  const loadedModelId = useGenerationStore((s) => s.loadedModelId);
  const phase = useGenerationStore((s) => s.phase);
  const kept = filled?.budget.kept ?? 0;
  const ranked = useMemo(() => (run ? promptChunks(run, documents).slice(0, kept) : []), [run, documents, kept]);
  return { ranked, ready: !!loadedModelId && ranked.length > 0, busy: phase === 'generating' || phase === 'loading' || phase === 'checking' };
}
