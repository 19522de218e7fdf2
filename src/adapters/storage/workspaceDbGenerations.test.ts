// WorkspaceDb's workspace generations on fake-indexeddb: a replacement is written beside the live
// workspace and made live in one transaction; stopped after any step (as a reload or a closed tab does), or
// failing at any write with QuotaExceededError, it leaves the old workspace whole, and its leftovers are
// dropped on the next start. A version-1 database (before generations) is upgraded with its rows live.
import 'fake-indexeddb/auto';
import { Dexie, type DBCoreMutateRequest } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkText } from '@openbook/core/chunking';
import type { RecursiveChunkerSettings } from '@openbook/core/chunkers/settings';
import type { SourceDocument } from '@openbook/core/types';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { FIRST_GENERATION, vectorBatches, WorkspaceDb } from './workspaceDb';
import { isQuotaError, type IndexSnapshot, type StoredWorkspace } from './workspaceStorage';

const DIM = 8;
const chunking: RecursiveChunkerSettings = { kind: 'recursive', chunkSize: 30, overlap: 0 };

let dbCount = 0;
const open: WorkspaceDb[] = [];
function openDb(name: string): WorkspaceDb {
  const db = new WorkspaceDb(name);
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function makeDoc(id: string, text: string): SourceDocument {
  return { id, name: `${id}.txt`, kind: 'text', text, sizeBytes: text.length, addedAt: 1_700_000_000_000 };
}

const oldDocs = [makeDoc('doc-a', 'Lava flows from the crater. Magma rises slowly.'), makeDoc('doc-b', 'Green tea steeps in hot water. Oolong is oxidised.')];
// The new workspace holds doc-a again (a file exported from this workspace), changed, and two others.
const newDocs = [
  makeDoc('doc-a', 'Glaciers carve valleys. Ice moves slowly downhill.'),
  makeDoc('doc-c', 'Rivers meander across plains.'),
  makeDoc('doc-d', 'Deserts are dry.'),
];

function snapshotOf(docs: SourceDocument[], seed: number, modelId: string): IndexSnapshot {
  const rand = mulberry32(seed);
  const chunks = docs.flatMap((d) => chunkText(d.id, d.text, chunking));
  return { modelId, device: 'wasm', dimension: DIM, chunking, chunks, vectors: chunks.map(() => randomUnitVector(rand, DIM)) };
}

const oldIndex = snapshotOf(oldDocs, 1, 'old/model');
const newIndex = snapshotOf(newDocs, 2, 'new/model');

async function saveOld(db: WorkspaceDb) {
  for (const doc of oldDocs) await db.saveDocument(doc);
  await db.saveIndex(oldIndex);
}

/** What a reload reads: a fresh connection to the same database. */
async function reload(name: string): Promise<StoredWorkspace> {
  const db = openDb(name);
  const loaded = await db.load();
  db.close();
  return loaded;
}

const bytesOf = (v: Float32Array) => [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];

function expectWorkspace(stored: StoredWorkspace, docs: SourceDocument[], index: IndexSnapshot) {
  expect(stored.documents).toEqual(docs);
  expect(stored.index?.modelId).toBe(index.modelId);
  expect(stored.index?.chunks).toEqual(index.chunks);
  expect(stored.index?.vectors.map(bytesOf)).toEqual(index.vectors.map(bytesOf));
}

/** How many rows each table holds, all generations together. */
async function rowCounts(db: WorkspaceDb) {
  const d = db.dexie;
  return { documents: await d.documents.count(), vectorRows: await d.vectorRows.count(), index: await d.index.count() };
}
const OLD_ROWS = { documents: 2, vectorRows: 2, index: 1 };

/** A replacement's steps, in order: documents in two writes, the index, the switch. */
const STEPS = 4;
async function replace(db: WorkspaceDb, steps = STEPS) {
  const staged = db.stage();
  const all = [
    () => staged.addDocuments(newDocs.slice(0, 2)),
    () => staged.addDocuments(newDocs.slice(2)),
    () => staged.saveIndex(newIndex),
    () => staged.switchTo(),
  ];
  try {
    for (const step of all.slice(0, steps)) await step();
  } catch (err) {
    await staged.discard();
    throw err;
  }
}

/** Count the database's add and put requests, and make the one numbered `failAt` (from 0) fail as a full disk does. */
function writeCounter(db: WorkspaceDb, failAt = Infinity) {
  const counter = { writes: 0 };
  db.dexie.use({
    stack: 'dbcore',
    name: 'write-counter',
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            if (req.type === 'add' || req.type === 'put') {
              if (counter.writes++ === failAt) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return counter;
}

describe('replacing the workspace in WorkspaceDb', () => {
  it('writes the new workspace beside the old one, which a reload reads until the switch; then only the new one is there', async () => {
    const name = `gen-${++dbCount}`;
    const db = openDb(name);
    await saveOld(db);
    const staged = db.stage();
    await staged.addDocuments(newDocs.slice(0, 2));
    expectWorkspace(await reload(name), oldDocs, oldIndex);
    await staged.addDocuments(newDocs.slice(2));
    await staged.saveIndex(newIndex);
    expectWorkspace(await reload(name), oldDocs, oldIndex);
    expect(await rowCounts(db)).toEqual({ documents: 5, vectorRows: 5, index: 2 });

    await staged.switchTo();
    expectWorkspace(await reload(name), newDocs, newIndex);
    expect(await rowCounts(db)).toEqual({ documents: 3, vectorRows: 3, index: 1 });
    expect(await db.dropLeftovers()).toBe(0);

    // Everyday saves go to the live (new) workspace.
    await db.deleteDocument('doc-a');
    const extra = makeDoc('doc-e', 'Forests grow.');
    await db.saveDocument(extra);
    const { documents, index } = await reload(name);
    expect(documents).toEqual([...newDocs.slice(1), extra]);
    expect(new Set(index!.chunks.map((c) => c.docId))).toEqual(new Set(['doc-c', 'doc-d']));
    await db.clear();
    expect(await reload(name)).toEqual({ documents: [], index: null });
    expect(await rowCounts(db)).toEqual({ documents: 0, vectorRows: 0, index: 0 });
  });

  it('stopped after any step, leaves the old workspace whole; the next start drops what it wrote', async () => {
    for (let steps = 0; steps < STEPS; steps++) {
      const name = `gen-${++dbCount}`;
      const db = openDb(name);
      await saveOld(db);
      await replace(db, steps);
      db.close(); // the tab is gone

      const next = openDb(name);
      expectWorkspace(await next.load(), oldDocs, oldIndex);
      const dropped = await next.dropLeftovers();
      expect(dropped > 0).toBe(steps > 0);
      expect(await rowCounts(next)).toEqual(OLD_ROWS);
      expectWorkspace(await reload(name), oldDocs, oldIndex);
    }
  });

  it('failing at any write with QuotaExceededError, leaves the old workspace whole and nothing of the new one', async () => {
    const countingName = `gen-${++dbCount}`;
    const setupCounting = openDb(countingName);
    await saveOld(setupCounting);
    setupCounting.close();
    const counting = openDb(countingName);
    const counter = writeCounter(counting); // (middleware is taken up when the database opens)
    await replace(counting);
    const writes = counter.writes;
    expect(writes).toBe(5); // two of documents, the vector rows, the index row, the switch

    for (let failAt = 0; failAt < writes; failAt++) {
      const name = `gen-${++dbCount}`;
      const setup = openDb(name);
      await saveOld(setup);
      setup.close();
      const db = openDb(name);
      writeCounter(db, failAt);
      const error = await replace(db).then(
        () => null,
        (err: unknown) => err,
      );
      expect(isQuotaError(error), `write ${failAt}`).toBe(true);
      expect(await rowCounts(db)).toEqual(OLD_ROWS); // discarded at once
      expectWorkspace(await reload(name), oldDocs, oldIndex);
    }
  });

  it('refuses to switch to a workspace whose rows were dropped meanwhile (by another tab starting)', async () => {
    const name = `gen-${++dbCount}`;
    const db = openDb(name);
    await saveOld(db);
    const staged = db.stage();
    await staged.addDocuments(newDocs);
    await staged.saveIndex(newIndex);
    expect(await openDb(name).dropLeftovers()).toBe(3 + 3 + 1);
    await expect(staged.switchTo()).rejects.toThrow(/not completely written/);
    expectWorkspace(await reload(name), oldDocs, oldIndex);
  });
});

describe('a version-1 database', () => {
  it('is upgraded: its documents and index are the live workspace', async () => {
    const name = `v1-${++dbCount}`;
    // Written as version 1 wrote it: no generations, vectors keyed by document, one 'index' row.
    const v1 = new Dexie(name);
    v1.version(1).stores({ documents: '++seq, &id', vectors: 'docId', index: 'key' });
    const db = openDb(`gen-${++dbCount}`);
    for (const doc of oldDocs) await db.saveDocument(doc);
    await db.saveIndex(oldIndex);
    const rows = await db.dexie.vectorRows.toArray();
    const meta = (await db.dexie.index.toArray())[0]!;
    await v1.table('documents').bulkAdd(oldDocs);
    await v1.table('vectors').bulkAdd(rows.map(({ gen: _gen, ...row }) => row));
    await v1.table('index').add({ ...meta, key: 'index' });
    v1.close();

    const upgraded = openDb(name);
    expectWorkspace(await upgraded.load(), oldDocs, oldIndex);
    expect(upgraded.dexie.verno).toBe(2);
    expect(await upgraded.dexie.current.get('current')).toEqual({ key: 'current', gen: FIRST_GENERATION });
    expect(await upgraded.dropLeftovers()).toBe(0);
    expect(await rowCounts(upgraded)).toEqual(OLD_ROWS);

    // And replaced like any other.
    await replace(upgraded);
    expectWorkspace(await reload(name), newDocs, newIndex);
  });
});

describe('a large replacement index', () => {
  // Three documents whose rows (chunks × 1,024 dimensions × 4 bytes) are about 1.6, 2 and 1.6 MB: the
  // vectors go in two writes of at most VECTOR_BYTES_PER_WRITE (4 MB) each, then the index row.
  const BIG = 1024;
  const docs = [makeDoc('big-a', 'a '.repeat(4000)), makeDoc('big-b', 'b '.repeat(5000)), makeDoc('big-c', 'c '.repeat(4000))];
  const bigIndex = (): IndexSnapshot => {
    const rand = mulberry32(9);
    const chunks = docs.flatMap((d) => chunkText(d.id, d.text, { chunkSize: 20, overlap: 0 }));
    return { modelId: 'big/model', device: 'wasm', dimension: BIG, chunking, chunks, vectors: chunks.map(() => randomUnitVector(rand, BIG)) };
  };

  it('is written in batches of rows, and read back whole after the switch', async () => {
    // 1.6 MB a vector here: two fit in 4 MB, three do not; a group larger than that is written alone.
    expect(vectorBatches([{ positions: [1] }, { positions: [2] }, { positions: [3, 4, 5] }, { positions: [6] }], 400_000).map((b) => b.length)).toEqual([
      2, 1, 1,
    ]);
    const index = bigIndex();
    expect(docs.map((d) => index.chunks.filter((c) => c.docId === d.id).length)).toEqual([400, 500, 400]);
    const db = openDb('big-batches');
    const counter = writeCounter(db);
    const staged = db.stage();
    await staged.addDocuments(docs);
    await staged.saveIndex(index);
    await staged.switchTo();
    expect(counter.writes).toBe(1 + 2 + 1 + 1); // the documents, two batches of vectors, the index, the switch
    const stored = await reload('big-batches');
    expect(stored.index?.chunks).toEqual(index.chunks);
    expect(stored.index?.vectors.map(bytesOf)).toEqual(index.vectors.map(bytesOf));
  });

  it('failing at its second batch, leaves the old workspace whole and nothing of the new one', async () => {
    await saveOld(openDb('big-fails'));
    const db = openDb('big-fails'); // (a connection that counts its writes from its start)
    writeCounter(db, 2);
    const staged = db.stage();
    await staged.addDocuments(docs);
    await expect(staged.saveIndex(bigIndex())).rejects.toSatisfy(isQuotaError);
    await staged.discard();
    expectWorkspace(await reload('big-fails'), oldDocs, oldIndex);
    expect(await rowCounts(db)).toEqual(OLD_ROWS);
  });
});

describe('loading with a sink', () => {
  it('hands each indexed document its vectors as read, and returns the index without them', async () => {
    const db = openDb('sink');
    await saveOld(db);
    const parts: Array<{ docId: string; ids: string[]; bytes: number[] }> = [];
    const loaded = await db.load((part) => parts.push({ docId: part.docId, ids: part.ids, bytes: bytesOf(part.vectors) }));
    expect(loaded.documents).toEqual(oldDocs);
    expect(loaded.index?.chunks).toEqual(oldIndex.chunks);
    expect(loaded.index?.vectors).toEqual([]);
    expect(parts.map((p) => p.docId).sort()).toEqual(['doc-a', 'doc-b']);
    for (const part of parts) {
      const positions = oldIndex.chunks.flatMap((c, i) => (c.docId === part.docId ? [i] : []));
      expect(part.ids).toEqual(positions.map((i) => oldIndex.chunks[i]!.id));
      expect(part.bytes).toEqual(positions.flatMap((i) => bytesOf(oldIndex.vectors[i]!)));
    }
  });

  it('returns no index when a row is missing, though the sink heard of the others (it drops them)', async () => {
    const db = openDb('sink-missing');
    await saveOld(db);
    await db.dexie.vectorRows.delete([FIRST_GENERATION, 'doc-b']);
    const heard: string[] = [];
    const loaded = await db.load((part) => heard.push(part.docId));
    expect(loaded.index).toBeNull();
    expect(loaded.documents).toEqual(oldDocs);
    expect(heard).toEqual(['doc-a']);
  });
});
