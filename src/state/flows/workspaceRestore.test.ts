// The stores and the workspace storage together, with the workers replaced by in-process fakes (the
// real chunker, an exact index, a deterministic fake embedder) and IndexedDB by fake-indexeddb. A page
// reload is a fresh set of modules over the same database.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComputeDevice, EmbeddingModelInfo } from '../../adapters/embedder/embedder';

const fake = vi.hoisted(() => ({
  loads: [] as Array<{ modelId: string; device: string }>,
  passagesEmbedded: 0,
  /** The passages embedded, as the embedder got them. */
  passageTexts: [] as string[],
  queriesEmbedded: 0,
  /** While set, the fake workspace file worker's read waits for it. */
  readGate: null as Promise<void> | null,
  /** While set, the index worker's commit of a staged build (a restore) waits for it. */
  commitGate: null as Promise<void> | null,
  workspaceFileResets: 0,
  /** Times a finished export or import let the workspace file worker go (it is ended then). */
  workspaceFileReleases: 0,
}));

vi.mock('../runtime/workers', async () => {
  const { chunkDocument } = await import('@openbook/core/chunkers');
  const { packChunks } = await import('@openbook/core/chunkPacking');
  const { ExactIndex } = await import('../../adapters/vectorIndex/exactIndex');
  const { storedVectorReads } = await import('../../adapters/vectorIndex/storedVectors');
  // A deterministic 8-dimensional "embedding": character statistics of the text.
  const embedOne = (text: string) => {
    const v = new Float32Array(8);
    for (let i = 0; i < text.length; i++) v[text.charCodeAt(i) % 8]! += 1 + (i % 3);
    return v;
  };
  const { readWorkspaceFile, writeWorkspaceFile } = await import('@openbook/core/workspaceFile');
  const index = new ExactIndex();
  const reads = storedVectorReads(index);
  const stageCommit: typeof reads.stageCommit = async (...args) => {
    await fake.commitGate;
    return reads.stageCommit(...args);
  };
  const embedder = {
    async load(model: EmbeddingModelInfo, device: ComputeDevice) {
      fake.loads.push({ modelId: model.id, device });
      return { modelId: model.id, device, from: 'remote' as const, dimension: 8 };
    },
    async embed(texts: string[], kind: 'query' | 'passage') {
      if (kind === 'query') fake.queriesEmbedded += texts.length;
      else {
        fake.passagesEmbedded += texts.length;
        fake.passageTexts.push(...texts);
      }
      return texts.map(embedOne);
    },
    cancel() {},
  };
  const client =
    <T>(api: T) =>
    async () => ({ api, terminate() {} });
  return {
    getChunker: client({ chunk: (...args: Parameters<typeof chunkDocument>) => packChunks(chunkDocument(...args)) }),
    getEmbedder: client(embedder),
    resetEmbedder: async () => undefined,
    // A fresh index per page load, as a new worker would be.
    // With the worker's reads of stored vectors (vectorIndex.worker.ts).
    getVectorIndex: client(Object.assign(index, reads, { stageCommit })),
    getWorkspaceFile: client({
      write: (packed: Parameters<typeof writeWorkspaceFile>[0], createdAt: string) => {
        const bytes = writeWorkspaceFile(packed, new Date(createdAt));
        return { bytes, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }) };
      },
      async read(...[bytes, models, onProgress]: Parameters<typeof readWorkspaceFile>) {
        await fake.readGate;
        // The fake embedder makes 8 dimensions, whatever the model's listed dimension.
        const eight = [...models].map((m) => (typeof m !== 'string' && m.id === 'Xenova/all-MiniLM-L6-v2' ? { ...m, dimension: 8 } : m));
        return readWorkspaceFile(bytes, eight, onProgress);
      },
    }),
    resetWorkspaceFile: async () => {
      fake.workspaceFileResets++;
    },
    releaseWorkspaceFile: async () => {
      fake.workspaceFileReleases++;
    },
  };
});

vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));

const MODEL = 'Xenova/all-MiniLM-L6-v2';
const volcano = { name: 'volcano.txt', kind: 'text' as const, text: 'Lava flows from the crater. Magma rises and the volcano erupts with ash.' };
const tea = { name: 'tea.txt', kind: 'text' as const, text: 'Green tea leaves steep in hot water. Oolong and black tea are oxidised.' };

