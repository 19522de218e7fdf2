import { describe, expect, it } from 'vitest';
import { minMaxNormalize, reciprocalRankFusion, rrfMax, weightedFusion } from './fusion';

const vector = [
  { id: 'a', score: 0.9 },
  { id: 'b', score: 0.7 },
  { id: 'c', score: 0.5 },
];
const keyword = [
  { id: 'c', score: 12 },
  { id: 'd', score: 6 },
  { id: 'a', score: 3 },
];

describe('reciprocal rank fusion', () => {
  it('sums 1 / (60 + rank) over the lists, hand-computed', () => {
    const fused = reciprocalRankFusion([vector, keyword]);
    // a: 1/61 + 1/63; c: 1/63 + 1/61 (a tie: a's best rank is 1, c's is 1 too → id order); b: 1/62; d: 1/62.
    expect(fused.map((h) => h.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 63, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61 + 1 / 63, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 62, 12);
  });

  it('takes k as a parameter and has 2 / (k + 1) as its maximum with two lists', () => {
    const fused = reciprocalRankFusion([[{ id: 'x', score: 1 }], [{ id: 'x', score: 5 }]], 1);
    expect(fused).toEqual([{ id: 'x', score: 1 }]);
    expect(rrfMax(2)).toBeCloseTo(2 / 61, 12);
  });

  it('ranks an item found by both lists above one found by a single list at the same rank', () => {
    const fused = reciprocalRankFusion([
      [
        { id: 'p', score: 1 },
        { id: 'q', score: 0.5 },
      ],
      [{ id: 'q', score: 9 }],
    ]);
    expect(fused.map((h) => h.id)).toEqual(['q', 'p']);
  });
});

describe('weighted fusion', () => {
  it('min-max normalises each list and weights them, hand-computed', () => {
    // vector normalised: a 1, b 0.5, c 0. keyword normalised: c 1, d (6-3)/9 = 1/3, a 0.
    const fused = weightedFusion(vector, keyword, 0.75);
    const expected: Record<string, number> = { a: 0.75, b: 0.375, c: 0.25, d: 0.25 / 3 };
    expect(fused.map((h) => h.id)).toEqual(['a', 'b', 'c', 'd']);
    for (const h of fused) expect(h.score).toBeCloseTo(expected[h.id]!, 12);
  });

  it('weight 0 is keyword order, weight 1 is vector order', () => {
    expect(
      weightedFusion(vector, keyword, 0)
        .slice(0, 2)
        .map((h) => h.id),
    ).toEqual(['c', 'd']);
    expect(
      weightedFusion(vector, keyword, 1)
        .slice(0, 2)
        .map((h) => h.id),
    ).toEqual(['a', 'b']);
  });

  it('stays within 0..1', () => {
    for (const h of weightedFusion(vector, keyword, 0.5)) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('minMaxNormalize', () => {
  it('maps onto 0..1, and equal scores to 1', () => {
    expect(minMaxNormalize([2, 4, 3])).toEqual([0, 1, 0.5]);
    expect(minMaxNormalize([5, 5])).toEqual([1, 1]);
    expect(minMaxNormalize([])).toEqual([]);
  });
});
