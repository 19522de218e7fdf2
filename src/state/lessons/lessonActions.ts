// What the lesson panel does for the learner: put a suggested question into step 4's question box, and set
// up the chunk-size lesson's evaluation (its configurations, and the sample question set when the sample
// corpus is loaded and there are no questions yet; with other documents the learner writes their own).
import { SAMPLE_DOCUMENTS } from '../../content/sampleCorpus';
import { chunkSizeComparison } from '@openbook/core/lessons/chunkSizeComparison';
import type { LessonAction } from '@openbook/core/lessons/lessonCatalog';
import { useDocumentsStore } from '../documents/documentsStore';
import { useEvaluationStore } from '../evaluation/evaluationStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';

export function applySuggestedQuestion(question: string): void {
  useRetrievalStore.getState().setQuestion(question);
}

/** What the action did: 'ready', or 'needs-questions' when the evaluation has no questions to run. */
export type LessonActionOutcome = 'ready' | 'needs-questions';

export function runLessonAction(action: LessonAction): LessonActionOutcome {
  switch (action) {
    case 'chunk-size-comparison': {
      const evaluation = useEvaluationStore.getState();
      const names = new Set(useDocumentsStore.getState().documents.map((d) => d.name));
      const sampleLoaded = SAMPLE_DOCUMENTS.every((d) => names.has(d.name));
      if (evaluation.questions.length === 0 && sampleLoaded) evaluation.loadSampleQuestions();
      useEvaluationStore.setState({ configurations: chunkSizeComparison(() => crypto.randomUUID()) });
      return useEvaluationStore.getState().questions.length > 0 ? 'ready' : 'needs-questions';
    }
  }
}