/** Load the app's modules afresh, as a page (re)load does. */
async function openPage() {
  vi.resetModules();
  const documents = await import('../documents/documentsStore');
  const chunking = await import('../chunks/chunkingStore');
  const index = await import('../embedding/indexStore');
  const retrieval = await import('../retrieval/retrievalStore');
  const workspace = await import('./workspaceRestore');
  const saves = await import('../workspace/workspaceStore');
  index.useIndexStore.setState({ modelId: MODEL, devicePreference: 'wasm' });
  chunking.useChunkingStore.setState({ options: { kind: 'recursive', chunkSize: 40, overlap: 0 }, draft: { kind: 'recursive', chunkSize: 40, overlap: 0 } });
  return { documents: documents.useDocumentsStore, chunking, index: index.useIndexStore, retrieval: retrieval.useRetrievalStore, workspace, saves };
}

type Page = Awaited<ReturnType<typeof openPage>>;

async function ask(page: Page, question: string) {
  page.retrieval.getState().setQuestion(question);
  const run = await page.retrieval.getState().retrieve();
  return run?.results.map((r) => [r.chunk.id, r.score] as const);
}

beforeEach(() => {
  fake.readGate = null;
  fake.commitGate = null;
  fake.workspaceFileResets = 0;
  fake.workspaceFileReleases = 0;
  fake.loads = [];
  fake.passagesEmbedded = 0;
  fake.passageTexts = [];
  fake.queriesEmbedded = 0;
});

afterEach(async () => {
  const { WorkspaceDb } = await import('../../adapters/storage/workspaceDb');
  const db = new WorkspaceDb();
  await db.clear();
  db.close();
});

describe('the workspace across a reload', () => {
  it('restores documents and the index without embedding, and loads the model on the first question', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano, tea]);
    await page.index.getState().embedAndIndex();
    expect(page.index.getState().phase).toBe('ready');
    const before = await ask(page, 'lava and ash');
    await page.saves.writesSettled();
    const embeddedBefore = fake.passagesEmbedded;
    const indexedBefore = [...page.index.getState().indexedChunks.values()];
    expect(fake.loads).toEqual([{ modelId: MODEL, device: 'wasm' }]);

    page = await openPage();
    expect(page.documents.getState().documents).toEqual([]);
    await page.workspace.restoreWorkspace();
    expect(page.documents.getState().documents.map((d) => d.name)).toEqual(['volcano.txt', 'tea.txt']);
    const index = page.index.getState();
    expect(index.phase).toBe('ready');
    expect([...index.indexedChunks.values()]).toEqual(indexedBefore);
    expect(index).toMatchObject({ indexedModelId: MODEL, indexedDevice: 'wasm', loaded: null });
    expect(index.restored?.chunks).toBe(indexedBefore.length);
    expect(fake.passagesEmbedded).toBe(embeddedBefore); // nothing embedded again
    expect(page.saves.useWorkspaceStore.getState().status).toBe('ready');

    // The retrieval check accepts the restored index: the model that made it is loaded, then asked.
    expect(await ask(page, 'lava and ash')).toEqual(before);
    expect(fake.loads).toEqual([
      { modelId: MODEL, device: 'wasm' },
      { modelId: MODEL, device: 'wasm' },
    ]);
    expect(page.index.getState().loaded).toMatchObject({ modelId: MODEL, device: 'wasm' });
    await ask(page, 'tea');
    expect(fake.loads).toHaveLength(2); // once is enough

    // Embedding again after the reload reuses the restored vectors.
    await page.index.getState().embedAndIndex();
    expect(fake.passagesEmbedded).toBe(embeddedBefore);
  });

  it('a removed document leaves the saved index with it', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano, tea]);
    await page.index.getState().embedAndIndex();
    const teaDoc = page.documents.getState().documents[1]!;
    page.documents.getState().remove(teaDoc.id);
    await page.index.getState().removeDocument(teaDoc.id);
    await page.saves.writesSettled();

    page = await openPage();
    await page.workspace.restoreWorkspace();
    expect(page.documents.getState().documents.map((d) => d.name)).toEqual(['volcano.txt']);
    const chunks = [...page.index.getState().indexedChunks.values()];
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.docId !== teaDoc.id)).toBe(true);
  });

  it('a document removed while the index is being restored leaves the restored index, and its chunks, too', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano, tea]);
    await page.index.getState().embedAndIndex();
    await page.saves.writesSettled();

    page = await openPage();
    let commit!: () => void;
    fake.commitGate = new Promise<void>((resolve) => (commit = resolve));
    const restoring = page.workspace.restoreWorkspace();
    await vi.waitFor(() => expect(page.index.getState().phase).toBe('indexing'));
    const teaDoc = page.documents.getState().documents.find((d) => d.name === 'tea.txt')!;
    page.documents.getState().remove(teaDoc.id);
    commit();
    await restoring;
    const chunks = [...page.index.getState().indexedChunks.values()];
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.docId !== teaDoc.id)).toBe(true);
    expect(page.index.getState().indexStatus?.size).toBe(chunks.length);
    expect(page.index.getState().phase).toBe('ready');
  });

  it('clearing empties the stores and the storage', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano]);
    await page.index.getState().embedAndIndex();
    await ask(page, 'lava');
    expect(await page.workspace.clearWorkspace()).toBe(true);
    expect(page.documents.getState().documents).toEqual([]);
    expect(page.index.getState()).toMatchObject({ phase: 'idle', indexedModelId: null, indexStatus: null });
    expect(page.index.getState().indexedChunks.size).toBe(0);
    expect(page.retrieval.getState().last).toBeNull();

    page = await openPage();
    await page.workspace.restoreWorkspace();
    expect(page.documents.getState().documents).toEqual([]);
    expect(page.index.getState().indexedChunks.size).toBe(0);
  });
});

