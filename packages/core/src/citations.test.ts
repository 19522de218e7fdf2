// Splitting an answer into text and citations of the prompt's numbered chunks.
import { describe, expect, it } from 'vitest';
import { splitCitations, type AnswerPart } from './citations';

const joined = (parts: AnswerPart[]) => parts.map((p) => p.text).join('');
const cite = (text: string, chunkNumber: number): AnswerPart => ({ kind: 'citation', text, chunkNumber });
const text = (t: string): AnswerPart => ({ kind: 'text', text: t });

describe('splitCitations', () => {
  it('makes each [n] in 1..k a citation, brackets included', () => {
    const answer = 'Lava erupts from a volcano [1]. It glows red [3].';
    const parts = splitCitations(answer, 3);
    expect(parts).toEqual([text('Lava erupts from a volcano '), cite('[1]', 1), text('. It glows red '), cite('[3]', 3), text('.')]);
    expect(joined(parts)).toBe(answer);
  });

  it('handles adjacent groups and lists of numbers', () => {
    expect(splitCitations('Hot[1][2].', 2)).toEqual([text('Hot'), cite('[1]', 1), cite('[2]', 2), text('.')]);
    const list = 'See [1, 2] and [2，1] and [1、2].';
    const parts = splitCitations(list, 2);
    expect(parts.filter((p) => p.kind === 'citation').map((p) => (p.kind === 'citation' ? p.chunkNumber : 0))).toEqual([1, 2, 2, 1, 1, 2]);
    expect(parts.slice(0, 6)).toEqual([text('See ['), cite('1', 1), text(', '), cite('2', 2), text('] and ['), cite('2', 2)]);
    expect(joined(parts)).toBe(list);
  });

  it('leaves numbers outside 1..k, and anything else in brackets, as text', () => {
    expect(splitCitations('No source [0] or [5] or [x] or [1.5] or [].', 4)).toEqual([text('No source [0] or [5] or [x] or [1.5] or [].')]);
    expect(splitCitations('Without context [1].', 0)).toEqual([text('Without context [1].')]);
    const mixed = splitCitations('Both [2, 9].', 2);
    expect(mixed).toEqual([text('Both ['), cite('2', 2), text(', 9].')]);
  });

  it('keeps an unfinished bracket (a streaming answer) as text, and an empty answer as nothing', () => {
    expect(splitCitations('It glows [1', 2)).toEqual([text('It glows [1')]);
    expect(splitCitations('', 2)).toEqual([]);
  });
});
