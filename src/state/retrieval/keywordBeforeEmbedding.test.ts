// Keyword search needs no model: before anything is embedded, a question in keyword mode searches the chunks
// as they are (searchableChunks.ts), the keyword index follows the chunks as documents are chunked, and
// vector or hybrid search say that they need vectors. The keyword worker is replaced by the real Bm25Index
// in this process; nothing else is loaded.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chunk, SourceDocument } from '@openbook/core/types';

const fake = vi.hoisted(() => ({ builds: 0, adds: 0, embeds: 0 }));

vi.mock('../runtime/workers', async () => {
  const { inProcessKeywordIndex } = await import('../../testing/inProcessKeywordIndex');
  const client =
    <T>(api: T) =>
    async () => ({ api, terminate() {} });
  return {
    getKeywordIndex: inProcessKeywordIndex(fake),
    getKeywordTokenizers: async () => [],
    releaseKeywordTokenizers: () => undefined,
    getEmbedder: client({ embed: async () => (fake.embeds++, []) }),
    getChunker: async () => {
      throw new Error('no chunking in this test: the chunks are set directly');
    },
  };
});

const { useDocumentsStore } = await import('../documents/documentsStore');
const { useChunkingStore, chunkingKey } = await import('../chunks/chunkingStore');
const { useIndexStore } = await import('../embedding/indexStore');
const { useRetrievalStore } = await import('./retrievalStore');
const { currentChunkMap, searchableChunks } = await import('./searchableChunks');
const { startKeywordIndexSync, syncKeywordIndex } = await import('./keywordIndexSync');
const { useWorkspaceStore } = await import('../workspace/workspaceStore');

const doc = (id: string, text: string): SourceDocument => ({ id, name: `${id}.txt`, kind: 'text', text, sizeBytes: text.length, addedAt: 1 });
const chunk = (docId: string, index: number, text: string): Chunk => ({ id: `${docId}#${index}`, docId, index, start: 0, end: text.length, text });

const lava = doc('lava', 'Lava erupts from the volcano. Magma rises.');
const tea = doc('tea', 'Green tea is steeped at 80 degrees. Oolong tea.');
const lavaChunks = [chunk('lava', 0, 'Lava erupts from the volcano.'), chunk('lava', 1, 'Magma rises.')];
const teaChunks = [chunk('tea', 0, 'Green tea is steeped at 80 degrees.'), chunk('tea', 1, 'Oolong tea.')];

/** Documents and their chunks, as if chunking had just finished. */
function setChunked(docs: SourceDocument[], byDoc: Record<string, Chunk[]>) {
  const { options, tokenizer } = useChunkingStore.getState();
  const key = chunkingKey(options, tokenizer);
  useDocumentsStore.setState({ documents: docs });
  useChunkingStore.setState({ chunksByDoc: new Map(Object.entries(byDoc)), chunkedWith: new Map(docs.map((d) => [d.id, key])), pending: 0 });
}

// The saved workspace is back (as restoreWorkspace() says at start-up): the keyword index follows the chunks from now on.
useWorkspaceStore.setState({ status: 'ready' });
startKeywordIndexSync();

beforeEach(async () => {
  useIndexStore.setState({ indexedChunks: new Map(), indexedModelId: null, indexedDevice: null, loaded: null });
  setChunked([], {});
  useRetrievalStore.setState({ error: null, last: null, phase: 'idle' });
  await syncKeywordIndex();
  fake.builds = fake.adds = fake.embeds = 0;
});

const ask = async (question: string, mode: 'vector' | 'keyword' | 'hybrid') => {
  useRetrievalStore.getState().setSearch({ mode });
  useRetrievalStore.getState().setQuestion(question);
  return useRetrievalStore.getState().retrieve();
};

describe('keyword search before any embedding', () => {
  it('searches the chunks as they are, with BM25 scores, embedding nothing', async () => {
    setChunked([lava, tea], { lava: lavaChunks, tea: teaChunks });
    const run = await ask('oolong tea', 'keyword');
    expect(run?.results[0]!.chunk.id).toBe('tea#1');
    expect(run?.results[0]!.scores).toEqual({ bm25: run!.results[0]!.score });
    expect(fake.embeds).toBe(0);
    expect(useRetrievalStore.getState().error).toBeNull();
  });

  it('vector and hybrid search say that they need vectors; with no chunks, that there is nothing to search', async () => {
    setChunked([lava], { lava: lavaChunks });
    for (const mode of ['vector', 'hybrid'] as const) {
      expect(await ask('lava', mode)).toBeNull();
      expect(useRetrievalStore.getState().error).toEqual({ key: 'ask.errors.needs-vectors', values: { mode } });
    }
    setChunked([], {});
    expect(await ask('lava', 'keyword')).toBeNull();
    expect(useRetrievalStore.getState().error).toEqual({ key: 'ask.errors.no-chunks' });
  });

  it('the keyword index follows the chunks: a new document is added, not rebuilt; a removed one goes', async () => {
    setChunked([lava], { lava: lavaChunks });
    await syncKeywordIndex();
    const before = { builds: fake.builds, adds: fake.adds };
    setChunked([lava, tea], { lava: lavaChunks, tea: teaChunks });
    await syncKeywordIndex();
    expect(fake).toMatchObject({ builds: before.builds, adds: before.adds + 1 });
    expect((await ask('oolong', 'keyword'))?.results.map((r) => r.chunk.id)).toEqual(['tea#1']);
    setChunked([tea], { tea: teaChunks });
    expect((await ask('lava volcano', 'keyword'))?.results).toEqual([]);
  });

  it('once there is a vector index, questions search its chunks; the same chunks are not indexed again', async () => {
    setChunked([lava, tea], { lava: lavaChunks, tea: teaChunks });
    await syncKeywordIndex();
    const builds = fake.builds + fake.adds;
    expect(searchableChunks()).toBe(currentChunkMap());
    // The first embedding indexes exactly these chunks (a new Map of the same chunks).
    useIndexStore.setState({ indexedChunks: new Map([...lavaChunks, ...teaChunks].map((c) => [c.id, c])) });
    expect(searchableChunks()).toBe(useIndexStore.getState().indexedChunks);
    await syncKeywordIndex();
    expect(fake.builds + fake.adds).toBe(builds);
    // A document chunked later is not searched until it is embedded too (vectors and keywords agree).
    setChunked([lava, tea, doc('x', 'Oolong oolong')], { lava: lavaChunks, tea: teaChunks, x: [chunk('x', 0, 'Oolong oolong')] });
    expect((await ask('oolong', 'keyword'))?.results.map((r) => r.chunk.id)).toEqual(['tea#1']);
  });
});

describe('while a saved vector index is restored (a reload)', () => {
  it('the keyword index waits for it, then follows the chunks it holds, once', async () => {
    useIndexStore.setState({ phase: 'indexing', indexing: { done: 0, total: 4, restoring: true } });
    setChunked([lava, tea], { lava: lavaChunks, tea: teaChunks });
    let synced = false;
    const sync = syncKeywordIndex().then(() => (synced = true));
    // Let everything queued so far run: nothing is indexed while the vector index is being restored.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(fake.builds + fake.adds).toBe(0);
    expect(synced).toBe(false);
    useIndexStore.setState({ phase: 'ready', indexing: null, indexedChunks: new Map([...lavaChunks, ...teaChunks].map((c) => [c.id, c])) });
    await sync;
    expect(fake.builds + fake.adds).toBe(1);
    expect((await ask('oolong', 'keyword'))?.results.map((r) => r.chunk.id)).toEqual(['tea#1']);
  });
});