describe('contextual chunk headers in the index (issue 14)', () => {
  it('embeds each chunk with its title when asked, never shows it, keeps it across a reload, and re-embeds when switched off', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano, tea]);
    await page.index.getState().embedAndIndex();
    const plain = await ask(page, 'volcano');
    expect(page.index.getState().indexedHeaders).toBe(false);
    expect(fake.passageTexts.some((t) => t.startsWith('volcano.txt'))).toBe(false);

    // Switched on: every chunk is embedded again, as "title", a blank line, then its text.
    page.index.getState().setEmbedHeaders(true);
    fake.passageTexts = [];
    await page.index.getState().embedAndIndex();
    const chunks = [...page.index.getState().indexedChunks.values()];
    expect(fake.passageTexts).toHaveLength(chunks.length);
    const names = new Map(page.documents.getState().documents.map((d) => [d.id, d.name]));
    expect(new Set(fake.passageTexts)).toEqual(new Set(chunks.map((c) => `${names.get(c.docId)}\n\n${c.text}`)));
    expect(page.index.getState().indexedHeaders).toBe(true);
    // The results are the chunks' own text (the header is embedded, never shown), with other scores.
    const withHeaders = await ask(page, 'volcano');
    expect(withHeaders).not.toEqual(plain);
    const run = page.retrieval.getState().last;
    expect(run?.results.every((r) => !r.chunk.text.includes('volcano.txt') && !r.chunk.text.includes('tea.txt'))).toBe(true);
    await page.saves.writesSettled();

    // After a reload the index says it holds header vectors, answers as before, and embedding again
    // with headers on embeds nothing.
    const embedded = fake.passagesEmbedded;
    page = await openPage();
    page.index.setState({ embedHeaders: true });
    await page.workspace.restoreWorkspace();
    expect(page.index.getState().indexedHeaders).toBe(true);
    expect(await ask(page, 'volcano')).toEqual(withHeaders);
    await page.index.getState().embedAndIndex();
    expect(fake.passagesEmbedded).toBe(embedded);

    // Switched off: the chunks' own texts are embedded again (or found in the cache of this page).
    page.index.getState().setEmbedHeaders(false);
    fake.passageTexts = [];
    await page.index.getState().embedAndIndex();
    expect(page.index.getState().indexedHeaders).toBe(false);
    expect(fake.passageTexts.every((t) => !t.startsWith('volcano.txt') && !t.startsWith('tea.txt'))).toBe(true);
    expect(await ask(page, 'volcano')).toEqual(plain);
  });
});

