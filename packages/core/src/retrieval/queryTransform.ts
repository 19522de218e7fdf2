// Query transformation with the loaded chat model: the prompts that ask it for n rewrites of a question
// (multi-query), for a hypothetical passage that would answer it (HyDE: that passage is searched instead of
// the question), or for a follow-up rewritten as a standalone question given the previous turn; reading its
// reply back as queries; and fusing the hits of several queries by reciprocal rank fusion. Pure.
import { reciprocalRankFusion, type Hit } from './fusion';

export type QueryTransformMode = 'none' | 'multi' | 'hyde' | 'standalone';

export const MAX_REWRITES = 8;

const isChinese = (text: string) => /[\u3400-\u9fff]/.test(text);

/** The prompt for the mode, in the question's language. */
export function transformPrompt(
  mode: Exclude<QueryTransformMode, 'none'>,
  question: string,
  n: number,
  previous?: { question: string; answer: string },
): string {
  const zh = isChinese(question);
  switch (mode) {
    case 'multi':
      return zh
        ? `请把下面的问题改写成 ${n} 个不同的搜索查询，用不同的说法表达同一个意思。每行写一个查询，不要编号，不要解释。\n\n问题：${question}`
        : `Rewrite the question below as ${n} different search queries that ask for the same thing in other words. Write one query per line, with no numbering and no explanation.\n\nQuestion: ${question}`;
    case 'hyde':
      return zh
        ? `请写一段简短的文字（三到五句话）来回答下面的问题，就像它出自一篇解释性的文章。即使不确定也请写出来。\n\n问题：${question}`
        : `Write a short passage (three to five sentences) that answers the question below, as if it came from an explanatory article. Write it even if you are unsure.\n\nQuestion: ${question}`;
    case 'standalone':
      return zh
        ? `根据之前的对话，把后续问题改写成一个不依赖上下文、可以单独理解的问题。只写改写后的问题。\n\n之前的问题：${previous?.question ?? ''}\n之前的回答：${previous?.answer ?? ''}\n\n后续问题：${question}`
        : `Given the previous turn of the conversation, rewrite the follow-up question as a standalone question that can be understood without it. Write only the rewritten question.\n\nPrevious question: ${previous?.question ?? ''}\nPrevious answer: ${previous?.answer ?? ''}\n\nFollow-up question: ${question}`;
  }
}

/** Lines of a model's reply as queries: numbering, bullets and quotes taken off, empty and repeated ones dropped, at most n. */
export function parseQueries(reply: string, n: number): string[] {
  const out: string[] = [];
  for (const raw of reply.split(/\r?\n/)) {
    const line = raw
      .replace(/^\s*(?:[-*•·]|\d+[.)、]|[（(]?\d+[）)])\s*/u, '')
      .replace(/^["“'‘「](.*)["”'’」]$/u, '$1')
      .trim();
    if (line && !out.some((q) => q.toLowerCase() === line.toLowerCase())) out.push(line);
    if (out.length >= n) break;
  }
  return out;
}

/** What the model's reply becomes: n queries (multi), the passage itself (HyDE), one question (standalone). */
export function queriesFromReply(mode: Exclude<QueryTransformMode, 'none'>, reply: string, n: number): string[] {
  if (mode === 'hyde') return reply.trim() ? [reply.trim()] : [];
  return parseQueries(reply, mode === 'multi' ? n : 1);
}

/** One ranked list per query, fused by RRF (the original question's list counts like any other). */
export function fuseQueryHits(lists: readonly (readonly Hit[])[]): Hit[] {
  return reciprocalRankFusion(lists);
}
