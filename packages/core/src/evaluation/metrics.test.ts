import { describe, expect, it } from 'vitest';
import { aggregate, scoreQuestion } from './metrics';

describe('scoreQuestion', () => {
  it('takes the rank of the first relevant result within k', () => {
    expect(scoreQuestion([false, false, true, true], 5)).toEqual({ firstRelevantRank: 3, reciprocalRank: 1 / 3, hit: true });
    expect(scoreQuestion([true], 1)).toEqual({ firstRelevantRank: 1, reciprocalRank: 1, hit: true });
  });

  it('counts nothing past k, and nothing when none is relevant', () => {
    expect(scoreQuestion([false, false, true], 2)).toEqual({ firstRelevantRank: null, reciprocalRank: 0, hit: false });
    expect(scoreQuestion([false, false], 5)).toEqual({ firstRelevantRank: null, reciprocalRank: 0, hit: false });
    expect(scoreQuestion([], 5).hit).toBe(false);
    expect(scoreQuestion([true], 0).hit).toBe(false);
  });
});

describe('aggregate', () => {
  it('gives the worked example of the sample corpus: hit rate 3/4, MRR 11/24', () => {
    // Ranks of the first correct chunk at k = 5: 1, 3, missing, 2 (evaluating-retrieval.md).
    const k = 5;
    const scores = [
      scoreQuestion([true, false, false, false, false], k),
      scoreQuestion([false, false, true, false, false], k),
      scoreQuestion([false, false, false, false, false, true], k),
      scoreQuestion([false, true], k),
    ];
    const m = aggregate(scores);
    expect(m.questions).toBe(4);
    expect(m.hits).toBe(3);
    expect(m.hitRate).toBe(0.75);
    expect(m.mrr).toBeCloseTo(11 / 24, 12);
  });

  it('has no metrics for no questions', () => {
    expect(aggregate([])).toEqual({ questions: 0, hits: 0, hitRate: null, mrr: null });
  });

  it('is 1 and 1 when every answer is first, 0 and 0 when none is found', () => {
    expect(aggregate([scoreQuestion([true], 3), scoreQuestion([true, true], 3)])).toMatchObject({ hitRate: 1, mrr: 1 });
    expect(aggregate([scoreQuestion([false], 3), scoreQuestion([], 3)])).toMatchObject({ hitRate: 0, mrr: 0 });
  });
});
