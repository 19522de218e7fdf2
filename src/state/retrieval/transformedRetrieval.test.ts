// Retrieval with transformed queries: each query through the pipeline, their lists fused by RRF, each
// query's hits kept. The pipeline and the index are replaced by fakes: each query finds fixed chunks.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chunk } from '@openbook/core/types';
import { DEFAULT_RETRIEVAL_CONFIG } from '@openbook/core/retrievalConfig';

const chunk = (id: string): Chunk => ({ id, docId: id.split('#')[0]!, index: Number(id.split('#')[1]), start: 0, end: 1, text: id });
const FOUND: Record<string, string[]> = {
  'How hot is lava?': ['v#0', 'v#1', 't#0'],
  'lava temperature': ['v#1', 'v#2'],
  'magma heat': ['v#1', 'v#0'],
};
const searched: string[] = [];

vi.mock('./retrievalPipeline', () => ({
  runRetrieval: async (question: string) => {
    searched.push(question);
    const results = (FOUND[question] ?? []).map((id, i) => ({ chunk: chunk(id), score: 1 - i / 10, rank: i + 1 }));
    return {
      results,
      engine: null,
      engineReason: null,
      queryVector: null,
      embedMs: 1,
      searchMs: 2,
      keywordMs: 3,
      combineMs: 4,
      allowed: null,
      keywordTokens: null,
      parents: null,
    };
  },
}));
vi.mock('./indexRetrievalSource', () => ({
  indexRetrievalSource: () => ({ chunks: new Map(['v#0', 'v#1', 'v#2', 't#0'].map((id) => [id, chunk(id)])) }),
}));
vi.mock('./parentSource', () => ({ parentSourceOf: () => () => undefined }));
vi.mock('../generation/generationStore', () => ({ useGenerationStore: { getState: () => ({ loadedModelId: null, phase: 'idle' }) } }));
vi.mock('../generation/chatGenerator', () => ({ currentGenerator: () => null }));

const { runWithQueries } = await import('./transformedRetrieval');
const { useQueryTransformStore } = await import('./queryTransformStore');

const config = { ...DEFAULT_RETRIEVAL_CONFIG, mode: 'keyword' as const, topK: 3 };

describe('runWithQueries', () => {
  beforeEach(() => {
    searched.length = 0;
    useQueryTransformStore.setState({ mode: 'none', queries: [] });
  });

  it('searches the question alone when no query was generated', async () => {
    const out = await runWithQueries('How hot is lava?', config);
    expect(searched).toEqual(['How hot is lava?']);
    expect(out.queryRuns).toBeNull();
    expect(out.labelConfig).toBe(config);
  });

  it('multi-query: the question and its rewrites, fused by RRF; each query’s hits kept', async () => {
    useQueryTransformStore.setState({ mode: 'multi', queries: ['lava temperature', '  ', 'magma heat'] });
    const out = await runWithQueries('How hot is lava?', config);
    expect(searched).toEqual(['How hot is lava?', 'lava temperature', 'magma heat']);
    // v#1 is found by all three queries, v#0 by two, then the rest.
    expect(out.results.map((r) => r.chunk.id)).toEqual(['v#1', 'v#0', 'v#2']);
    expect(out.results[0]!.scores?.fused).toBeCloseTo(1 / 62 + 1 / 61 + 1 / 61);
    expect(out.queryRuns).toEqual([
      { query: 'How hot is lava?', hitIds: ['v#0', 'v#1', 't#0'] },
      { query: 'lava temperature', hitIds: ['v#1', 'v#2'] },
      { query: 'magma heat', hitIds: ['v#1', 'v#0'] },
    ]);
    expect(out.labelConfig).toMatchObject({ mode: 'hybrid', fusion: 'rrf' });
    expect(out.searchMs).toBe(6);
  });

  it('HyDE searches the passage instead of the question', async () => {
    useQueryTransformStore.setState({ mode: 'hyde', queries: ['magma heat'] });
    const out = await runWithQueries('How hot is lava?', config);
    expect(searched).toEqual(['magma heat']);
    expect(out.results.map((r) => r.chunk.id)).toEqual(['v#1', 'v#0']);
  });

  it('asks for a loaded chat model before generating', async () => {
    useQueryTransformStore.setState({ mode: 'multi', queries: [] });
    await useQueryTransformStore.getState().generate('How hot is lava?');
    expect(useQueryTransformStore.getState().error?.key).toBe('techniques.queries.errors.no-model');
  });
});
