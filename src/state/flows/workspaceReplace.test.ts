// Importing a workspace file over a saved workspace, with the workers replaced by in-process fakes and
// IndexedDB by fake-indexeddb (a page reload is a fresh set of modules over the same database): stopped
// at each step, or failing at each write with QuotaExceededError, the page and a reload show the whole
// old workspace (answering as before) or the whole new one, what the message says is what a reload
// shows, and what an interrupted import wrote is gone after the next start.
import 'fake-indexeddb/auto';
import type { DBCoreMutateRequest } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComputeDevice, EmbeddingModelInfo } from '../../adapters/embedder/embedder';
import type { ImportPausePoint } from '../workspace/importPause';

vi.mock('../runtime/workers', async () => {
  const { chunkDocument } = await import('@openbook/core/chunkers');
  const { packChunks } = await import('@openbook/core/chunkPacking');
  const { ExactIndex } = await import('../../adapters/vectorIndex/exactIndex');
  const { storedVectorReads } = await import('../../adapters/vectorIndex/storedVectors');
  const { readWorkspaceFile, writeWorkspaceFile } = await import('@openbook/core/workspaceFile');
  // A deterministic 8-dimensional "embedding": character statistics of the text.
  const embedOne = (text: string) => {
    const v = new Float32Array(8);
    for (let i = 0; i < text.length; i++) v[text.charCodeAt(i) % 8]! += 1 + (i % 3);
    return v;
  };
  const index = new ExactIndex();
  const embedder = {
    load: async (model: EmbeddingModelInfo, device: ComputeDevice) => ({ modelId: model.id, device, from: 'remote' as const, dimension: 8 }),
    embed: async (texts: string[]) => texts.map(embedOne),
    cancel() {},
  };
  const client =
    <T>(api: T) =>
    async () => ({ api, terminate() {} });
  return {
    getChunker: client({ chunk: (...args: Parameters<typeof chunkDocument>) => packChunks(chunkDocument(...args)) }),
    getEmbedder: client(embedder),
    resetEmbedder: async () => undefined,
    // With the worker's reads of stored vectors (vectorIndex.worker.ts).
    getVectorIndex: client(Object.assign(index, storedVectorReads(index))),
    getWorkspaceFile: client({
      write: (packed: Parameters<typeof writeWorkspaceFile>[0], createdAt: string) => {
        const bytes = writeWorkspaceFile(packed, new Date(createdAt));
        return { bytes, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }) };
      },
      read: (...args: Parameters<typeof readWorkspaceFile>) => readWorkspaceFile(...args),
    }),
    resetWorkspaceFile: async () => undefined,
    releaseWorkspaceFile: async () => undefined,
  };
});

vi.stubGlobal('fetch', async () => new Response('', { status: 404 }));

const MODEL = 'Xenova/all-MiniLM-L6-v2';
const QUESTION = 'lava and ash';
const oldDocuments = [
  { name: 'volcano.txt', kind: 'text' as const, text: 'Lava flows from the crater. Magma rises and the volcano erupts with ash.' },
  { name: 'tea.txt', kind: 'text' as const, text: 'Green tea leaves steep in hot water. Oolong and black tea are oxidised.' },
];
/** Twenty documents: written in three batches. */
const newDocuments = Array.from({ length: 20 }, (_, n) => ({
  name: `river-${n}.txt`,
  kind: 'text' as const,
  text: `River ${n} meanders across the plain. Its delta ${n} holds silt and reeds.`,
}));

type Hook = (point: ImportPausePoint) => Promise<void> | void;
const setPauseHook = (hook: Hook | undefined) => {
  (globalThis as { __openbookImportPause?: Hook }).__openbookImportPause = hook;
};