describe('chat-model chunk contexts in the index (issue 14)', () => {
  it('embeds each chunk with its kept context, says so, and keeps that across a reload', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano, tea]);
    const chunks = await page.chunking.allChunks();
    const { chunkContextKey } = await import('@openbook/core/retrieval/chunkContext');
    const contexts = Object.fromEntries(
      chunks.map((c) => [chunkContextKey('chat', c.docId === chunks[0]!.docId ? 'volcano.txt' : 'tea.txt', c.text), `About ${c.id}.`]),
    );
    const contextStore = (await import('../chunks/chunkContextStore')).useChunkContextStore;
    contextStore.setState({ use: true, modelId: 'chat', contexts, version: 1 });
    await page.index.getState().embedAndIndex();
    expect(new Set(fake.passageTexts)).toEqual(new Set(chunks.map((c) => `About ${c.id}.\n\n${c.text}`)));
    expect(page.index.getState().indexedContexts?.set).toBe('chat#1');
    // The text shown is the chunk's own.
    await ask(page, 'lava');
    expect(page.retrieval.getState().last?.results.every((r) => !r.chunk.text.startsWith('About '))).toBe(true);
    await page.saves.writesSettled();

    page = await openPage();
    await page.workspace.restoreWorkspace();
    expect(page.index.getState().indexedContexts?.set).toBe('chat#1');

    // Clearing the workspace forgets them too: they are sentences about its documents.
    expect(await page.workspace.clearWorkspace()).toBe(true);
    const cleared = (await import('../chunks/chunkContextStore')).useChunkContextStore.getState();
    expect(cleared.contexts).toEqual({});
  });
});

describe('a full storage', () => {
  it('is explained where documents are added, and where the index is built; what was saved stays', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano]);
    await page.index.getState().embedAndIndex();
    await page.saves.writesSettled();
    const savedChunks = page.index.getState().indexedChunks.size;

    // From now on every write runs out of space.
    const { WorkspaceDb } = await import('../../adapters/storage/workspaceDb');
    const full = new WorkspaceDb();
    const quota = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    full.saveDocument = quota;
    full.saveDocuments = quota;
    full.saveIndex = quota;
    page.saves.setWorkspaceStorage(full);

    page.documents.getState().addDocuments([tea]);
    await page.saves.writesSettled();
    await vi.waitFor(() => expect(page.documents.getState().notices).toHaveLength(1));
    expect(page.documents.getState().notices[0]).toMatchObject({ subject: 'tea.txt', level: 'error', message: { key: 'workspace.errors.document-quota' } });

    await page.index.getState().embedAndIndex();
    await page.saves.writesSettled();
    await vi.waitFor(() => expect(page.saves.useWorkspaceStore.getState().indexSaveError).toEqual({ key: 'workspace.errors.index-quota' }));
    expect(page.index.getState().indexedChunks.size).toBeGreaterThan(savedChunks); // this session has it all
    full.close();

    page = await openPage();
    await page.workspace.restoreWorkspace();
    expect(page.documents.getState().documents.map((d) => d.name)).toEqual(['volcano.txt']);
    expect(page.index.getState().indexedChunks.size).toBe(savedChunks);
  });
});

describe('a run whose index could not be saved', () => {
  it('is told as finished but not saved (not as interrupted) after a reload, and its vectors are used without embedding them again', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano]);
    await page.index.getState().embedAndIndex();
    page.documents.getState().addDocuments([tea]);
    await page.saves.writesSettled();
    const savedChunks = page.index.getState().indexedChunks.size;

    // Documents are still saved, but the index no longer fits.
    const { WorkspaceDb } = await import('../../adapters/storage/workspaceDb');
    const full = new WorkspaceDb();
    full.saveIndex = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    page.saves.setWorkspaceStorage(full);
    await page.index.getState().embedAndIndex();
    await vi.waitFor(() => expect(page.saves.useWorkspaceStore.getState().indexSaveError).toEqual({ key: 'workspace.errors.index-quota' }));
    const { PROGRESS_DB_NAME } = await import('../../adapters/storage/embeddingProgressDb');
    await vi.waitFor(() => expect(localStorage.getItem(`${PROGRESS_DB_NAME}.unsaved`)).not.toBeNull());
    const allChunks = page.index.getState().indexedChunks.size;
    expect(allChunks).toBeGreaterThan(savedChunks);
    const embedded = fake.passagesEmbedded;
    full.close();

    page = await openPage();
    await page.workspace.restoreWorkspace();
    expect(page.documents.getState().documents.map((d) => d.name)).toEqual(['volcano.txt', 'tea.txt']);
    expect(page.index.getState().indexedChunks.size).toBe(savedChunks);
    const { useResumeStore, clearProgress } = await import('../embedding/resumeStore');
    expect(useResumeStore.getState().interrupted).toMatchObject({
      modelId: MODEL,
      device: 'wasm',
      unsaved: 'quota',
      done: allChunks,
      total: allChunks,
      documents: [],
    });

    // Building the index again (the storage has room now) embeds nothing, and then nothing is left to resume.
    await page.index.getState().embedAndIndex();
    expect(page.index.getState().indexedChunks.size).toBe(allChunks);
    expect(fake.passagesEmbedded).toBe(embedded);
    await page.saves.writesSettled();
    await vi.waitFor(() => expect(localStorage.getItem(`${PROGRESS_DB_NAME}.unsaved`)).toBeNull());
    expect(useResumeStore.getState().interrupted).toBeNull();
    await clearProgress();
  });
});

