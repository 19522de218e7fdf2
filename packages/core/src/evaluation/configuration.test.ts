import { describe, expect, it } from 'vitest';
import { configurationProblem, defaultConfiguration, needsOwnIndex, retrievalConfigOf } from './configuration';

const index = { modelId: 'm1', chunking: { kind: 'recursive' as const, chunkSize: 500, overlap: 50 } };

describe('evaluation configurations', () => {
  it('run on the current index unless the model or the chunk settings differ', () => {
    const c = defaultConfiguration('c');
    expect(needsOwnIndex(c, index)).toBe(false);
    expect(needsOwnIndex({ ...c, embeddingModelId: 'm1', chunking: { kind: 'recursive' as const, chunkSize: 500, overlap: 50 } }, index)).toBe(false);
    expect(needsOwnIndex({ ...c, embeddingModelId: 'm2' }, index)).toBe(true);
    expect(needsOwnIndex({ ...c, chunking: { kind: 'recursive' as const, chunkSize: 300, overlap: 50 } }, index)).toBe(true);
    expect(needsOwnIndex({ ...c, chunking: { kind: 'recursive' as const, chunkSize: 500, overlap: 50 } }, { modelId: null, chunking: null })).toBe(true);
  });

  it('refuse a bad k or bad chunk settings, and allow every mode and reranking, on an index of their own too', () => {
    const c = defaultConfiguration('c');
    expect(configurationProblem(c)).toBeNull();
    expect(configurationProblem({ ...c, topK: 0 })).toBe('bad-k');
    expect(configurationProblem({ ...c, topK: 2.5 })).toBe('bad-k');
    expect(configurationProblem({ ...c, chunking: { kind: 'recursive' as const, chunkSize: 100, overlap: 60 } })).toBe('bad-chunking');
    expect(configurationProblem({ ...c, mode: 'hybrid' })).toBeNull();
    expect(configurationProblem({ ...c, mode: 'keyword', embeddingModelId: 'm2' })).toBeNull();
    expect(
      configurationProblem({ ...c, mode: 'hybrid', rerankModelId: 'r', chunking: { kind: 'recursive' as const, chunkSize: 200, overlap: 20 } }),
    ).toBeNull();
  });

  it('become a retrieval config that fetches at least k candidates', () => {
    const r = retrievalConfigOf({ ...defaultConfiguration('c'), topK: 30, mode: 'hybrid', rerankModelId: 'r' });
    expect(r).toMatchObject({ mode: 'hybrid', topK: 30, candidates: 30, rerankModelId: 'r' });
  });
});