/** Load the app's modules afresh, as a page (re)load does, and restore the saved workspace. */
async function openPage() {
  vi.resetModules();
  const documents = await import('../documents/documentsStore');
  const chunking = await import('../chunks/chunkingStore');
  const index = await import('../embedding/indexStore');
  const retrieval = await import('../retrieval/retrievalStore');
  const workspace = await import('./workspaceRestore');
  const saves = await import('../workspace/workspaceStore');
  const transfer = await import('../workspace/transferStore');
  // The fake embedder's vectors have 8 dimensions: the model list says so too (imports check it).
  const models = index.useIndexStore.getState().models.map((m) => (m.id === MODEL ? { ...m, dimension: 8 } : m));
  index.useIndexStore.setState({ models, modelId: MODEL, devicePreference: 'wasm' });
  chunking.useChunkingStore.setState({ options: { kind: 'recursive', chunkSize: 40, overlap: 0 }, draft: { kind: 'recursive', chunkSize: 40, overlap: 0 } });
  await workspace.restoreWorkspace();
  return { documents: documents.useDocumentsStore, index: index.useIndexStore, retrieval: retrieval.useRetrievalStore, workspace, saves, transfer };
}
type Page = Awaited<ReturnType<typeof openPage>>;

async function ask(page: Page) {
  page.retrieval.getState().setQuestion(QUESTION);
  const run = await page.retrieval.getState().retrieve();
  return run?.results.map((r) => [r.chunk.id, r.score] as const);
}

const names = (page: Page) => page.documents.getState().documents.map((d) => d.name);

async function emptyDatabase() {
  const { WorkspaceDb } = await import('../../adapters/storage/workspaceDb');
  const db = new WorkspaceDb();
  await db.clear();
  await db.dropLeftovers();
  db.close();
}

/** Rows of the stored database that belong to no live workspace. */
async function leftoverRows(): Promise<number> {
  const { WorkspaceDb } = await import('../../adapters/storage/workspaceDb');
  const db = new WorkspaceDb();
  const gen = (await db.dexie.current.get('current'))?.gen ?? 'g0';
  const rows =
    (await db.dexie.documents.toArray()).filter((r) => r.gen !== gen).length + (await db.dexie.vectorRows.toArray()).filter((r) => r.gen !== gen).length;
  db.close();
  return rows;
}

let workspaceFile: Uint8Array;

/** A workspace file of the twenty new documents, then the old workspace saved: what each test imports over. */
async function setUp(): Promise<{ page: Page; answer: Awaited<ReturnType<typeof ask>> }> {
  await emptyDatabase();
  let page = await openPage();
  if (!workspaceFile) {
    page.documents.getState().addDocuments(newDocuments);
    await page.index.getState().embedAndIndex();
    const exported = await page.transfer.exportCurrentWorkspace('rivers.zip');
    if (!exported?.ok) throw new Error('not exported');
    workspaceFile = exported.bytes;
    await page.workspace.clearWorkspace();
    page = await openPage();
  }
  page.documents.getState().addDocuments(oldDocuments);
  await page.index.getState().embedAndIndex();
  await page.saves.writesSettled();
  return { page, answer: await ask(page) };
}

async function expectOld(page: Page, answer: Awaited<ReturnType<typeof ask>>) {
  expect(names(page)).toEqual(oldDocuments.map((d) => d.name));
  expect(await ask(page)).toEqual(answer);
}

function expectNew(page: Page) {
  expect(names(page)).toEqual(newDocuments.map((d) => d.name));
  expect(new Set([...page.index.getState().indexedChunks.values()].map((c) => c.docId)).size).toBe(20);
}

beforeEach(() => setPauseHook(undefined));
afterEach(async () => {
  setPauseHook(undefined);
  await emptyDatabase();
});

