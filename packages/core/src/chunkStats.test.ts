import { describe, expect, it } from 'vitest';
import { chunkStats } from './chunkStats';

describe('chunk statistics', () => {
  it('gives count, min/mean/max in characters and tokens, and the chunks over the model’s limit', () => {
    const s = chunkStats([10, 20, 30], [100, 600, 520], 512);
    expect(s).toEqual({
      count: 3,
      chars: { min: 10, mean: 20, max: 30 },
      tokens: { min: 100, mean: 1220 / 3, max: 600 },
      truncated: { count: 2, tokensOver: 88 + 8, maxOver: 88 },
    });
  });

  it('has no spreads for no chunks, and no token figures before the tokens are counted', () => {
    expect(chunkStats([], null, null)).toEqual({ count: 0, chars: null, tokens: null, truncated: null });
    expect(chunkStats([5], [512], 512).truncated).toEqual({ count: 0, tokensOver: 0, maxOver: 0 });
  });
});
