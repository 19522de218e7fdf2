// A file streamed as it is read (flows/ingestPipeline.ts) has its chunks keyword-indexed as they come, before
// its document exists (keywordIndexSync.ts: addStreamedChunks). When the document lands, its chunks (same ids,
// same indexed text) are found there: nothing is indexed again, and BM25 ranks and scores exactly as when the
// document is indexed whole. A stream that is cancelled or fails takes its chunks out. The keyword worker is
// the real Bm25Index in this process.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Chunk, SourceDocument } from '@openbook/core/types';

const fake = vi.hoisted(() => ({ builds: 0, adds: 0, added: 0, removes: 0 }));

vi.mock('../runtime/workers', async () => {
  const { inProcessKeywordIndex } = await import('../../testing/inProcessKeywordIndex');
  return {
    getKeywordIndex: inProcessKeywordIndex(fake),
    getKeywordTokenizers: async () => [],
    releaseKeywordTokenizers: () => undefined,
    getChunker: async () => {
      throw new Error('no chunking in this test: the chunks are set directly');
    },
  };
});

const { Bm25Index } = await import('../../adapters/keywordIndex/bm25Index');
const { DEFAULT_KEYWORD_ANALYSIS } = await import('@openbook/core/retrieval/keywordSettings');
const { useDocumentsStore } = await import('../documents/documentsStore');
const { useChunkingStore, chunkingKey } = await import('../chunks/chunkingStore');
const { useIndexStore } = await import('../embedding/indexStore');
const { currentChunkMap } = await import('./searchableChunks');
const { addStreamedChunks, dropStreamedChunks, keywordDocsOf, streamedChunkCount, syncKeywordIndex } = await import('./keywordIndexSync');
const { getKeywordIndex } = await import('../runtime/workers');
const { useWorkspaceStore } = await import('../workspace/workspaceStore');

const doc = (id: string, text: string): SourceDocument => ({ id, name: `${id}.txt`, kind: 'text', text, sizeBytes: text.length, addedAt: 1 });
const chunk = (docId: string, index: number, text: string): Chunk => ({ id: `${docId}#${index}`, docId, index, start: 0, end: text.length, text });

const lava = doc('lava', 'Lava erupts from the volcano. Magma rises.');
const lavaChunks = [chunk('lava', 0, 'Lava erupts from the volcano.'), chunk('lava', 1, 'Magma rises.')];
/** A long file's pages: each page's chunks arrive as one streamed update. */
const pages = Array.from({ length: 6 }, (_, p) =>
  Array.from({ length: 4 }, (_, l) => `Page ${p + 1}, line ${l + 1}: ${['tea', 'volcano', 'retrieval', 'magma'][(p + l) % 4]} notes ${p * l}.`),
);
const longDoc = doc('long', pages.flat().join('\n'));
/** The chunks the chunking store makes of the finished document (new objects, the same ids and texts). */
const longChunks = () => pages.flat().map((text, i) => chunk('long', i, text));
/** The chunks as the parser streams them: the document's id already (given beforehand), no document yet. */
const streamedPages = () => pages.map((lines, p) => lines.map((text, l) => chunk('long', p * 4 + l, text)));

function setChunked(docs: SourceDocument[], byDoc: Record<string, Chunk[]>) {
  const { options, tokenizer } = useChunkingStore.getState();
  const key = chunkingKey(options, tokenizer);
  useDocumentsStore.setState({ documents: docs });
  useChunkingStore.setState({ chunksByDoc: new Map(Object.entries(byDoc)), chunkedWith: new Map(docs.map((d) => [d.id, key])), pending: 0 });
}

const QUERIES = ['tea notes', 'volcano magma', 'page 6 line 4', 'retrieval notes 15', 'lava erupts'];

/** What the app's keyword index answers to each query. */
async function answers() {
  const { api } = await getKeywordIndex();
  return Promise.all(QUERIES.map(async (q) => (await api.search(q, 50)).hits));
}

/** What an index built whole from the current chunks (the non-streamed path) answers. */
function reference() {
  const index = new Bm25Index();
  index.setAnalysis(DEFAULT_KEYWORD_ANALYSIS);
  index.build(keywordDocsOf(currentChunkMap().values(), true));
  return QUERIES.map((q) => index.search(q, 50).hits);
}

useWorkspaceStore.setState({ status: 'ready' });

beforeEach(async () => {
  useIndexStore.setState({ indexedChunks: new Map(), indexedModelId: null, indexedDevice: null, loaded: null });
  setChunked([lava], { lava: lavaChunks });
  await dropStreamedChunks();
  await syncKeywordIndex();
  Object.assign(fake, { builds: 0, adds: 0, added: 0, removes: 0 });
});