describe('an import over a saved workspace', () => {
  it('stopped at each step (a reload), leaves the whole old workspace before the switch and the whole new one after; leftovers go on the next start', async () => {
    const points: ImportPausePoint[] = [];
    setPauseHook((point) => void points.push(point));
    const { page } = await setUp();
    // What was said about saving the old workspace does not outlive it.
    page.saves.useWorkspaceStore.setState({ indexSaveError: { key: 'workspace.errors.index-quota' } });
    expect(await page.transfer.importWorkspaceFile(workspaceFile.slice(), 'rivers.zip')).toMatchObject({ ok: true, documents: 20 });
    expect(page.saves.useWorkspaceStore.getState().indexSaveError).toBeNull();
    expectNew(page);
    expect(points).toEqual(['saving', 'documents', 'documents', 'documents', 'index', 'switched']);

    for (let stop = 0; stop < points.length; stop++) {
      const { page, answer } = await setUp();
      let calls = 0;
      let paused!: () => void;
      const reached = new Promise<void>((resolve) => (paused = resolve));
      setPauseHook(() => {
        if (calls++ < stop) return;
        paused();
        return new Promise<never>(() => {}); // the tab is closed here
      });
      void page.transfer.importWorkspaceFile(workspaceFile.slice(), 'rivers.zip');
      await reached;
      // Until the page is reloaded it shows the old workspace, whole.
      await expectOld(page, answer);
      setPauseHook(undefined);

      const reloaded = await openPage();
      if (points[stop] === 'switched') expectNew(reloaded);
      else await expectOld(reloaded, answer);
      await reloaded.saves.writesSettled();
      expect(await leftoverRows(), `stopped at ${stop}: ${points[stop]}`).toBe(0);
    }
  });

  it('failing at each write with QuotaExceededError, leaves the whole old workspace, shown and stored, and says so', async () => {
    const { WorkspaceDb } = await import('../../adapters/storage/workspaceDb');
    /** The workspace storage with its add and put requests counted; the one numbered `failAt` fails as a full disk does. */
    const storageFailingAt = (failAt: number) => {
      const db = new WorkspaceDb();
      const counter = { writes: 0 };
      db.dexie.use({
        stack: 'dbcore',
        name: 'quota',
        create: (down) => ({
          ...down,
          table: (name) => {
            const table = down.table(name);
            return {
              ...table,
              mutate: (req: DBCoreMutateRequest) =>
                (req.type === 'add' || req.type === 'put') && counter.writes++ === failAt
                  ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
                  : table.mutate(req),
            };
          },
        }),
      });
      return { db, counter };
    };

    const counting = await setUp();
    const { db, counter } = storageFailingAt(Infinity);
    counting.page.saves.setWorkspaceStorage(db);
    expect(await counting.page.transfer.importWorkspaceFile(workspaceFile.slice(), 'rivers.zip')).toMatchObject({ ok: true });
    const writes = counter.writes;
    expect(writes).toBe(6); // three batches of documents, the vectors, the index, the switch
    db.close();

    for (let failAt = 0; failAt < writes; failAt++) {
      const { page, answer } = await setUp();
      const documents = page.documents.getState().documents;
      const { db: full } = storageFailingAt(failAt);
      page.saves.setWorkspaceStorage(full);
      expect(await page.transfer.importWorkspaceFile(workspaceFile.slice(), 'rivers.zip'), `write ${failAt}`).toEqual({
        ok: false,
        error: { key: 'replaceWorkspace.errors.quota' },
      });
      // The page kept the old workspace: the same documents, answering as before.
      expect(page.documents.getState().documents).toBe(documents);
      await expectOld(page, answer);
      expect(await leftoverRows()).toBe(0); // discarded at once
      full.close();

      // And so does a reload, as the message says.
      await expectOld(await openPage(), answer);
    }
  });

  it('shows what a reload shows, also with a document added while it was being written (gone with the old workspace) or after the switch (kept)', async () => {
    const extra = { name: 'extra.txt', kind: 'text' as const, text: 'Added while the import ran.' };
    for (const point of ['index', 'switched'] as const) {
      const { page } = await setUp();
      setPauseHook((p) => {
        if (p === point) page.documents.getState().addDocuments([extra]);
      });
      expect(await page.transfer.importWorkspaceFile(workspaceFile.slice(), 'rivers.zip')).toMatchObject({ ok: true, documents: 20 });
      await page.saves.writesSettled();
      const shown = names(page);
      expect(shown).toEqual([...newDocuments.map((d) => d.name), ...(point === 'switched' ? ['extra.txt'] : [])]);
      setPauseHook(undefined);
      expect(names(await openPage()), point).toEqual(shown);
    }
  });

  it('refuses to switch when an embedding run started while it was being written; nothing changes', async () => {
    const { page, answer } = await setUp();
    setPauseHook((point) => {
      if (point === 'index') page.index.setState({ phase: 'embedding' });
    });
    expect(await page.transfer.importWorkspaceFile(workspaceFile.slice(), 'rivers.zip')).toEqual({ ok: false, error: { key: 'workspace.transfer.busy' } });
    page.index.setState({ phase: 'ready' });
    await expectOld(page, answer);
    expect(await leftoverRows()).toBe(0);
    await expectOld(await openPage(), answer);
  });
});
