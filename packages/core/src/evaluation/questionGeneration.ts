// Generating a question set from the workspace with a chat model: a seeded sample of chunks, a prompt per
// chunk asking for one question that the chunk answers, in the chunk's language, and the chunk kept as the
// expected source (its document, and a stretch of its own text that a relevant chunk must contain).
// Pure: building prompts, cleaning what the model wrote, choosing the sample and the expectation.
import { seededRandom } from '../seededRandom';
import type { EvalQuestionInput } from './questionSet';

/** The placeholders a question prompt may use. */
export const QUESTION_PROMPT_PLACEHOLDERS = ['{chunk}', '{language}'] as const;

export const DEFAULT_QUESTION_PROMPT = `Write one question that the passage below answers. Write it in {language}, as a person who has not read the passage would ask it. Reply with the question only.

Passage:
{chunk}`;

export type ChunkLanguage = 'zh' | 'en';

const HAN = /\p{Script=Han}/gu;
const LETTER = /\p{L}/gu;

/** Chinese when at least a quarter of the letters are Han characters; otherwise English. */
export function chunkLanguage(text: string): ChunkLanguage {
  const letters = text.match(LETTER)?.length ?? 0;
  const han = text.match(HAN)?.length ?? 0;
  return letters > 0 && han / letters >= 0.25 ? 'zh' : 'en';
}

/** The language's name as the prompt says it (in that language, so the model sees the script too). */
export const LANGUAGE_NAMES: Record<ChunkLanguage, string> = { en: 'English', zh: 'Simplified Chinese (简体中文)' };

export type QuestionPromptProblem = 'empty' | 'missing-chunk';

export function questionPromptProblem(template: string): QuestionPromptProblem | null {
  if (template.trim() === '') return 'empty';
  if (!template.includes('{chunk}')) return 'missing-chunk';
  return null;
}

/** The prompt for one chunk: {chunk} → its text, {language} → the name of its language. */
export function buildQuestionPrompt(template: string, chunkText: string): string {
  const language = LANGUAGE_NAMES[chunkLanguage(chunkText)];
  return template.replace(/\{(chunk|language)\}/g, (_, name: string) => (name === 'chunk' ? chunkText : language));
}

export const MAX_QUESTION_LENGTH = 300;

/**
 * The question in what the model wrote: the first non-empty line, without a "Question:" / "问题：" label,
 * list marker, citation markers or surrounding quotes, cut after its first question mark; '' when nothing is left.
 */
export function cleanGeneratedQuestion(output: string): string {
  const line =
    output
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  let q = line
    .replace(/^(?:[-*•]|\d+[.)、])\s*/u, '')
    .replace(/^(?:question|q|问题|问)\s*[:：]\s*/iu, '')
    .trim();
  // Citation markers ("[1]") a RAG-tuned model may add belong to no question.
  q = q.replace(/\s*\[\d+(?:\s*[,，、]\s*\d+)*\]/gu, '');
  q = q.replace(/^["'“‘「『]+/u, '').replace(/["'”’」』]+$/u, '');
  const mark = q.search(/[?？]/u);
  if (mark >= 0) q = q.slice(0, mark + 1);
  return q.trim().slice(0, MAX_QUESTION_LENGTH);
}

/** `n` distinct indices out of `count`, chosen with a seeded shuffle, in ascending order. */
export function sampleIndices(count: number, n: number, seed: number): number[] {
  const rand = seededRandom(seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, Math.max(0, Math.min(count, Math.floor(n)))).sort((a, b) => a - b);
}

const SNIPPET_CHARS: Record<ChunkLanguage, number> = { en: 48, zh: 16 };

/**
 * A stretch of the chunk's text that marks it as the expected source: from its middle (an overlap with a
 * neighbouring chunk is at its ends), whole words in English, about 48 characters (16 in Chinese).
 */
export function sourceSnippet(chunkText: string): string {
  const text = chunkText.replace(/\s+/gu, ' ').trim();
  const size = SNIPPET_CHARS[chunkLanguage(text)];
  if (text.length <= size) return text;
  let start = Math.floor((text.length - size) / 2);
  let end = start + size;
  if (chunkLanguage(text) === 'en') {
    const before = text.lastIndexOf(' ', start);
    start = before < 0 ? 0 : before + 1;
    const after = text.indexOf(' ', end);
    end = after < 0 ? text.length : after;
  }
  return text.slice(start, end).trim();
}

/** The question row for a generated question: the chunk's document and a stretch of its text as expectation. */
export function generatedQuestion(question: string, chunkText: string, documentName: string): EvalQuestionInput {
  return { question, expectedDocument: documentName, expectedSubstring: sourceSnippet(chunkText) };
}
