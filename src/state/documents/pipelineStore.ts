// What the ingestion pipeline (flows/ingestPipeline.ts) has done, stage by stage, for its one progress
// display: files read, documents chunked, chunks in the keyword index, chunks embedded, the index built.
// The stages overlap: each has its own state (waiting, working, done) and counts.
import { create } from 'zustand';
import type { Message } from '../../i18n/message';

export type PipelineStage = 'reading' | 'chunking' | 'keywords' | 'embedding' | 'indexing';
export type StageState = 'waiting' | 'working' | 'done' | 'stopped';
export type PipelineStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export const PIPELINE_STAGES: PipelineStage[] = ['reading', 'chunking', 'keywords', 'embedding', 'indexing'];

export interface PipelineState {
  status: PipelineStatus;
  stages: Record<PipelineStage, StageState>;
  /** Files read (added, refused or failed) of the files given. */
  files: { done: number; total: number };
  /** How far the file being read (alone, chunked as it is read) has got: pages of a PDF, bytes of a text. */
  read: { name: string; done: number; total: number; unit: 'pages' | 'bytes' } | null;
  /** Documents chunked (and handed on) of the documents there are. */
  documents: { done: number; total: number };
  chunks: number;
  /** Chunks keyword search covers, after the last update of its index. */
  keywordChunks: number;
  /** Texts embedded of those to embed known so far (final once every document is chunked). */
  embedded: { done: number; total: number; final: boolean };
  /** From the first file to searchable, once done. */
  ms: number | null;
  error: Message | null;
}

const idleStages = (): Record<PipelineStage, StageState> => ({
  reading: 'waiting',
  chunking: 'waiting',
  keywords: 'waiting',
  embedding: 'waiting',
  indexing: 'waiting',
});

export const initialPipelineState = (): PipelineState => ({
  status: 'idle',
  stages: idleStages(),
  files: { done: 0, total: 0 },
  read: null,
  documents: { done: 0, total: 0 },
  chunks: 0,
  keywordChunks: 0,
  embedded: { done: 0, total: 0, final: false },
  ms: null,
  error: null,
});

export const usePipelineStore = create<PipelineState>()(() => initialPipelineState());

/** Set one stage's state. */
export const setStage = (stage: PipelineStage, state: StageState) => usePipelineStore.setState((s) => ({ stages: { ...s.stages, [stage]: state } }));

/** The run ended this way: the stages still waiting or working are stopped (unless it is done). */
export function endPipeline(status: 'done' | 'cancelled' | 'failed', fields: Partial<PipelineState> = {}): void {
  usePipelineStore.setState((s) => {
    const stages = { ...s.stages };
    if (status !== 'done') for (const stage of PIPELINE_STAGES) if (stages[stage] !== 'done') stages[stage] = 'stopped';
    return { status, stages, ...fields };
  });
}
