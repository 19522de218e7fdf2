import { describe, expect, it } from 'vitest';
import { HISTORY_FORMAT, historyToJson, historyToMarkdown, type HistoryEntry } from './history';

const entry = (over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: '2026-01-02T03:04:05.000Z',
  question: 'How hot is lava?',
  prompt: 'Context: [1] (volcanoes.md)\nLava ...\nQuestion: How hot is lava?',
  answer: 'About **1200 °C** [1].',
  outcome: 'complete',
  settings: {
    engine: 'transformers-wasm',
    model: 'openbook/tiny-chat',
    template: 'Context:\n{context}\nQuestion: {question}',
    systemPrompt: 'Be careful.',
    temperature: 0.2,
    topP: 0.95,
    maxTokens: 512,
    k: 4,
    retrieval: true,
    chunksInPrompt: 3,
  },
  stats: { promptTokens: 100, completionTokens: 12, timeToFirstTokenS: 0.123456, decodeTokensPerS: 40 },
  ...over,
});

describe('history export', () => {
  it('JSON: a versioned document holding every entry as it is', () => {
    const entries = [entry(), entry({ outcome: 'stopped', settings: { ...entry().settings, retrieval: false, template: null } })];
    const doc = JSON.parse(historyToJson(entries));
    expect(doc).toEqual({ format: HISTORY_FORMAT, version: 1, entries });
  });

  it('Markdown: the question, the settings, the answer, the template and the prompt as sent', () => {
    const md = historyToMarkdown([
      entry(),
      entry({ question: 'Without?', outcome: 'stopped', settings: { ...entry().settings, retrieval: false, template: null } }),
    ]);
    expect(md).toContain('## 1. How hot is lava?');
    expect(md).toContain('- Engine: transformers-wasm · model: openbook/tiny-chat');
    expect(md).toContain('- Retrieval: on (k = 4, 3 in the prompt)');
    expect(md).toContain('- Temperature 0.2 · top-p 0.95 · max tokens 512');
    expect(md).toContain('first token after 0.12 s');
    expect(md).toContain('> About **1200 °C** [1].');
    expect(md).toContain('```text\nContext:\n{context}\nQuestion: {question}\n```');
    expect(md).toContain('## 2. Without?');
    expect(md).toContain('- Retrieval: off (the question alone)');
    expect(md).toContain('- Outcome: stopped');
  });

  it('Markdown: a prompt containing backticks cannot break out of its code block', () => {
    const md = historyToMarkdown([entry({ prompt: 'a ``` b ```` c' })]);
    expect(md).toContain('`````text\na ``` b ```` c\n`````');
  });
});
