// The structured "why here" of a result, for each search mode and each rank movement.
import { describe, expect, it } from 'vitest';
import { splitWhySteps, whyHere } from './whyHere';

const config = { candidates: 20, topK: 4, minScore: null };

describe('whyHere', () => {
  it('vector search: the rank by meaning only', () => {
    expect(whyHere({ vector: 2 }, { ...config, mode: 'vector' })).toEqual({ steps: [{ kind: 'meaning', rank: 2, candidates: 20 }], threshold: null });
  });

  it('keyword search: the rank by keywords only', () => {
    expect(whyHere({ keyword: 1 }, { ...config, mode: 'keyword' }).steps).toEqual([{ kind: 'keywords', rank: 1, candidates: 20 }]);
  });

  it('hybrid: both first-stage ranks, then the fused rank; a search that missed the chunk says so', () => {
    expect(whyHere({ vector: 3, keyword: 1, fused: 1 }, { ...config, mode: 'hybrid' }).steps).toEqual([
      { kind: 'meaning', rank: 3, candidates: 20 },
      { kind: 'keywords', rank: 1, candidates: 20 },
      { kind: 'fusion', rank: 1 },
    ]);
    expect(whyHere({ vector: 2, fused: 4 }, { ...config, mode: 'hybrid' }).steps[1]).toEqual({ kind: 'keywords', rank: null, candidates: 20 });
  });

  it('the candidate count is never below k', () => {
    expect(whyHere({ keyword: 7 }, { ...config, candidates: 3, topK: 8, mode: 'keyword' }).steps[0]).toEqual({ kind: 'keywords', rank: 7, candidates: 8 });
  });

  it('reranking: moved up, down or not, counted from the stage before (fusion in hybrid mode)', () => {
    expect(whyHere({ vector: 5, rerank: 2 }, { ...config, mode: 'vector' }).steps[1]).toEqual({ kind: 'rerank', rank: 2, moved: 3 });
    expect(whyHere({ keyword: 1, rerank: 3 }, { ...config, mode: 'keyword' }).steps[1]).toEqual({ kind: 'rerank', rank: 3, moved: -2 });
    expect(whyHere({ vector: 9, keyword: 1, fused: 2, rerank: 2 }, { ...config, mode: 'hybrid' }).steps[3]).toEqual({ kind: 'rerank', rank: 2, moved: 0 });
  });

  it('MMR after reranking counts from the rerank rank; MMR alone from the first stage', () => {
    const steps = whyHere({ vector: 4, keyword: 2, fused: 3, rerank: 1, mmr: 2 }, { ...config, mode: 'hybrid', minScore: null }).steps;
    expect(steps.slice(3)).toEqual([
      { kind: 'rerank', rank: 1, moved: 2 },
      { kind: 'mmr', rank: 2, moved: -1 },
    ]);
    expect(whyHere({ vector: 6, mmr: 2 }, { ...config, mode: 'vector' }).steps[1]).toEqual({ kind: 'mmr', rank: 2, moved: 4 });
  });

  it('a threshold is reported with its value', () => {
    expect(whyHere({ vector: 1 }, { ...config, mode: 'vector', minScore: 0.3 }).threshold).toBe(0.3);
  });

  it('splits first-stage steps from the later ones', () => {
    const why = whyHere({ vector: 3, keyword: 1, fused: 1, rerank: 1 }, { ...config, mode: 'hybrid' });
    const { first, later } = splitWhySteps(why);
    expect(first.map((s) => s.kind)).toEqual(['meaning', 'keywords']);
    expect(later.map((s) => s.kind)).toEqual(['fusion', 'rerank']);
  });
});