describe('restoring records changed outside the app', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'leaves out a saved document with the id %s and one whose addedAt is "yesterday", names them, and answers as before',
    async (id) => {
      let page = await openPage();
      page.documents.getState().addDocuments([volcano, tea]);
      await page.index.getState().embedAndIndex();
      await page.saves.writesSettled();
      const before = await ask(page, 'lava and ash');
      const { FIRST_GENERATION, WorkspaceDb } = await import('../../adapters/storage/workspaceDb');
      const db = new WorkspaceDb();
      const gen = FIRST_GENERATION; // a workspace saved in this test, never replaced by an import
      await db.dexie.documents.add({ id, name: `${id}.txt`, kind: 'text', text: 'Prototype.', sizeBytes: 10, addedAt: 1, gen });
      await db.dexie.documents.add({
        id: 'doc-y',
        name: 'yesterday.txt',
        kind: 'text',
        text: 'Yesterday.',
        sizeBytes: 10,
        addedAt: 'yesterday' as unknown as number,
        gen,
      });
      db.close();

      page = await openPage();
      await page.workspace.restoreWorkspace();
      expect(page.documents.getState().documents.map((d) => d.name)).toEqual(['volcano.txt', 'tea.txt']);
      expect(await ask(page, 'lava and ash')).toEqual(before);
      const { useNoticesStore } = await import('../runtime/noticesStore');
      expect(useNoticesStore.getState().notices.map((n) => n.message)).toEqual([
        { key: 'notices.droppedDocument', values: { name: `${id}.txt`, field: 'id' } },
        { key: 'notices.droppedDocument', values: { name: 'yesterday.txt', field: 'addedAt' } },
      ]);
    },
  );
});

