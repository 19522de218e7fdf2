import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRIEVAL_CONFIG, type RetrievalConfig } from '../retrievalConfig';
import { applyRerank, applyThreshold, finishStages, firstStageSize, fuseStage, scoreStage, type Candidate } from './stages';

const vectorHits = [
  { id: 'a', score: 0.9 },
  { id: 'b', score: 0.8 },
  { id: 'c', score: 0.3 },
];
const keywordHits = [
  { id: 'c', score: 7 },
  { id: 'a', score: 2 },
];
const config = (patch: Partial<RetrievalConfig>): RetrievalConfig => ({ ...DEFAULT_RETRIEVAL_CONFIG, ...patch });

describe('fuseStage', () => {
  it('vector mode: cosine scores and vector ranks', () => {
    const out = fuseStage(vectorHits, [], config({ mode: 'vector' }));
    expect(out.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(out[2]).toEqual({ id: 'c', score: 0.3, scores: { cosine: 0.3 }, ranks: { vector: 3 } });
  });

  it('keyword mode: BM25 scores and keyword ranks', () => {
    const out = fuseStage([], keywordHits, config({ mode: 'keyword' }));
    expect(out[0]).toEqual({ id: 'c', score: 7, scores: { bm25: 7 }, ranks: { keyword: 1 } });
  });

  it('hybrid RRF: every stage score and rank is kept', () => {
    const out = fuseStage(vectorHits, keywordHits, config({ mode: 'hybrid', fusion: 'rrf' }));
    // a: 1/61 + 1/62; c: 1/63 + 1/61; b: 1/62.
    expect(out.map((c) => c.id)).toEqual(['a', 'c', 'b']);
    expect(out[1]).toEqual({
      id: 'c',
      score: 1 / 63 + 1 / 61,
      scores: { cosine: 0.3, bm25: 7, fused: 1 / 63 + 1 / 61 },
      ranks: { vector: 3, keyword: 1, fused: 2 },
    });
  });

  it('hybrid weighted: normalised and weighted', () => {
    // vector normalised: a 1, b 5/6, c 0; keyword: c 1, a 0. w = 0.5 → a 0.5, c 0.5 (tie: both best rank 1, so by id), b 5/12.
    const out = fuseStage(vectorHits, keywordHits, config({ mode: 'hybrid', fusion: 'weighted', vectorWeight: 0.5 }));
    expect(out.map((c) => c.id)).toEqual(['a', 'c', 'b']);
    expect(out[2]!.scores.fused).toBeCloseTo(5 / 12, 12);
  });
});

describe('later stages', () => {
  const candidates: Candidate[] = [
    { id: 'a', score: 0.9, scores: { cosine: 0.9 }, ranks: { vector: 1 } },
    { id: 'b', score: 0.85, scores: { cosine: 0.85 }, ranks: { vector: 2 } },
    { id: 'c', score: 0.6, scores: { cosine: 0.6 }, ranks: { vector: 3 } },
    { id: 'd', score: 0.1, scores: { cosine: 0.1 }, ranks: { vector: 4 } },
  ];
  // a and b point the same way; c is orthogonal to them; d is opposite to a.
  const vectors: Record<string, Float32Array> = {
    a: new Float32Array([1, 0]),
    b: new Float32Array([1, 0.01]),
    c: new Float32Array([0, 1]),
    d: new Float32Array([-1, 0]),
  };
  const vectorOf = (id: string) => vectors[id];

  it('threshold keeps scores at or above the minimum', () => {
    expect(applyThreshold(candidates, 0.6).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(applyThreshold(candidates, null)).toHaveLength(4);
    expect(applyThreshold(candidates, 2)).toEqual([]);
  });

  it('finishStages: threshold, then top k', () => {
    const out = finishStages(candidates, config({ minScore: 0.5, topK: 2, mmrLambda: null }), vectorOf);
    expect(out.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('finishStages with MMR picks the different chunk before the near duplicate and records its MMR rank', () => {
    const out = finishStages(candidates, config({ minScore: 0.5, topK: 2, mmrLambda: 0.5 }), vectorOf);
    expect(out.map((c) => c.id)).toEqual(['a', 'c']);
    expect(out[1]!.ranks).toEqual({ vector: 3, mmr: 2 });
    expect(out[1]!.score).toBe(0.6); // the score stays the relevance score
  });

  it('rerank bookkeeping orders by the new scores and records them', () => {
    const out = applyRerank(candidates.slice(0, 3), [0.2, 0.9, 0.2]);
    expect(out.map((c) => c.id)).toEqual(['b', 'a', 'c']);
    expect(out[0]).toMatchObject({ score: 0.9, scores: { cosine: 0.85, rerank: 0.9 }, ranks: { vector: 2, rerank: 1 } });
    expect(() => applyRerank(candidates, [1])).toThrow();
  });

  it('knows which score is final and how many candidates to fetch', () => {
    expect(scoreStage(config({ mode: 'vector' }))).toBe('cosine');
    expect(scoreStage(config({ mode: 'keyword' }))).toBe('bm25');
    expect(scoreStage(config({ mode: 'hybrid' }))).toBe('fused');
    expect(scoreStage(config({ mode: 'keyword', rerankModelId: 'x' }))).toBe('rerank');
    expect(firstStageSize(config({ candidates: 20, topK: 4 }))).toBe(20);
    expect(firstStageSize(config({ candidates: 3, topK: 8 }))).toBe(8);
  });
});
