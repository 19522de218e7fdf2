// The ingestion pipeline through the real stores, with the workers replaced by in-process fakes (the real
// text parser and chunker, an exact vector index, the real BM25 index, an embedder whose vectors depend on
// the batch they come in). On several files it builds the index the sequential path builds (read, then
// chunk, then "Embed and index"): the same chunks, ids, order and vectors. Cancelled mid-way, it leaves
// the previous index as it was, says it was cancelled, and a later run completes.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComputeDevice, EmbeddingModelInfo } from '../../adapters/embedder/embedder';

const fake = vi.hoisted(() => ({
  calls: [] as string[][],
  /** While set, each embed call from the second on waits for it. */
  gate: null as Promise<void> | null,
  /** Called when an embed call starts. */
  onEmbed: null as (() => void) | null,
  cancelled: false,
}));

vi.mock('../runtime/workers', async () => {
  const { chunkDocument } = await import('@openbook/core/chunkers');
  const { packChunks } = await import('@openbook/core/chunkPacking');
  const { ExactIndex } = await import('../../adapters/vectorIndex/exactIndex');
  const { storedVectorReads } = await import('../../adapters/vectorIndex/storedVectors');
  const { Bm25Index } = await import('../../adapters/keywordIndex/bm25Index');
  const { parseEach } = await import('../../adapters/parsers/parseResult');
  const { parseDocument } = await import('../../adapters/parsers/parseDocument');
  const { EmbeddingCancelledError } = await import('../../adapters/embedder/embedder');
  const client =
    <T>(api: T) =>
    async () => ({ api, terminate() {} });
  const keywords = new Bm25Index();
  type K = typeof keywords;
  const index = new ExactIndex();
  const embedder = {
    async load(model: EmbeddingModelInfo, device: ComputeDevice) {
      return { modelId: model.id, device, from: 'remote' as const, dimension: 4 };
    },
    async embed(texts: string[]) {
      fake.calls.push(texts);
      fake.onEmbed?.();
      if (fake.calls.length >= 2) await fake.gate;
      if (fake.cancelled) {
        fake.cancelled = false;
        throw new EmbeddingCancelledError();
      }
      // As padding would: a text's vector also depends on its batch (its position, the longest text).
      const longest = Math.max(...texts.map((t) => t.length));
      return texts.map((t, i) => {
        const v = Float32Array.from([1 + t.length, t.charCodeAt(0), 1 + i, longest]);
        const norm = Math.hypot(...v);
        return v.map((x) => x / norm);
      });
    },
    cancel() {
      fake.cancelled = true;
    },
  };
  return {
    getParser: client({ parseBatch: (files: Parameters<typeof parseEach>[0]) => parseEach(files, (name, bytes) => parseDocument(name, bytes)) }),
    resetParser: async () => undefined,
    // Chunking answers a moment later, as a worker does (a task, not a microtask, away).
    getChunker: client({
      chunk: async (...args: Parameters<typeof chunkDocument>) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return packChunks(chunkDocument(...args));
      },
    }),
    getEmbedder: client(embedder),
    resetEmbedder: async () => undefined,
    getQueryEmbedder: client(embedder),
    resetQueryEmbedder: async () => undefined,
    // The worker's reads of stored vectors (vectorIndex.worker.ts), over the same exact index.
    getVectorIndex: client(Object.assign(index, storedVectorReads(index))),
    getKeywordIndex: client({
      setAnalysis: (analysis: Parameters<K['setAnalysis']>[0]) => keywords.setAnalysis(analysis),
      build: (docs: Parameters<K['build']>[0]) => keywords.build(docs),
      add: (docs: Parameters<K['add']>[0]) => keywords.add(docs),
      addCounted: (ids: string[], counts: Parameters<K['addCounted']>[1]) => keywords.addCounted(ids, counts),
      reindex: () => keywords.reindex(),
      remove: (ids: string[]) => keywords.remove(ids),
      clear: () => keywords.clear(),
      search: (query: string, k: number, options?: Parameters<K['search']>[2]) => keywords.search(query, k, options),
    }),
    getKeywordTokenizers: async () => [],
    releaseKeywordTokenizers: () => undefined,
  };
});

vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));

const MODEL = 'Xenova/all-MiniLM-L6-v2';
const WORDS = 'lava magma volcano ash crater tea leaf oolong steep kettle river delta flood 火山 熔岩 茶叶 河流'.split(' ');

function text(seed: number, paragraphs: number): string {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from(
    { length: paragraphs },
    () => Array.from({ length: 5 + Math.floor(next() * 20) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ') + '.',
  ).join('\n\n');
}

const makeFiles = () => [
  new File([text(1, 60)], 'one.txt', { type: 'text/plain' }),
  new File([`# Notes\n\n${text(2, 5)}`], 'two.md', { type: 'text/markdown' }),
  new File([text(3, 150)], 'three.txt', { type: 'text/plain' }),
  new File([text(1, 30)], 'four.txt', { type: 'text/plain' }), // shares paragraphs with one.txt
];

/** The app's modules afresh (a page load), with its reactions started as src/app/start.ts starts them. */
async function openPage() {
  vi.resetModules();
  const documents = await import('../documents/documentsStore');
  const ingest = await import('../documents/ingestStore');
  const chunking = await import('../chunks/chunkingStore');
  const index = await import('../embedding/indexStore');
  const pipeline = await import('./ingestPipeline');
  const pipelineStore = await import('../documents/pipelineStore');
  const keywords = await import('../retrieval/keywordIndexSync');
  const { setWorkspaceStorage, useWorkspaceStore } = await import('../workspace/workspaceStore');
  setWorkspaceStorage(null);
  // No saved workspace to restore (start.ts's restore ends so): the keyword index does not wait for one.
  useWorkspaceStore.setState({ status: 'ready' });
  index.useIndexStore.setState({ modelId: MODEL, devicePreference: 'wasm' });
  const options = { kind: 'recursive' as const, chunkSize: 90, overlap: 15 };
  chunking.useChunkingStore.setState({ options, draft: options });
  chunking.startChunkingReactions();
  keywords.startKeywordIndexSync();
  return { documents, ingest: ingest.useIngestStore, chunking, index, pipeline, progress: pipelineStore.usePipelineStore, keywords };
}
type Page = Awaited<ReturnType<typeof openPage>>;

/** What the index holds: every chunk (id, document name, offsets, text) with its vector, in order. */
async function indexed(page: Page) {
  const snapshot = await page.index.currentIndexSnapshot();
  const names = new Map(page.documents.useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));
  return snapshot?.chunks.map((c, i) => ({
    id: c.id.replace(c.docId, names.get(c.docId)!),
    index: c.index,
    start: c.start,
    end: c.end,
    text: c.text,
    vector: [...snapshot.vectors[i]!],
  }));
}

beforeEach(() => {
  fake.calls = [];
  fake.gate = null;
  fake.onEmbed = null;
  fake.cancelled = false;
});

describe('the ingestion pipeline', () => {
  it('builds the index the sequential path builds, on several files: same chunks, ids, order and vectors', async () => {
    let page = await openPage();
    await page.ingest.getState().addFiles(makeFiles());
    await page.chunking.allChunks();
    await page.index.useIndexStore.getState().embedAndIndex();
    expect(page.index.useIndexStore.getState().phase).toBe('ready');
    const sequential = (await indexed(page))!;
    const sequentialCalls = fake.calls;
    expect(sequential.length).toBeGreaterThan(100);
    expect(sequentialCalls.length).toBeGreaterThan(2);

    fake.calls = [];
    page = await openPage();
    await page.pipeline.ingestAndIndex(makeFiles());
    expect(page.progress.getState()).toMatchObject({ status: 'done', error: null });
    expect(Object.values(page.progress.getState().stages)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(page.index.useIndexStore.getState().phase).toBe('ready');
    expect(fake.calls).toEqual(sequentialCalls);
    expect(await indexed(page)).toEqual(sequential);
    expect(page.progress.getState().embedded).toEqual({ done: new Set(sequentialCalls.flat()).size, total: new Set(sequentialCalls.flat()).size, final: true });
    expect(page.index.useIndexStore.getState().lastRun?.embedded).toBe(new Set(sequentialCalls.flat()).size);
    // The keyword index holds every chunk: keyword search finds the files' words.
    await page.keywords.syncKeywordIndex();
    expect(page.progress.getState().keywordChunks).toBe(sequential.length);
  });

  it('cancelled mid-way, leaves the previous index as it was and says so; a later run completes', async () => {
    const page = await openPage();
    // A previous index: the first file, embedded and indexed.
    const [first, ...rest] = makeFiles();
    await page.pipeline.ingestAndIndex([first!]);
    expect(page.index.useIndexStore.getState().phase).toBe('ready');
    const before = await indexed(page);
    const beforeIds = [...page.index.useIndexStore.getState().indexedChunks.keys()];

    // The second batch of the next run waits; it is cancelled while it is embedded.
    fake.calls = [];
    let release: () => void = () => undefined;
    fake.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = new Promise<void>((resolve) => {
      fake.onEmbed = () => {
        if (fake.calls.length === 2) resolve();
      };
    });
    const run = page.pipeline.ingestAndIndex(rest);
    await started;
    expect(page.progress.getState().status).toBe('running');
    expect(page.index.useIndexStore.getState().phase).toBe('embedding');
    page.pipeline.cancelIngestPipeline();
    release();
    await run;

    const state = page.index.useIndexStore.getState();
    expect(page.progress.getState().status).toBe('cancelled');
    expect(Object.values(page.progress.getState().stages)).not.toContain('working');
    expect(state.phase).toBe('ready');
    expect(state.notice?.key).toBe('embedding.cancelled');
    expect([...state.indexedChunks.keys()]).toEqual(beforeIds);
    expect(await indexed(page)).toEqual(before);
    expect((await page.index.currentIndexSnapshot())?.chunks.every((c) => beforeIds.includes(c.id))).toBe(true);
    expect(page.pipeline.isPipelineRunning()).toBe(false);
    // No file is left half-read: each is added, or cancelled before it was read.
    expect(page.ingest.getState().items.every((i) => ['added', 'cancelled'].includes(i.status))).toBe(true);

    // The files not read are given again: the run completes and the index holds every document.
    fake.gate = null;
    fake.onEmbed = null;
    const notRead = rest.filter((f) => !page.documents.useDocumentsStore.getState().documents.some((d) => d.name === f.name));
    await page.pipeline.ingestAndIndex(notRead);
    expect(page.progress.getState().status).toBe('done');
    const all = await page.chunking.allChunks();
    expect([...page.index.useIndexStore.getState().indexedChunks.keys()]).toEqual(all.map((c) => c.id));
  });
  it('takes pasted text through the same pipeline: the index of the sequential path; an empty paste starts nothing', async () => {
    const pasted = text(4, 120);
    let page = await openPage();
    expect(page.documents.useDocumentsStore.getState().addPasted('notes', pasted)).toBe(true);
    await page.chunking.allChunks();
    await page.index.useIndexStore.getState().embedAndIndex();
    const sequential = (await indexed(page))!;
    const sequentialCalls = fake.calls;
    expect(sequential.length).toBeGreaterThan(50);

    fake.calls = [];
    page = await openPage();
    const ended = new Promise<void>((resolve) => {
      const stop = page.progress.subscribe((s) => {
        if (s.status !== 'running' && s.status !== 'idle') {
          stop();
          resolve();
        }
      });
    });
    expect(page.pipeline.addAndIndex(1, () => page.documents.useDocumentsStore.getState().addPasted('notes', pasted))).toBe(true);
    expect(page.pipeline.isPipelineRunning()).toBe(true);
    await ended;
    expect(page.progress.getState()).toMatchObject({ status: 'done', error: null, files: { done: 1, total: 1 } });
    expect(fake.calls).toEqual(sequentialCalls);
    expect(await indexed(page)).toEqual(sequential);

    // Nothing to add (an empty paste, which says why itself): no run.
    fake.calls = [];
    expect(page.pipeline.addAndIndex(1, () => page.documents.useDocumentsStore.getState().addPasted('empty', '   '))).toBe(false);
    expect(page.pipeline.isPipelineRunning()).toBe(false);
    expect(fake.calls).toEqual([]);
  });
});
