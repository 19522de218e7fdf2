// The RAG path's progress as the stepper shows it: facts read from the stores, turned into each step's
// state by core/stepProgress.ts.
import { nextStep, stepStates, type JobState, type PipelineFacts, type PipelineStep, type StepState } from '@openbook/core/stepProgress';
import { useDocumentsStore } from '../documents/documentsStore';
import { useChunkingStore } from '../chunks/chunkingStore';
import { isIndexBusy, useIndexStore } from '../embedding/indexStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';
import { useGenerationStore } from '../generation/generationStore';

export type { PipelineStep, StepState } from '@openbook/core/stepProgress';
export { PIPELINE_STEPS } from '@openbook/core/stepProgress';

export function usePipelineProgress(): { states: Record<PipelineStep, StepState>; next: PipelineStep | null } {
  const documents = useDocumentsStore((s) => s.documents.length);
  const chunks = useChunkingStore((s) => {
    let n = 0;
    for (const list of s.chunksByDoc.values()) n += list.length;
    return n;
  });
  const chunking = useChunkingStore((s) => s.pending > 0);
  const chunkingFailed = useChunkingStore((s) => s.failure !== null);
  const index = useIndexStore(
    (s): JobState => (s.phase === 'error' || s.error !== null ? 'failed' : isIndexBusy(s.phase) ? 'busy' : s.indexedChunks.size > 0 ? 'done' : 'idle'),
  );
  const retrieval = useRetrievalStore(
    (s): JobState =>
      s.phase === 'error' || s.error !== null ? 'failed' : s.phase === 'done' || (s.phase === 'idle' && s.last) ? 'done' : s.phase === 'idle' ? 'idle' : 'busy',
  );
  const generation = useGenerationStore((s): JobState => {
    if (s.phase === 'generating' || s.phase === 'loading' || s.phase === 'checking') return 'busy';
    if (s.failure) return 'failed';
    return s.answer.length > 0 || s.comparison !== null ? 'done' : 'idle';
  });
  // The prompt is filled from the last search's chunks (src/state/filledPrompt.ts).
  const promptFilled = useRetrievalStore((s) => (s.last?.results.length ?? 0) > 0);
  const facts: PipelineFacts = { documents, chunks, chunking, chunkingFailed, index, retrieval, promptFilled, generation };
  const states = stepStates(facts);
  return { states, next: nextStep(states) };
}
