// Where the user stands in the RAG path: each step's state (done, needs action, busy, failed, or waiting
// for an earlier step) from plain facts about the stores, and the step to act on next. Pure: the stepper
// (src/features/layout/StepRail.tsx) and the "next" hint read it through src/state/view/pipelineProgress.ts.

export const PIPELINE_STEPS = ['documents', 'chunks', 'embedding', 'ask', 'prompt', 'generation'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export type StepState = 'done' | 'action' | 'busy' | 'failed' | 'waiting';

/** A job's state as the stepper sees it. */
export type JobState = 'idle' | 'busy' | 'done' | 'failed';

export interface PipelineFacts {
  documents: number;
  chunks: number;
  /** Chunking still running for some document. */
  chunking: boolean;
  chunkingFailed: boolean;
  /** Embedding and indexing: done once an index is ready. */
  index: JobState;
  retrieval: JobState;
  /** The prompt is filled (a question was answered by retrieval). */
  promptFilled: boolean;
  generation: JobState;
}

const jobStep = (job: JobState, ready: boolean): StepState =>
  job === 'busy' ? 'busy' : job === 'failed' ? 'failed' : job === 'done' ? 'done' : ready ? 'action' : 'waiting';

/** Each step's state, in order. */
export function stepStates(f: PipelineFacts): Record<PipelineStep, StepState> {
  const chunks: StepState = f.chunkingFailed ? 'failed' : f.chunking ? 'busy' : f.chunks > 0 ? 'done' : 'waiting';
  return {
    documents: f.documents > 0 ? 'done' : 'action',
    chunks: f.documents === 0 ? 'waiting' : chunks,
    embedding: jobStep(f.index, f.chunks > 0),
    // Keyword search needs no embedding: asking is possible as soon as there are chunks.
    ask: jobStep(f.retrieval, f.chunks > 0),
    prompt: f.promptFilled ? 'done' : 'waiting',
    generation: jobStep(f.generation, f.promptFilled),
  };
}

/**
 * The step to act on next: the first that failed; else the first that needs action after the furthest step
 * done (after a keyword search, answering comes before the optional embedding); else the first that needs
 * action; null when none does.
 */
export function nextStep(states: Record<PipelineStep, StepState>): PipelineStep | null {
  const failed = PIPELINE_STEPS.find((s) => states[s] === 'failed');
  if (failed) return failed;
  const furthestDone = PIPELINE_STEPS.findLastIndex((s) => states[s] === 'done');
  const ahead = PIPELINE_STEPS.slice(furthestDone + 1).find((s) => states[s] === 'action');
  return ahead ?? PIPELINE_STEPS.find((s) => states[s] === 'action') ?? null;
}
