// A question set as JSONL, the format an import reads back (parseQuestionSet.ts): one object a line with
// question, expected_document and expected_substring (null where there is none).
import type { EvalQuestionInput } from './questionSet';

export function questionSetJsonl(questions: readonly EvalQuestionInput[]): string {
  return questions
    .map((q) => JSON.stringify({ question: q.question, expected_document: q.expectedDocument, expected_substring: q.expectedSubstring }))
    .join('\n')
    .concat(questions.length ? '\n' : '');
}
