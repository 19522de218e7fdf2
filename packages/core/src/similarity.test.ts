// dot, cosineSimilarity, l2Normalize and topK against hand-computed values.
import { describe, expect, it } from 'vitest';
import { cosineSimilarity, dot, l2Normalize, norm, topK } from './similarity';

describe('dot and norm', () => {
  it('computes the dot product of arrays and Float32Arrays', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(dot(new Float32Array([1, -2]), [3, 4])).toBe(-5);
    expect(dot([], [])).toBe(0);
  });

  it('throws on a dimension mismatch', () => {
    expect(() => dot([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => cosineSimilarity(new Float32Array(3), new Float32Array(4))).toThrow(/dimensions/);
  });

  it('computes the Euclidean length', () => {
    expect(norm([3, 4])).toBe(5);
    expect(norm([0, 0, 0])).toBe(0);
  });
});

describe('cosineSimilarity', () => {
  it('matches hand-computed values', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 0], [5, 0])).toBe(1);
    expect(cosineSimilarity([1, 0], [-2, 0])).toBe(-1);
    // (1,2,3)·(4,5,6) = 32; |a| = √14, |b| = √77; 32 / √1078 = 0.974631846…
    expect(cosineSimilarity([1, 2, 3], [4, 5, 6])).toBeCloseTo(0.9746318461970762, 12);
    // (1,1)·(1,0) = 1; |a| = √2 → cos 45° = 0.70710678…
    expect(cosineSimilarity(new Float32Array([1, 1]), new Float32Array([1, 0]))).toBeCloseTo(Math.SQRT1_2, 6);
    // (3,4)·(4,-3) = 0
    expect(cosineSimilarity([3, 4], [4, -3])).toBe(0);
  });

  it('is 0 for a zero vector', () => {
    expect(cosineSimilarity([0, 0, 0], [1, 2, 3])).toBe(0);
    expect(cosineSimilarity([1, 2, 3], new Float32Array(3))).toBe(0);
    expect(cosineSimilarity([], [])).toBe(0);
  });

  it('does not depend on length and stays within [-1, 1]', () => {
    const a = [0.1, 0.2, 0.3, 0.4];
    const b = [0.3, 0.1, 0.0, 0.7];
    expect(cosineSimilarity(a, b)).toBeCloseTo(
      cosineSimilarity(
        a.map((x) => x * 1000),
        b,
      ),
      12,
    );
    const v = new Float32Array([0.1, 0.7, 0.3, 0.9, 0.2]);
    const c = cosineSimilarity(v, v);
    expect(c).toBeLessThanOrEqual(1);
    expect(c).toBeCloseTo(1, 6);
  });
});

describe('l2Normalize', () => {
  it('returns a unit vector in the same direction', () => {
    const u = l2Normalize([3, 4]);
    expect(u).toBeInstanceOf(Float32Array);
    expect(u[0]).toBeCloseTo(0.6, 6);
    expect(u[1]).toBeCloseTo(0.8, 6);
    expect(norm(l2Normalize(new Float32Array([1, 2, 3, 4, 5])))).toBeCloseTo(1, 6);
  });

  it('does not change its input, and keeps the zero vector zero', () => {
    const v = new Float32Array([2, 0]);
    l2Normalize(v);
    expect([...v]).toEqual([2, 0]);
    expect([...l2Normalize([0, 0])]).toEqual([0, 0]);
  });

  it('makes dot equal cosine', () => {
    const a = [1, 2, 3];
    const b = [-1, 0.5, 2];
    expect(dot(l2Normalize(a), l2Normalize(b))).toBeCloseTo(cosineSimilarity(a, b), 6);
  });
});

describe('topK', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  const scores: Record<string, number> = { a: 0.1, b: 0.9, c: 0.5, d: 0.9, e: -0.3 };

  it('returns the k best, descending, with 1-based ranks', () => {
    expect(topK(items, (x) => scores[x]!, 3)).toEqual([
      { item: 'b', score: 0.9, rank: 1 },
      { item: 'd', score: 0.9, rank: 2 },
      { item: 'c', score: 0.5, rank: 3 },
    ]);
  });

  it('keeps input order on ties', () => {
    expect(topK(['x', 'y', 'z'], () => 1, 3).map((r) => r.item)).toEqual(['x', 'y', 'z']);
    expect(topK(['d', 'b'], (x) => scores[x]!, 2).map((r) => r.item)).toEqual(['d', 'b']);
  });

  it('handles k <= 0, k larger than the list, and empty lists', () => {
    expect(topK(items, (x) => scores[x]!, 0)).toEqual([]);
    expect(topK(items, (x) => scores[x]!, -2)).toEqual([]);
    expect(topK([], () => 1, 3)).toEqual([]);
    expect(topK(items, (x) => scores[x]!, 10).map((r) => r.item)).toEqual(['b', 'd', 'c', 'a', 'e']);
  });

  it('ranks NaN scores last and calls score once per item', () => {
    let calls = 0;
    const result = topK(
      [1, 2, 3],
      (x) => {
        calls++;
        return x === 2 ? Number.NaN : x;
      },
      3,
    );
    expect(result.map((r) => r.item)).toEqual([3, 1, 2]);
    expect(calls).toBe(3);
  });

  it('ranks chunks by cosine similarity to a query', () => {
    const query = [1, 0];
    const vectors: [string, number[]][] = [
      ['orthogonal', [0, 1]],
      ['same', [2, 0]],
      ['opposite', [-1, 0]],
      ['diagonal', [1, 1]],
    ];
    const ranked = topK(vectors, ([, v]) => cosineSimilarity(query, v), 2);
    expect(ranked.map((r) => r.item[0])).toEqual(['same', 'diagonal']);
    expect(ranked[1]!.score).toBeCloseTo(Math.SQRT1_2, 12);
  });
});
