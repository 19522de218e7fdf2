// Prompt augmentation: putting the retrieved chunks and the question into a template,
// keeping track of which characters were inserted. Pure: no DOM, no libraries.
//
// Placeholders are {context} and {question}. They are replaced in one pass over the template,
// so placeholder-like text inside the question or the chunks is never expanded. {{ and }} are
// not special, and unknown placeholders such as {foo} are left as written.

export const DEFAULT_PROMPT_TEMPLATE = `You are a helpful assistant. Answer the question using only the context below.
Answer in the language of the question.
If the answer is not in the context, say "I don't know"; do not make anything up.
Cite the passages you used by their numbers in square brackets, for example [1] or [2][3].

Context:
{context}

Question: {question}

Answer:`;

export const DEFAULT_PROMPT_TEMPLATE_ZH = `你是一个乐于助人的助手。请只根据下面的资料回答问题。
用提问所用的语言回答。
如果资料中没有答案，就直接说“我不知道”，不要编造。
请用方括号中的编号注明你引用的资料，例如 [1] 或 [2][3]。

资料：
{context}

问题：{question}

回答：`;

/** The default system prompts: the model's role, sent as the chat's system message. */
export const DEFAULT_SYSTEM_PROMPT = 'You are a careful assistant that answers questions from the documents it is given.';
export const DEFAULT_SYSTEM_PROMPT_ZH = '你是一个严谨的助手，根据提供给你的文档回答问题。';

export interface PromptChunk {
  text: string;
  /** Where the chunk comes from, e.g. the document's name. */
  source: string;
  /** The number it is labelled with, when it is not its position (e.g. a chunk left out keeps the others' numbers). */
  number?: number;
}

export type PromptSegmentKind = 'template' | 'question' | 'context-label' | 'chunk';

export interface PromptSegment {
  kind: PromptSegmentKind;
  text: string;
  /** 1-based number of the chunk, on 'chunk' and 'context-label' segments. */
  chunkNumber?: number;
}

export interface FilledPrompt {
  /** The prompt as sent: the segments' texts joined. */
  text: string;
  segments: PromptSegment[];
}

export type TemplateIssueCode = 'empty' | 'missing-context' | 'missing-question' | 'unknown-placeholder';

export interface TemplateIssue {
  code: TemplateIssueCode;
  /** For 'unknown-placeholder': the placeholder as written, braces included, e.g. "{foo}". */
  name?: string;
}

const CONTEXT_SEPARATOR = '\n\n';

function contextLabel(n: number, source: string): string {
  return `[${n}] (${source})\n`;
}

function contextSegments(chunks: readonly PromptChunk[]): PromptSegment[] {
  const segments: PromptSegment[] = [];
  chunks.forEach((chunk, i) => {
    const chunkNumber = chunk.number ?? i + 1;
    const separator = i === 0 ? '' : CONTEXT_SEPARATOR;
    segments.push({ kind: 'context-label', text: separator + contextLabel(chunkNumber, chunk.source), chunkNumber });
    if (chunk.text) segments.push({ kind: 'chunk', text: chunk.text, chunkNumber });
  });
  return segments;
}

/** The chunks as numbered blocks, "[1] (source)\ntext", separated by blank lines. */
export function formatContext(chunks: readonly PromptChunk[]): string {
  return chunks.map((c, i) => contextLabel(c.number ?? i + 1, c.source) + c.text).join(CONTEXT_SEPARATOR);
}

const PLACEHOLDER = /\{(context|question)\}/g;

export function fillPrompt(template: string, question: string, chunks: readonly PromptChunk[]): FilledPrompt {
  const segments: PromptSegment[] = [];
  const pushTemplate = (text: string) => {
    if (text) segments.push({ kind: 'template', text });
  };
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    pushTemplate(template.slice(last, match.index));
    if (match[1] === 'question') {
      if (question) segments.push({ kind: 'question', text: question });
    } else {
      segments.push(...contextSegments(chunks));
    }
    last = match.index + match[0].length;
  }
  pushTemplate(template.slice(last));
  return { text: segments.map((s) => s.text).join(''), segments };
}

const ANY_PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Problems with a template's placeholders; an empty template reports only 'empty'. */
export function checkTemplate(template: string): TemplateIssue[] {
  if (template.trim() === '') return [{ code: 'empty' }];
  const issues: TemplateIssue[] = [];
  if (!template.includes('{context}')) issues.push({ code: 'missing-context' });
  if (!template.includes('{question}')) issues.push({ code: 'missing-question' });
  const seen = new Set<string>();
  for (const match of template.matchAll(ANY_PLACEHOLDER)) {
    const name = match[1]!;
    if (name === 'context' || name === 'question' || seen.has(name)) continue;
    seen.add(name);
    issues.push({ code: 'unknown-placeholder', name: match[0] });
  }
  return issues;
}

/**
 * The prompt without retrieval: the question alone, as a model would get it with no context at all.
 * Used to compare an answer with and without the retrieved chunks.
 */
export function questionOnlyPrompt(question: string): FilledPrompt {
  return { text: question, segments: question ? [{ kind: 'question', text: question }] : [] };
}
