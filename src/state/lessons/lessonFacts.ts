// The lesson facts (packages/core/src/lessons/lessonFacts.ts) read from the stores, and the counters of things that
// finished (searches, answers, comparisons, evaluation runs, lab runs), counted while watching starts.
import { chunkerSizes, type LessonFacts } from '@openbook/core/lessons/lessonFacts';
import { useDocumentsStore } from '../documents/documentsStore';
import { useChunkingStore } from '../chunks/chunkingStore';
import { useIndexStore } from '../embedding/indexStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';
import { useRerankStore } from '../retrieval/rerankStore';
import { usePromptStore } from '../augment/promptStore';
import { useGenerationStore } from '../generation/generationStore';
import { useEvaluationStore } from '../evaluation/evaluationStore';
import { seriesProgress, useLabStore } from '../labs/labStore';
import type { Comparison } from '../generation/comparison';

const counts = { searches: 0, answers: 0, comparisons: 0, evaluations: 0, positionRuns: 0 };

const comparisonFinished = (c: Comparison | null) =>
  c !== null && c.rag.status !== 'waiting' && c.rag.status !== 'generating' && c.plain.status !== 'waiting' && c.plain.status !== 'generating';
const positionsFinished = (run: ReturnType<typeof useLabStore.getState>['positions']) => {
  if (!run) return false;
  const { done, total } = seriesProgress(run.answers);
  return total > 0 && done === total;
};

/** The app's state as lesson steps see it. */
export function readLessonFacts(): LessonFacts {
  const chunking = useChunkingStore.getState();
  let chunks = 0;
  for (const list of chunking.chunksByDoc.values()) chunks += list.length;
  const index = useIndexStore.getState();
  const retrieval = useRetrievalStore.getState();
  const last = retrieval.last;
  const generation = useGenerationStore.getState();
  const evaluation = useEvaluationStore.getState();
  const { chunkSize, overlap } = chunkerSizes(chunking.options as unknown as Record<string, unknown>);
  return {
    documents: useDocumentsStore.getState().documents.length,
    chunks,
    chunking: chunking.pending > 0,
    chunker: chunking.options.kind,
    chunkSize,
    overlap,
    indexed: index.indexedChunks.size,
    indexModelId: index.indexedModelId,
    question: retrieval.question,
    topK: retrieval.topK,
    mode: retrieval.search.mode,
    threshold: retrieval.search.threshold,
    minScore: retrieval.search.minScore,
    rerankModelId: useRerankStore.getState().modelId,
    orderBothEnds: usePromptStore.getState().orderBothEnds,
    chatModelLoaded: generation.loadedModelId !== null,
    searches: counts.searches,
    lastSearch: last && {
      question: last.question,
      mode: last.config.mode,
      results: last.results.length,
      topK: last.config.topK,
      reranked: last.config.rerankModelId !== null,
      chunkIds: last.results.map((r) => r.chunk.id),
    },
    answers: counts.answers,
    comparisons: counts.comparisons,
    evaluations: counts.evaluations,
    evaluationChunkSizes: evaluation.runs.map((r) =>
      r.configuration.chunking ? chunkerSizes(r.configuration.chunking as unknown as Record<string, unknown>).chunkSize : null,
    ),
    positionRuns: counts.positionRuns,
  };
}

/**
 * Count what finishes from now on, and call `onChange` after any change in the stores lesson steps read.
 * Returns the function that stops watching.
 */
export function watchLessonFacts(onChange: () => void): () => void {
  const stops = [
    useRetrievalStore.subscribe((s, prev) => {
      if (s.last && s.last !== prev.last) counts.searches++;
      onChange();
    }),
    useGenerationStore.subscribe((s, prev) => {
      if (prev.phase === 'generating' && s.phase !== 'generating' && s.comparison === null && s.answer.length > 0) counts.answers++;
      if (comparisonFinished(s.comparison) && !comparisonFinished(prev.comparison)) counts.comparisons++;
      onChange();
    }),
    useEvaluationStore.subscribe((s, prev) => {
      if (s.phase === 'done' && prev.phase !== 'done') counts.evaluations++;
      onChange();
    }),
    useLabStore.subscribe((s, prev) => {
      if (positionsFinished(s.positions) && !positionsFinished(prev.positions)) counts.positionRuns++;
      onChange();
    }),
    useDocumentsStore.subscribe(onChange),
    useChunkingStore.subscribe(onChange),
    useIndexStore.subscribe(onChange),
    useRerankStore.subscribe(onChange),
    usePromptStore.subscribe(onChange),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
