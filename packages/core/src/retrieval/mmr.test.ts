import { describe, expect, it } from 'vitest';
import { mmrOrder } from './mmr';

// Three candidates: 0 and 1 are near duplicates (similarity 0.9), 2 is different (0.1 to both).
const relevance = [0.9, 0.85, 0.6];
const sim = [
  [1, 0.9, 0.1],
  [0.9, 1, 0.1],
  [0.1, 0.1, 1],
];
const similarity = (i: number, j: number) => sim[i]![j]!;

describe('mmrOrder', () => {
  it('with λ = 1 keeps the relevance order', () => {
    expect(mmrOrder(relevance, similarity, 3, 1)).toEqual([0, 1, 2]);
  });

  it('with λ = 0.5 picks the different one before the near duplicate, hand-computed', () => {
    // Pick 1: 0 (0.5·0.9 = 0.45 is the highest). Then: 1 → 0.5·0.85 − 0.5·0.9 = −0.025; 2 → 0.5·0.6 − 0.5·0.1 = 0.25.
    expect(mmrOrder(relevance, similarity, 3, 0.5)).toEqual([0, 2, 1]);
  });

  it('with λ = 0.9 still prefers the near duplicate (0.9·0.85 − 0.1·0.9 = 0.675 > 0.9·0.6 − 0.1·0.1 = 0.53)', () => {
    expect(mmrOrder(relevance, similarity, 3, 0.9)).toEqual([0, 1, 2]);
  });

  it('stops at k and copes with k beyond the candidates', () => {
    expect(mmrOrder(relevance, similarity, 1, 0.5)).toEqual([0]);
    expect(mmrOrder(relevance, similarity, 10, 0.5)).toHaveLength(3);
    expect(mmrOrder([], similarity, 3, 0.5)).toEqual([]);
  });
});
