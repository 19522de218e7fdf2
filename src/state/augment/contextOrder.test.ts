// The prompt to send with the context ordered best first (the default) or best-first-and-last: the chunks'
// numbers follow their place in the prompt, and `order` maps each number back to its retrieval rank.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RetrievalRun } from '../retrieval/retrievalStore';
import type { ScoredChunk } from '@openbook/core/types';

const { useRetrievalStore } = await import('../retrieval/retrievalStore');
const { usePromptStore } = await import('./promptStore');
const { currentFilledPrompt, resultsInPromptOrder } = await import('./filledPrompt');

const result = (n: number): ScoredChunk => ({
  chunk: { id: `d#${n}`, docId: 'd', index: n, start: 0, end: 5, text: `chunk ranked ${n}` },
  score: 1 - n / 10,
  rank: n,
});

beforeEach(() => {
  usePromptStore.setState({ custom: '{context}\nQ: {question}', orderBothEnds: false });
  useRetrievalStore.setState({ last: { question: 'q', results: [1, 2, 3, 4, 5].map(result) } as unknown as RetrievalRun });
});

const chunkTexts = (text: string) => [...text.matchAll(/chunk ranked (\d)/g)].map((m) => Number(m[1]));

describe('the context order of the prompt to send', () => {
  it('is best first by default', () => {
    const prompt = currentFilledPrompt('en')!;
    expect(chunkTexts(prompt.text)).toEqual([1, 2, 3, 4, 5]);
    expect(prompt.order).toEqual([0, 1, 2, 3, 4]);
  });

  it('is best first and last with the option, numbered by place', () => {
    usePromptStore.getState().setOrderBothEnds(true);
    const prompt = currentFilledPrompt('en')!;
    expect(chunkTexts(prompt.text)).toEqual([1, 3, 5, 4, 2]);
    expect(prompt.text.startsWith('[1] (d)\nchunk ranked 1\n\n[2] (d)\nchunk ranked 3')).toBe(true);
    expect(prompt.order).toEqual([0, 2, 4, 3, 1]);
    expect(prompt.budget.kept).toBe(5);
    // Citations follow the prompt: [2] is the chunk ranked 3.
    const sources = resultsInPromptOrder(prompt.order, useRetrievalStore.getState().last!.results);
    expect(sources.map((r) => r.rank)).toEqual([1, 3, 5, 4, 2]);
  });

  it('maps only the chunks there are', () => {
    expect(resultsInPromptOrder([1, 0, 5], ['a', 'b'])).toEqual(['b', 'a']);
  });
});

describe('the ordering option, saved', () => {
  it('is written when on and left out when off (the default)', () => {
    usePromptStore.getState().setOrderBothEnds(true);
    expect(JSON.parse(localStorage.getItem('openbook.prompt')!).state).toEqual({ custom: '{context}\nQ: {question}', orderBothEnds: true });
    usePromptStore.getState().setOrderBothEnds(false);
    expect(JSON.parse(localStorage.getItem('openbook.prompt')!).state).toEqual({ custom: '{context}\nQ: {question}' });
  });
});
