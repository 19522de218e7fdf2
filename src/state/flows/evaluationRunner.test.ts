import { describe, expect, it } from 'vitest';
import { defaultConfiguration } from '@openbook/core/evaluation/configuration';
import type { ScoredChunk } from '@openbook/core/types';
import { missingStage } from './evaluationRunner';

const chunk = { id: 'd#0', docId: 'd', index: 0, start: 0, end: 1, text: 't' };
const scored = (scores: ScoredChunk['scores']): ScoredChunk[] => [{ chunk, score: 0.5, rank: 1, scores }];
const c = defaultConfiguration('c');

describe('missingStage', () => {
  it('names the stage a configuration asked for when no result carries its score', () => {
    expect(missingStage({ ...c, mode: 'keyword' }, scored({ cosine: 0.5 }))).toBe('keyword');
    expect(missingStage({ ...c, mode: 'hybrid' }, scored({ cosine: 0.5 }))).toBe('hybrid');
    expect(missingStage({ ...c, rerankModelId: 'r' }, scored({ cosine: 0.5 }))).toBe('rerank');
  });

  it('accepts results that carry the stage scores, and an empty list', () => {
    expect(missingStage(c, scored({ cosine: 0.5 }))).toBeNull();
    expect(missingStage({ ...c, mode: 'keyword' }, scored({ bm25: 3.2 }))).toBeNull();
    expect(missingStage({ ...c, mode: 'hybrid', rerankModelId: 'r' }, scored({ cosine: 0.5, bm25: 1, fused: 0.03, rerank: 0.9 }))).toBeNull();
    expect(missingStage({ ...c, mode: 'keyword' }, [])).toBeNull();
  });
});