describe('a workspace file', () => {
  it('exported, then imported after clearing, gives back the same index and answers without embedding', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano, tea]);
    await page.index.getState().embedAndIndex();
    const before = await ask(page, 'lava and ash');
    const indexedBefore = [...page.index.getState().indexedChunks.values()];
    const transfer = await import('../workspace/transferStore');
    const exported = await transfer.exportCurrentWorkspace('w.zip');
    if (!exported?.ok) throw new Error('not exported');
    const file = exported.bytes;
    expect(file).toBeInstanceOf(Uint8Array);
    expect(fake.workspaceFileReleases).toBe(1); // the file worker is ended after the export
    await page.workspace.clearWorkspace();
    // Other settings meanwhile: the file's model and chunk settings come back with it.
    page.index.getState().setModel('Xenova/bge-small-en-v1.5');
    page.chunking.useChunkingStore.getState().setDraft({ kind: 'recursive', chunkSize: 300, overlap: 10 });
    const embedded = fake.passagesEmbedded;

    expect(await transfer.importWorkspaceFile(file, 'w.zip')).toEqual({ ok: true, documents: 2, chunks: indexedBefore.length, modelId: MODEL });
    expect(page.documents.getState().documents.map((d) => d.name)).toEqual(['volcano.txt', 'tea.txt']);
    expect([...page.index.getState().indexedChunks.values()]).toEqual(indexedBefore);
    expect(page.index.getState().modelId).toBe(MODEL);
    expect(page.chunking.useChunkingStore.getState().options).toEqual({ kind: 'recursive', chunkSize: 40, overlap: 0 });
    expect(await ask(page, 'lava and ash')).toEqual(before);
    expect(fake.passagesEmbedded).toBe(embedded); // nothing embedded again
    expect(fake.workspaceFileReleases).toBe(2); // and after the import
    await page.saves.writesSettled();

    // Saved like any workspace.
    page = await openPage();
    await page.workspace.restoreWorkspace();
    expect([...page.index.getState().indexedChunks.values()]).toEqual(indexedBefore);
  });

  it('that is bad changes nothing, in the stores or stored', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano]);
    await page.index.getState().embedAndIndex();
    await page.saves.writesSettled();
    const documents = page.documents.getState().documents;
    const chunks = page.index.getState().indexedChunks;
    const transfer = await import('../workspace/transferStore');
    expect(await transfer.importWorkspaceFile(new Uint8Array([1, 2, 3, 4]), 'bad.zip')).toEqual({
      ok: false,
      error: { key: 'workspace.transfer.errors.not-a-zip', values: {} },
    });
    expect(page.documents.getState().documents).toBe(documents);
    expect(page.index.getState().indexedChunks).toBe(chunks);

    page = await openPage();
    await page.workspace.restoreWorkspace();
    expect(page.documents.getState().documents).toEqual(documents);
    expect(page.index.getState().indexedChunks.size).toBe(chunks.size);
  });

  it('cancelled while it is being read changes nothing, in the stores or stored', async () => {
    let page = await openPage();
    page.documents.getState().addDocuments([volcano, tea]);
    await page.index.getState().embedAndIndex();
    const transfer = await import('../workspace/transferStore');
    const exported = await transfer.exportCurrentWorkspace('w.zip');
    if (!exported?.ok) throw new Error('not exported');
    // The workspace now differs from the file: one document, not indexed.
    await page.workspace.clearWorkspace();
    page.documents.getState().addDocuments([volcano]);
    await page.saves.writesSettled();
    const documents = page.documents.getState().documents;
    const chunks = page.index.getState().indexedChunks;

    let open!: () => void;
    fake.readGate = new Promise<void>((resolve) => (open = resolve));
    const importing = transfer.importWorkspaceFile(exported.bytes, 'w.zip');
    await vi.waitFor(() => expect(transfer.useTransferStore.getState().job).toMatchObject({ kind: 'import', name: 'w.zip', cancellable: true }));
    transfer.cancelTransfer();
    expect(await importing).toEqual({ ok: false, cancelled: true, error: { key: 'transferJob.cancelled' } });
    expect(fake.workspaceFileResets).toBe(1); // the worker was stopped
    expect(transfer.useTransferStore.getState().job).toBeNull();
    open();
    await page.saves.writesSettled();
    expect(page.documents.getState().documents).toBe(documents);
    expect(page.index.getState().indexedChunks).toBe(chunks);

    page = await openPage();
    await page.workspace.restoreWorkspace();
    expect(page.documents.getState().documents).toEqual(documents);
    expect(page.index.getState().indexedChunks.size).toBe(chunks.size);
  });
});

describe('importing a file with values that would break the app', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('refuses the document id %s and changes nothing', async (id) => {
    const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate');
    const page = await openPage();
    page.documents.getState().addDocuments([volcano, tea]);
    await page.index.getState().embedAndIndex();
    const before = await ask(page, 'lava and ash');
    const transfer = await import('../workspace/transferStore');
    const exported = await transfer.exportCurrentWorkspace('w.zip');
    if (!exported?.ok) throw new Error('not exported');
    const files = unzipSync(exported.bytes);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { documents: { id: string }[] };
    manifest.documents[1]!.id = id;
    files['manifest.json'] = strToU8(JSON.stringify(manifest));

    expect(await transfer.importWorkspaceFile(zipSync(files), 'bad.zip')).toEqual({
      ok: false,
      error: { key: 'workspace.transfer.errors.bad-document-id', values: { id } },
    });
    expect(page.documents.getState().documents.map((d) => d.name)).toEqual(['volcano.txt', 'tea.txt']);
    expect(await ask(page, 'lava and ash')).toEqual(before);
  });
});