describe('keyword indexing of a streamed file', () => {
  it('indexes the chunks as they arrive; the document then finds them there, and BM25 answers as for a whole-document index', async () => {
    let held = 0;
    for (const page of streamedPages()) {
      const count = await addStreamedChunks(page, longDoc.name);
      expect(count).toBe(held + page.length);
      held = count;
    }
    expect(streamedChunkCount()).toBe(24);
    expect(fake).toMatchObject({ builds: 0, adds: 6, added: 24 });
    // Searchable in the worker before the document exists.
    const { api } = await getKeywordIndex();
    expect((await api.search('notes 15', 1)).hits[0]!.id).toBe('long#23');

    // The document lands with its chunks: nothing is indexed again.
    setChunked([lava, longDoc], { lava: lavaChunks, long: longChunks() });
    await syncKeywordIndex();
    expect(fake).toMatchObject({ builds: 0, adds: 6, added: 24, removes: 0 });
    expect(streamedChunkCount()).toBe(0);
    expect(await answers()).toEqual(reference());
    expect((await api.search('notes 15', 1)).hits[0]!.id).toBe('long#23');
  });

  it('the streamed chunk ids are the final document chunk ids', () => {
    expect(
      streamedPages()
        .flat()
        .map((c) => c.id),
    ).toEqual(longChunks().map((c) => c.id));
  });

  it('a streamed chunk indexed otherwise than its document chunk (another text) is replaced, and the answers are the same', async () => {
    const page = streamedPages()[0]!;
    await addStreamedChunks([{ ...page[0]!, text: 'something else entirely' }, ...page.slice(1)], longDoc.name);
    setChunked([lava, longDoc], { lava: lavaChunks, long: longChunks() });
    await syncKeywordIndex();
    expect(streamedChunkCount()).toBe(0);
    expect(await answers()).toEqual(reference());
    const { api } = await getKeywordIndex();
    expect((await api.search('something else entirely', 5)).hits).toEqual([]);
  });

  it('a cancelled or failed stream takes its chunks out of the index', async () => {
    const before = await answers();
    for (const page of streamedPages().slice(0, 3)) await addStreamedChunks(page, longDoc.name);
    expect(streamedChunkCount()).toBe(12);
    await dropStreamedChunks();
    expect(streamedChunkCount()).toBe(0);
    const { api } = await getKeywordIndex();
    expect((await api.search('page 1 line 1 tea notes', 5)).hits.map((h) => h.id)).not.toContain('long#0');
    expect(await answers()).toEqual(before);
    expect(await answers()).toEqual(reference());
  });

  it('a rebuild while a file streams (another document changed) keeps the streamed chunks in the index', async () => {
    await addStreamedChunks(streamedPages()[0]!, longDoc.name);
    // The lava document is re-chunked (new chunk objects): the index is rebuilt.
    setChunked([lava], { lava: lavaChunks.map((c) => ({ ...c, text: `${c.text} Again.` })) });
    await syncKeywordIndex();
    expect(fake.builds).toBeGreaterThan(0);
    const { api } = await getKeywordIndex();
    expect((await api.search('page 1 line 1', 1)).hits[0]!.id).toBe('long#0');
    expect(streamedChunkCount()).toBe(4);
    for (const page of streamedPages().slice(1)) await addStreamedChunks(page, longDoc.name);
    setChunked([lava, longDoc], { lava: useChunkingStore.getState().chunksByDoc.get('lava')!, long: longChunks() });
    await syncKeywordIndex();
    expect(streamedChunkCount()).toBe(0);
    expect(await answers()).toEqual(reference());
  });

  it('chunks streamed under another title than their document has (its headers differ) are replaced, and the answers are the same', async () => {
    for (const page of streamedPages()) await addStreamedChunks(page, 'renamed.txt');
    setChunked([lava, longDoc], { lava: lavaChunks, long: longChunks() });
    await syncKeywordIndex();
    expect(streamedChunkCount()).toBe(0);
    expect(fake.removes).toBeGreaterThan(0);
    expect(await answers()).toEqual(reference());
  });

  it('a large file streamed in many pages is adopted whole when its document lands (compared a slice per task), nothing indexed again', async () => {
    const lines = Array.from({ length: 9_000 }, (_, i) => `Line ${i}: ${['tea', 'volcano', 'retrieval', 'magma'][i % 4]} notes ${i % 97}.`);
    const big = doc('big', lines.join('\n'));
    const bigChunks = () => lines.map((text, i) => chunk('big', i, text));
    const streamedBig = bigChunks();
    for (let at = 0; at < streamedBig.length; at += 1_000) await addStreamedChunks(streamedBig.slice(at, at + 1_000), big.name);
    expect(streamedChunkCount()).toBe(9_000);
    const adds = fake.adds;
    setChunked([lava, big], { lava: lavaChunks, big: bigChunks() });
    await syncKeywordIndex();
    expect(streamedChunkCount()).toBe(0);
    expect(fake).toMatchObject({ builds: 0, adds, removes: 0 });
    const { api } = await getKeywordIndex();
    expect((await api.search('line 8999', 1)).hits[0]!.id).toBe('big#8999');
  });
});
