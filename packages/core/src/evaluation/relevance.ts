// When is a retrieved chunk relevant to a question? The definition used for every metric:
//
//   A chunk is RELEVANT when every expectation the question gives holds:
//   - expected document: the chunk comes from the document of that name. Names are compared after
//     trimming and Unicode NFC normalisation, and without regard to letter case ("Tea.txt" = "tea.txt").
//   - expected substring: the chunk's text contains the substring as a whole. Both are compared after
//     NFC normalisation, with letter case ignored and every run of white space (spaces, tabs, line
//     breaks) counted as one space, so a line break in the document matches a space in the question set.
//     A substring that a chunk boundary cuts in two is in no chunk: no chunk is relevant then, which is
//     what the metric should say about that chunking.
//   With both given, both must hold; a question with neither is refused when it is entered.
import type { EvalQuestionInput } from './questionSet';

/** The form in which names and texts are compared (see above). */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('en');
}

/** What relevance needs to know about a retrieved chunk. */
export interface RetrievedChunk {
  documentName: string;
  text: string;
}

type Expectation = Pick<EvalQuestionInput, 'expectedDocument' | 'expectedSubstring'>;

/** A matcher for one question's expectation, with its normalised strings computed once. */
export function relevanceMatcher(expectation: Expectation): (chunk: RetrievedChunk) => boolean {
  const doc = expectation.expectedDocument?.trim() ? normalizeForMatch(expectation.expectedDocument) : null;
  const sub = expectation.expectedSubstring?.trim() ? normalizeForMatch(expectation.expectedSubstring) : null;
  if (doc === null && sub === null) return () => false;
  return (chunk) => (doc === null || normalizeForMatch(chunk.documentName) === doc) && (sub === null || normalizeForMatch(chunk.text).includes(sub));
}
