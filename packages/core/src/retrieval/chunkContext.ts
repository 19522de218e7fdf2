// LLM-written chunk context (issue 14, Anthropic's "contextual retrieval" recipe): the loaded chat model
// writes one sentence that situates each chunk in its document; that sentence goes into the text that is
// embedded and keyword-indexed (after the contextual header, before the chunk), never into the text shown,
// cited or sent to the model. Contexts are kept by the chunk's content hash, the model and the prompt
// version, so a chunk is never sent twice. Its cost is stated before it starts: one generation per chunk
// without a kept context, and an estimate of the tokens. Pure.

/** Bumped whenever the prompt changes: contexts written with another prompt are not reused. */
export const CHUNK_CONTEXT_PROMPT_VERSION = 'ctx1';

/** The document text around the chunk given to the model, at most (characters): small models have small windows. */
export const CONTEXT_DOCUMENT_CHARS = 1500;

/** The longest context kept (characters): one sentence. */
export const MAX_CONTEXT_CHARS = 300;

const isChinese = (text: string) => /[\u3400-\u9fff]/.test(text);

/** The document around the chunk: its start (title and opening) and the text right before and after the chunk, within the budget. */
export function documentExcerpt(docText: string, start: number, end: number, budget = CONTEXT_DOCUMENT_CHARS): string {
  if (docText.length <= budget) return docText;
  const head = Math.floor(budget / 3);
  const around = budget - head;
  const from = Math.max(head, start - Math.floor((around - Math.min(around, end - start)) / 2));
  const to = Math.min(docText.length, from + around);
  return from <= head ? docText.slice(0, budget) : `${docText.slice(0, head)}\n…\n${docText.slice(from, to)}`;
}

/** The prompt that asks for one sentence situating the chunk in its document, in the chunk's language. */
export function chunkContextPrompt(title: string, excerpt: string, chunkText: string): string {
  return isChinese(chunkText)
    ? `<document title="${title}">\n${excerpt}\n</document>\n\n这是我们想在整篇文档中定位的分块：\n<chunk>\n${chunkText}\n</chunk>\n\n请用一句简短的话说明这个分块在整篇文档中的位置和主题，以便改进对它的检索。只写这一句话，不写别的。`
    : `<document title="${title}">\n${excerpt}\n</document>\n\nHere is the chunk we want to situate within the whole document:\n<chunk>\n${chunkText}\n</chunk>\n\nPlease give one short sentence of context that situates this chunk within the overall document, to improve search retrieval of the chunk. Answer only with that sentence and nothing else.`;
}

/** The model's reply as one sentence: whitespace collapsed, the first sentence, at most MAX_CONTEXT_CHARS. */
export function cleanChunkContext(reply: string): string {
  const text = reply.replace(/\s+/g, ' ').trim();
  const end = /[.!?。！？](?=\s|$)|[。！？]/u.exec(text);
  const sentence = end ? text.slice(0, end.index + 1) : text;
  return [...sentence].slice(0, MAX_CONTEXT_CHARS).join('').trim();
}

/** A 53-bit hash of a string, as hex (cyrb53): fast, sync, for cache keys (not for security). */
export function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The key a chunk's context is kept under: the chunk's content (and its document's title), the model, the prompt version. */
export function chunkContextKey(modelId: string, title: string, chunkText: string): string {
  return `${modelId}\u0000${CHUNK_CONTEXT_PROMPT_VERSION}\u0000${hash53(`${title}\u0000${chunkText}`)}`;
}

/** A rough token count: one per Chinese or Japanese character, one per four other characters. */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const ch of text) if (/[\u3000-\u9fff\uac00-\ud7af]/.test(ch)) cjk++;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

export interface ChunkContextCost {
  /** Chunks whose context would be written now: one generation each. */
  generations: number;
  /** Chunks that already have one (kept): no generation. */
  kept: number;
  /** Estimated prompt tokens over all the generations. */
  promptTokens: number;
  /** At most this many answer tokens (the answer cap per generation × generations). */
  answerTokens: number;
}

/** The cost of writing contexts for these prompts (the chunks without one), and how many are kept already. */
export function chunkContextCost(prompts: readonly string[], kept: number, maxAnswerTokens: number): ChunkContextCost {
  return {
    generations: prompts.length,
    kept,
    promptTokens: prompts.reduce((n, p) => n + estimateTokens(p), 0),
    answerTokens: prompts.length * maxAnswerTokens,
  };
}
