import { describe, expect, it } from 'vitest';
import { answerTokens, compareAnswers, tokenOverlap } from './answerComparison';

describe('answerTokens', () => {
  it('splits words, numbers and citations, lower-cased', () => {
    expect(answerTokens('Lava is 1200 degrees [1].')).toEqual(['lava', 'is', '1200', 'degrees', '[1]']);
  });
  it('takes each Chinese character as a token', () => {
    expect(answerTokens('熔岩很热 [2]')).toEqual(['熔', '岩', '很', '热', '[2]']);
  });
});

describe('compareAnswers', () => {
  it('finds the same answer unchanged, whitespace aside', () => {
    expect(compareAnswers('Lava is hot [1].', ' Lava  is hot\n[1]. ')).toEqual({ changed: false, overlap: 1 });
  });
  it('marks a different answer changed, with the share of tokens in common', () => {
    const d = compareAnswers('Lava is very hot [1].', 'Lava is hot [2].');
    expect(d.changed).toBe(true);
    // 3 common tokens (lava, is, hot): precision 3/4, recall 3/5, F1 = 2/3.
    expect(d.overlap).toBeCloseTo(2 / 3, 10);
  });
  it('marks a change of punctuation or case as changed but fully overlapping', () => {
    const d = compareAnswers('Lava is hot.', 'lava is hot!');
    expect(d).toEqual({ changed: true, overlap: 1 });
  });
  it('gives no overlap for answers with nothing in common, or one empty', () => {
    expect(compareAnswers('Lava is hot.', 'I do not know')).toEqual({ changed: true, overlap: 0 });
    expect(compareAnswers('Lava is hot.', '')).toEqual({ changed: true, overlap: 0 });
    expect(tokenOverlap('', '')).toBe(1);
  });
  it('counts repeated tokens once per occurrence', () => {
    expect(tokenOverlap('hot hot hot', 'hot')).toBeCloseTo(0.5, 10);
  });
  it('compares Chinese answers by character', () => {
    const d = compareAnswers('熔岩很热', '熔岩很冷');
    expect(d.changed).toBe(true);
    expect(d.overlap).toBeCloseTo(0.75, 10);
  });
});
