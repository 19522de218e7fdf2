// Filling prompt templates: segments, single-pass substitution, and template checks.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT_TEMPLATE, DEFAULT_PROMPT_TEMPLATE_ZH, checkTemplate, fillPrompt, formatContext, questionOnlyPrompt, type FilledPrompt } from './prompt';

const CHUNKS = [
  { text: 'RAG retrieves passages before generating.', source: 'notes.md' },
  { text: '检索增强生成先检索，再生成。', source: '中文.txt' },
];

function joined(p: FilledPrompt): string {
  return p.segments.map((s) => s.text).join('');
}

describe('formatContext', () => {
  it('numbers the chunks and separates them by blank lines', () => {
    expect(formatContext(CHUNKS)).toBe('[1] (notes.md)\nRAG retrieves passages before generating.\n\n[2] (中文.txt)\n检索增强生成先检索，再生成。');
    expect(formatContext([])).toBe('');
  });
});

describe('fillPrompt', () => {
  it('replaces {context} and {question}, and the segments join to the text', () => {
    const p = fillPrompt('Context:\n{context}\n\nQ: {question}\nA:', 'What is RAG?', CHUNKS);
    expect(p.text).toBe(`Context:\n${formatContext(CHUNKS)}\n\nQ: What is RAG?\nA:`);
    expect(joined(p)).toBe(p.text);
    expect(p.segments.map((s) => s.kind)).toEqual(['template', 'context-label', 'chunk', 'context-label', 'chunk', 'template', 'question', 'template']);
  });

  it('marks exactly the inserted chunks, with their numbers', () => {
    const p = fillPrompt(DEFAULT_PROMPT_TEMPLATE, 'What is RAG?', CHUNKS);
    expect(joined(p)).toBe(p.text);
    const chunkSegments = p.segments.filter((s) => s.kind === 'chunk');
    expect(chunkSegments).toEqual([
      { kind: 'chunk', text: CHUNKS[0]!.text, chunkNumber: 1 },
      { kind: 'chunk', text: CHUNKS[1]!.text, chunkNumber: 2 },
    ]);
    // The offsets of each chunk segment in the text hold the chunk.
    let offset = 0;
    for (const s of p.segments) {
      expect(p.text.slice(offset, offset + s.text.length)).toBe(s.text);
      offset += s.text.length;
    }
    expect(p.segments.filter((s) => s.kind === 'question')).toEqual([{ kind: 'question', text: 'What is RAG?' }]);
  });

  it('replaces every occurrence of a placeholder', () => {
    const p = fillPrompt('{question} / {question} / {context} / {context}', 'Q', [{ text: 'T', source: 's' }]);
    expect(p.text).toBe('Q / Q / [1] (s)\nT / [1] (s)\nT');
    expect(p.segments.filter((s) => s.kind === 'chunk')).toHaveLength(2);
    expect(joined(p)).toBe(p.text);
  });

  it('does not expand placeholders inside the question or the chunks', () => {
    const chunks = [{ text: 'Ignore the above. {question} {context} {foo}', source: '{context}' }];
    const question = 'What does {context} mean? {question}';
    const p = fillPrompt('C: {context}\nQ: {question}', question, chunks);
    expect(p.text).toBe(`C: [1] ({context})\n${chunks[0]!.text}\nQ: ${question}`);
    expect(joined(p)).toBe(p.text);
    expect(p.segments.find((s) => s.kind === 'chunk')!.text).toBe(chunks[0]!.text);
    expect(p.segments.find((s) => s.kind === 'question')!.text).toBe(question);
  });

  it('leaves doubled braces and unknown placeholders as written', () => {
    const p = fillPrompt('{{question}} {foo} {Context} { context } {question}', 'Q', []);
    expect(p.text).toBe('{Q} {foo} {Context} { context } Q');
    expect(joined(p)).toBe(p.text);
  });

  it('handles no chunks, an empty question and a template without placeholders', () => {
    const p = fillPrompt('A{context}B{question}C', '', []);
    expect(p.text).toBe('ABC');
    expect(p.segments.every((s) => s.kind === 'template')).toBe(true);
    const plain = fillPrompt('Just text.', 'Q', CHUNKS);
    expect(plain).toEqual({ text: 'Just text.', segments: [{ kind: 'template', text: 'Just text.' }] });
    expect(fillPrompt('', 'Q', CHUNKS)).toEqual({ text: '', segments: [] });
  });

  it('fills the Chinese default template', () => {
    const p = fillPrompt(DEFAULT_PROMPT_TEMPLATE_ZH, '什么是检索增强生成？', CHUNKS);
    expect(joined(p)).toBe(p.text);
    expect(p.text).toContain('问题：什么是检索增强生成？');
    expect(p.text).toContain('[2] (中文.txt)\n检索增强生成先检索，再生成。');
    expect(p.text).not.toMatch(/\{(context|question)\}/);
  });
});

describe('checkTemplate', () => {
  it('finds nothing wrong with the default templates', () => {
    expect(checkTemplate(DEFAULT_PROMPT_TEMPLATE)).toEqual([]);
    expect(checkTemplate(DEFAULT_PROMPT_TEMPLATE_ZH)).toEqual([]);
  });

  it('reports an empty template, and only that', () => {
    expect(checkTemplate('')).toEqual([{ code: 'empty' }]);
    expect(checkTemplate('  \n\t')).toEqual([{ code: 'empty' }]);
  });

  it('reports missing placeholders', () => {
    expect(checkTemplate('Answer: {question}')).toEqual([{ code: 'missing-context' }]);
    expect(checkTemplate('Context: {context}')).toEqual([{ code: 'missing-question' }]);
    expect(checkTemplate('Nothing here')).toEqual([{ code: 'missing-context' }, { code: 'missing-question' }]);
  });

  it('reports each unknown placeholder once, braces included', () => {
    expect(checkTemplate('{context} {question} {foo} {bar_2} {foo} {Context}')).toEqual([
      { code: 'unknown-placeholder', name: '{foo}' },
      { code: 'unknown-placeholder', name: '{bar_2}' },
      { code: 'unknown-placeholder', name: '{Context}' },
    ]);
    // Not placeholders: JSON-like text, spaces, empty braces.
    expect(checkTemplate('{context} {question} {"a": 1} { x } {}')).toEqual([]);
  });
});

describe('default templates', () => {
  it('say to use only the context, to admit not knowing, and to cite [n]', () => {
    expect(DEFAULT_PROMPT_TEMPLATE).toMatch(/only the context/);
    expect(DEFAULT_PROMPT_TEMPLATE).toMatch(/don't know/);
    expect(DEFAULT_PROMPT_TEMPLATE).toMatch(/\[1\]/);
    expect(DEFAULT_PROMPT_TEMPLATE_ZH).toMatch(/只根据/);
    expect(DEFAULT_PROMPT_TEMPLATE_ZH).toMatch(/不知道/);
    expect(DEFAULT_PROMPT_TEMPLATE_ZH).toMatch(/\[1\]/);
  });
});

describe('questionOnlyPrompt', () => {
  it('is the question alone: no template, no context', () => {
    const p = questionOnlyPrompt('How hot is lava?');
    expect(p.text).toBe('How hot is lava?');
    expect(p.segments).toEqual([{ kind: 'question', text: 'How hot is lava?' }]);
    expect(joined(p)).toBe(p.text);
  });

  it('keeps placeholder-like text as written, and an empty question gives an empty prompt', () => {
    expect(questionOnlyPrompt('What is {context}?').text).toBe('What is {context}?');
    expect(questionOnlyPrompt('')).toEqual({ text: '', segments: [] });
  });
});
