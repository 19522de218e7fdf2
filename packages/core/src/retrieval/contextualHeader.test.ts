import { describe, expect, it } from 'vitest';
import { contextualHeader, indexedText } from './contextualHeader';

describe('contextual chunk headers', () => {
  it('is the title and heading path, the repeated top heading said once', () => {
    expect(contextualHeader('evaluating-retrieval.md', ['Evaluating retrieval', 'Hit rate and MRR'])).toBe(
      'evaluating-retrieval.md › Evaluating retrieval › Hit rate and MRR',
    );
    expect(contextualHeader('Notes', ['Notes', 'Part  one '])).toBe('Notes › Part one');
    expect(contextualHeader('提示词与幻觉.txt', undefined)).toBe('提示词与幻觉.txt');
    expect(contextualHeader('', [])).toBe('');
  });

  it('goes before the indexed text only when on, and never changes the chunk', () => {
    const chunk = { text: 'It is computed per question.', meta: { headingPath: ['Evaluating retrieval', 'Hit rate and MRR'] } };
    const before = structuredClone(chunk);
    expect(indexedText(chunk, 'eval.md', true)).toBe('eval.md › Evaluating retrieval › Hit rate and MRR\n\nIt is computed per question.');
    expect(indexedText(chunk, 'eval.md', false)).toBe('It is computed per question.');
    expect(chunk).toEqual(before);
  });
});
