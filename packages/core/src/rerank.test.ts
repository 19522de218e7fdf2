import { describe, expect, it } from 'vitest';
import { applyRerank, scoresFromLogits, sigmoid } from './rerank';
import type { ScoredChunk } from './types';

const chunk = (n: number): ScoredChunk => {
  const rank = n + 1;
  const cosine = 0.9 - n * 0.1;
  return {
    chunk: { id: `d#${n}`, docId: 'd', index: n, start: n * 10, end: n * 10 + 10, text: `chunk ${n}` },
    score: cosine,
    rank,
    scores: { cosine },
    ranks: { vector: rank },
  };
};

describe('sigmoid', () => {
  it('maps logits into (0, 1), 0 to one half, symmetric', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(0.880797, 6);
    expect(sigmoid(-2)).toBeCloseTo(1 - 0.880797, 6);
    expect(sigmoid(-3)).toBeCloseTo(0.0474259, 6);
  });

  it('does not overflow for large logits', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(Number.isNaN(sigmoid(-1000))).toBe(false);
  });
});

describe('scoresFromLogits', () => {
  it('takes the sigmoid of one logit per pair', () => {
    expect(scoresFromLogits(new Float32Array([0, 2, -2]), [3, 1])).toEqual([0.5, sigmoid(2), sigmoid(-2)]);
  });

  it('refuses outputs with more than one label, or that do not match their shape', () => {
    expect(() => scoresFromLogits(new Float32Array([0.1, 0.9]), [1, 2])).toThrow(/one relevance logit per pair.*\[1, 2\]/);
    expect(() => scoresFromLogits(new Float32Array([0.1]), [2, 1])).toThrow(/one relevance logit/);
    expect(() => scoresFromLogits(new Float32Array([0.1, 0.2]), [2])).toThrow(/one relevance logit/);
  });

  it('refuses a NaN logit', () => {
    expect(() => scoresFromLogits(new Float32Array([NaN]), [1, 1])).toThrow(/NaN/);
  });
});

describe('applyRerank', () => {
  const candidates = [0, 1, 2, 3].map(chunk);

  it('orders by rerank score, fills scores.rerank and ranks.rerank, and keeps the first stage', () => {
    const out = applyRerank(candidates, [0.2, 0.9, 0.1, 0.5]);
    expect(out.map((r) => r.chunk.id)).toEqual(['d#1', 'd#3', 'd#0', 'd#2']);
    expect(out.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(out.map((r) => r.score)).toEqual([0.9, 0.5, 0.2, 0.1]);
    expect(out[0]).toEqual({
      chunk: candidates[1]!.chunk,
      score: 0.9,
      rank: 1,
      scores: { cosine: 0.8, rerank: 0.9 },
      ranks: { vector: 2, rerank: 1 },
    });
    // The input is not changed.
    expect(candidates[1]!.ranks).toEqual({ vector: 2 });
  });

  it('keeps the first-stage order among equal rerank scores', () => {
    const out = applyRerank(candidates, [0.3, 0.7, 0.3, 0.7]);
    expect(out.map((r) => r.chunk.id)).toEqual(['d#1', 'd#3', 'd#0', 'd#2']);
  });

  it('handles no candidates, and refuses a score count that does not match', () => {
    expect(applyRerank([], [])).toEqual([]);
    expect(() => applyRerank(candidates, [0.5])).toThrow('1 rerank scores for 4 candidates.');
  });

  it('works on results without earlier stage records', () => {
    const bare: ScoredChunk = { chunk: candidates[0]!.chunk, score: 0.4, rank: 1 };
    expect(applyRerank([bare], [0.25])).toEqual([{ ...bare, score: 0.25, rank: 1, scores: { rerank: 0.25 }, ranks: { rerank: 1 } }]);
  });
});
