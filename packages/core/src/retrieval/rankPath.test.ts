import { describe, expect, it } from 'vitest';
import { rankPath } from './rankPath';

describe('rankPath', () => {
  it('vector search alone: one step, no move', () => {
    expect(rankPath({ vector: 3 }, { vector: true, keyword: false })).toEqual([{ stage: 'vector', rank: 3 }]);
  });

  it('hybrid: both searches, then fusion moved from the vector rank', () => {
    expect(rankPath({ vector: 5, keyword: 1, fused: 2 }, { vector: true, keyword: true })).toEqual([
      { stage: 'vector', rank: 5 },
      { stage: 'keyword', rank: 1 },
      { stage: 'fused', rank: 2, moved: 3 },
    ]);
  });

  it('a chunk only the keyword search found: fusion moves from its keyword rank', () => {
    expect(rankPath({ keyword: 2, fused: 6 }, { vector: true, keyword: true })).toEqual([
      { stage: 'vector', rank: null },
      { stage: 'keyword', rank: 2 },
      { stage: 'fused', rank: 6, moved: -4 },
    ]);
  });

  it('rerank and MMR each move from the stage before', () => {
    expect(rankPath({ keyword: 4, rerank: 2, mmr: 2 }, { vector: false, keyword: true })).toEqual([
      { stage: 'keyword', rank: 4 },
      { stage: 'rerank', rank: 2, moved: 2 },
      { stage: 'mmr', rank: 2, moved: 0 },
    ]);
  });
});
