// The session's questions and answers, each with the settings it was answered with, and their export as
// JSON and as Markdown. Pure.

export interface HistorySettings {
  engine: string;
  model: string;
  /** The prompt template (with its placeholders), or null when the question was sent alone (no retrieval). */
  template: string | null;
  systemPrompt: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** Chunks retrieved (k). */
  k: number;
  retrieval: boolean;
  /** Chunks that fit into the prompt (the context budget). */
  chunksInPrompt: number;
}

export interface HistoryEntry {
  /** ISO 8601 time the answer ended. */
  at: string;
  question: string;
  /** The prompt as sent (user message). */
  prompt: string;
  answer: string;
  /** How the answer ended. */
  outcome: 'complete' | 'stopped' | 'failed';
  settings: HistorySettings;
  stats: {
    promptTokens: number | null;
    completionTokens: number | null;
    timeToFirstTokenS: number | null;
    decodeTokensPerS: number | null;
  } | null;
}

export const HISTORY_FORMAT = 'openbook-history';

export function historyToJson(entries: readonly HistoryEntry[]): string {
  return JSON.stringify({ format: HISTORY_FORMAT, version: 1, entries }, null, 2);
}

/** A fence longer than any run of backticks in the text, so the text cannot end it. */
function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

const quoteBlock = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

export function historyToMarkdown(entries: readonly HistoryEntry[], title = 'Openbook session'): string {
  const out = [`# ${title}`, ''];
  entries.forEach((e, i) => {
    const s = e.settings;
    out.push(`## ${i + 1}. ${e.question.replace(/\s+/g, ' ')}`, '');
    out.push(`- Time: ${e.at}`);
    out.push(`- Engine: ${s.engine} · model: ${s.model}`);
    out.push(`- Retrieval: ${s.retrieval ? `on (k = ${s.k}, ${s.chunksInPrompt} in the prompt)` : 'off (the question alone)'}`);
    out.push(`- Temperature ${s.temperature} · top-p ${s.topP} · max tokens ${s.maxTokens}`);
    if (e.stats) {
      const n = (x: number | null) => (x === null ? '–' : String(Math.round(x * 100) / 100));
      out.push(
        `- Prompt tokens ${n(e.stats.promptTokens)} · answer tokens ${n(e.stats.completionTokens)} · first token after ${n(e.stats.timeToFirstTokenS)} s`,
      );
    }
    if (e.outcome !== 'complete') out.push(`- Outcome: ${e.outcome}`);
    out.push('', '### Answer', '', e.answer ? quoteBlock(e.answer) : '_(none)_', '');
    out.push('### System prompt', '', fence(s.systemPrompt) + 'text', s.systemPrompt, fence(s.systemPrompt), '');
    if (s.template !== null) out.push('### Template', '', fence(s.template) + 'text', s.template, fence(s.template), '');
    out.push('### Prompt as sent', '', fence(e.prompt) + 'text', e.prompt, fence(e.prompt), '');
  });
  return out.join('\n');
}
