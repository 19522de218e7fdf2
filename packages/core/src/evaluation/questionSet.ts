// A question set for evaluating retrieval: questions, each with what a relevant chunk looks like.
// Pure types and helpers.

/** One question of a set, and the expectation that decides which retrieved chunks are relevant. */
export interface EvalQuestion {
  /** Stable id within the set (for edits and the drill-down). */
  id: string;
  question: string;
  /** Name of the document a relevant chunk must come from, or null for any document. */
  expectedDocument: string | null;
  /** Text a relevant chunk must contain, or null for any text. */
  expectedSubstring: string | null;
}

/** What a question row holds before it gets an id (an import, or the sample set). */
export type EvalQuestionInput = Omit<EvalQuestion, 'id'>;

/** Why a question cannot be evaluated, or null when it can. */
export type QuestionProblem = 'missing-question' | 'no-expectation';

/** A question needs text and at least one expectation (a document, a substring, or both). */
export function questionProblem(q: EvalQuestionInput): QuestionProblem | null {
  if (q.question.trim() === '') return 'missing-question';
  if (!q.expectedDocument?.trim() && !q.expectedSubstring?.trim()) return 'no-expectation';
  return null;
}

/** Empty or blank strings become null; others are trimmed (a substring keeps inner spaces). */
export function cleanExpectation(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}
