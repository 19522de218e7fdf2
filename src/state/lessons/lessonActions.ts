// What the lesson panel does for the learner: put a suggested question into step 4's question box, and set
// up the chunk-size lesson's evaluation (its configurations; the sample question set when there is none).
import { chunkSizeComparison } from '../../core/lessons/chunkSizeComparison';
import type { LessonAction } from '../../core/lessons/lessonCatalog';
import { useEvaluationStore } from '../evaluation/evaluationStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';

export function applySuggestedQuestion(question: string): void {
  useRetrievalStore.getState().setQuestion(question);
}

export function runLessonAction(action: LessonAction): void {
  if (action === 'chunk-size-comparison') {
    const evaluation = useEvaluationStore.getState();
    if (evaluation.questions.length === 0) evaluation.loadSampleQuestions();
    useEvaluationStore.setState({ configurations: chunkSizeComparison(() => crypto.randomUUID()) });
  }
}
