// runRetrieval end to end in Node: the workers replaced by in-process ones (an exact vector index, the
// real keyword index (Bm25Index, as in the app), a deterministic bag-of-words embedder).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chunk } from '@openbook/core/types';
import { DEFAULT_RETRIEVAL_CONFIG, type RetrievalConfig } from '@openbook/core/retrievalConfig';

const fake = vi.hoisted(() => ({ queriesEmbedded: 0, keywordSearches: 0 }));

vi.mock('../runtime/workers', async () => {
  const { ExactIndex } = await import('../../adapters/vectorIndex/exactIndex');
  const { Bm25Index } = await import('../../adapters/keywordIndex/bm25Index');
  const { bagOfWordsVector } = await import('../../testing/bagOfWords');
  const embedOne = (text: string) => bagOfWordsVector(text, 64);
  const vectors = new ExactIndex();
  const keywords = new Bm25Index();
  const client =
    <T>(api: T) =>
    async () => ({ api, terminate() {} });
  return {
    vectors,
    embedOne,
    getEmbedder: client({
      async embed(texts: string[], kind: 'query' | 'passage') {
        if (kind === 'query') fake.queriesEmbedded += texts.length;
        return texts.map(embedOne);
      },
    }),
    getVectorIndex: client({
      search: (q: Float32Array, k: number, options?: { allowedIds?: string[] }) => vectors.search(q, k, options),
      getVectors: (ids: string[]) => ids.map((id) => vectors.vectorOf(id)?.slice() ?? null),
    }),
    getKeywordIndex: client({
      setAnalysis: (analysis: import('@openbook/core/retrieval/keywordAnalysis').KeywordAnalysis) => keywords.setAnalysis(analysis),
      build: (docs: Array<{ id: string; text: string }>) => keywords.build(docs),
      remove: (ids: string[]) => keywords.remove(ids),
      clear: () => keywords.clear(),
      forgetSaved: async () => undefined,
      search: (query: string, k: number, options?: { allowedIds?: string[] }) => {
        fake.keywordSearches++;
        return keywords.search(query, k, options);
      },
    }),
  };
});

const workers = (await import('../runtime/workers')) as unknown as {
  vectors: import('../../adapters/vectorIndex/exactIndex').ExactIndex;
  embedOne: (text: string) => Float32Array;
};
const { useIndexStore } = await import('../embedding/indexStore');
const { runRetrieval } = await import('./retrievalPipeline');

const texts: Record<string, string[]> = {
  lava: ['Lava erupts from the volcano at 1200 degrees.', 'Magma rises through cracks in the crust.', 'Volcanic ash falls on nearby towns.'],
  tea: ['Green tea is steeped at 80 degrees.', 'Black tea leaves are fully oxidised.', 'Oolong tea sits between green and black tea.'],
  echo: ['Lava erupts from the volcano at 1200 degrees.', 'Lava erupts from the volcano at 1200 degrees.', 'Lava erupts from the volcano at 1200 degrees.'],
};
const chunks: Chunk[] = Object.entries(texts).flatMap(([docId, list]) =>
  list.map((text, index) => ({ id: `${docId}#${index}`, docId, index, start: index * 100, end: index * 100 + text.length, text })),
);

function setIndex(list: Chunk[]) {
  useIndexStore.setState({
    // the model that built the index is loaded (see questionEmbedder)
    indexedModelId: 'test/model',
    indexedDevice: 'wasm',
    loaded: { modelId: 'test/model', device: 'wasm', from: 'site', dimension: 4 },
    indexedChunks: new Map(list.map((c) => [c.id, c])),
  });
}

const config = (patch: Partial<RetrievalConfig>): RetrievalConfig => ({ ...DEFAULT_RETRIEVAL_CONFIG, ...patch });

beforeEach(async () => {
  fake.queriesEmbedded = 0;
  fake.keywordSearches = 0;
  await workers.vectors.build(chunks.map((c) => ({ id: c.id, vector: workers.embedOne(c.text) })));
  setIndex(chunks);
});

describe('runRetrieval', () => {
  it('vector mode: cosine scores and vector ranks; no keyword search', async () => {
    const { results, engine } = await runRetrieval('How hot is lava from a volcano?', config({ mode: 'vector', topK: 3 }));
    expect(engine).toBe('exact');
    expect(results).toHaveLength(3);
    for (const r of results) {
      expect(r.scores?.cosine).toBe(r.score);
      expect(r.ranks).toEqual({ vector: r.rank });
      expect(r.scores?.bm25).toBeUndefined();
    }
    expect(fake.keywordSearches).toBe(0);
  });

  it('keyword mode: BM25 scores, and the question is not embedded', async () => {
    const { results, engine } = await runRetrieval('oolong tea', config({ mode: 'keyword', topK: 2 }));
    expect(engine).toBeNull();
    expect(fake.queriesEmbedded).toBe(0);
    expect(results[0]!.chunk.id).toBe('tea#2');
    expect(results[0]!.scores).toEqual({ bm25: results[0]!.score });
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
  });

  it('hybrid mode: every stage score and rank is filled, fused scores descend', async () => {
    const { results } = await runRetrieval('green tea temperature', config({ mode: 'hybrid', fusion: 'rrf', topK: 4 }));
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r.ranks?.fused).toBe(r.rank);
      expect(r.scores?.fused).toBe(r.score);
      expect(r.ranks?.vector ?? r.ranks?.keyword).toBeDefined();
    }
    for (let i = 1; i < results.length; i++) expect(results[i - 1]!.score).toBeGreaterThanOrEqual(results[i]!.score);
  });

  it('a document filter is applied in the searches: k results, all from that document', async () => {
    for (const mode of ['vector', 'keyword', 'hybrid'] as const) {
      const { results, allowed } = await runRetrieval('lava volcano tea', config({ mode, topK: 3, filter: { docIds: ['tea'] } }));
      expect(allowed).toBe(3);
      expect(results.map((r) => r.chunk.docId)).toEqual(['tea', 'tea', 'tea'].slice(0, results.length));
      if (mode !== 'keyword') expect(results).toHaveLength(3); // every tea chunk has some cosine; keyword needs the word "tea"
    }
  });

  it('MMR skips near duplicates that plain ranking returns', async () => {
    const plain = await runRetrieval('lava erupts from the volcano', config({ mode: 'vector', topK: 3 }));
    expect(new Set(plain.results.map((r) => r.chunk.text)).size).toBe(1);
    const diverse = await runRetrieval('lava erupts from the volcano', config({ mode: 'vector', topK: 3, mmrLambda: 0.3 }));
    expect(new Set(diverse.results.map((r) => r.chunk.text)).size).toBe(3);
    expect(diverse.results.map((r) => r.ranks?.mmr)).toEqual([1, 2, 3]);
  });

  it('the threshold drops results below the minimum score', async () => {
    const { results } = await runRetrieval('oolong tea', config({ mode: 'keyword', topK: 5, minScore: 3 }));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.score).toBeGreaterThanOrEqual(3);
  });

  it('the keyword index follows the indexed chunks: a removed document is no longer found', async () => {
    expect((await runRetrieval('oolong', config({ mode: 'keyword' }))).results).toHaveLength(1);
    setIndex(chunks.filter((c) => c.docId !== 'tea'));
    expect((await runRetrieval('oolong', config({ mode: 'keyword' }))).results).toHaveLength(0);
  });
});
