import { describe, expect, it } from 'vitest';
import { samplePositions } from './embeddingMapStore';

describe('samplePositions', () => {
  it('keeps everything up to the cap, else a seeded sample of distinct positions in order', () => {
    expect(samplePositions(5, 10, 1)).toEqual([0, 1, 2, 3, 4]);
    const a = samplePositions(10_000, 2000, 42);
    expect(a).toHaveLength(2000);
    expect(new Set(a).size).toBe(2000);
    expect(a.every((x, i) => x >= 0 && x < 10_000 && (i === 0 || x > a[i - 1]!))).toBe(true);
    expect(samplePositions(10_000, 2000, 42)).toEqual(a); // same seed, same sample
    expect(samplePositions(10_000, 2000, 43)).not.toEqual(a);
    // Spread over the whole range, not the first 2,000.
    expect(a.filter((x) => x >= 5000).length).toBeGreaterThan(800);
  });
});
