// WorkspaceDb on fake-indexeddb: documents and binary vectors survive a round trip, snapshots are
// all-or-nothing, a document leaves with its vectors, clear empties everything.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkText } from '@openbook/core/chunking';
import type { RecursiveChunkerSettings } from '@openbook/core/chunkers/settings';
import type { SourceDocument } from '@openbook/core/types';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { FIRST_GENERATION, WorkspaceDb } from './workspaceDb';
import { isQuotaError, type IndexSnapshot } from './workspaceStorage';

const DIM = 16;
const chunking: RecursiveChunkerSettings = { kind: 'recursive', chunkSize: 40, overlap: 5 };

let dbCount = 0;
const open: WorkspaceDb[] = [];
function newDb(name = `test-${++dbCount}`): WorkspaceDb {
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

const volcano = makeDoc('doc-a', 'Lava flows from the crater. Magma rises slowly. The volcano sleeps for a century, then wakes.');
const tea = makeDoc('doc-b', '绿茶的叶子在低温下冲泡。Oolong is partly oxidised; black tea fully. Kettles whistle.');

function snapshotOf(docs: SourceDocument[], seed: number, modelId = 'test/model'): IndexSnapshot {
  const rand = mulberry32(seed);
  const chunks = docs.flatMap((d) => chunkText(d.id, d.text, chunking));
  return { modelId, device: 'wasm', dimension: DIM, chunking, chunks, vectors: chunks.map(() => randomUnitVector(rand, DIM)) };
}

const bytesOf = (v: Float32Array) => [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];

describe('WorkspaceDb', () => {
  it('starts empty', async () => {
    expect(await newDb().load()).toEqual({ documents: [], index: null });
  });

  it('saves a batch of documents in one go, in order, each once (those already stored are left)', async () => {
    const db = newDb();
    await db.saveDocument(tea);
    const batch = Array.from({ length: 50 }, (_, i) => makeDoc(`doc-${i}`, `Note ${i}.`));
    await db.saveDocuments([tea, ...batch]);
    await db.saveDocuments(batch.slice(0, 10));
    const { documents } = await db.load();
    expect(documents.map((d) => d.id)).toEqual(['doc-b', ...batch.map((d) => d.id)]);
  });

  it('round-trips documents (in the order added) and the index with bit-identical vectors', async () => {
    const name = 'round-trip';
    const db = newDb(name);
    await db.saveDocument(tea);
    await db.saveDocument(volcano);
    await db.saveDocument(tea); // saving twice stores it once
    const snapshot = snapshotOf([tea, volcano], 1);
    // Values that a JSON round trip would not keep exactly.
    snapshot.vectors[0]![0] = -0;
    snapshot.vectors[0]![1] = 1.401298464324817e-45;
    snapshot.vectors[0]![2] = 0.1;
    await db.saveIndex(snapshot);
    db.close();

    const loaded = await newDb(name).load();
    expect(loaded.documents).toEqual([tea, volcano]);
    const index = loaded.index!;
    expect(index).not.toBeNull();
    expect(index).toMatchObject({ modelId: 'test/model', device: 'wasm', dimension: DIM, chunking });
    expect(index.savedAt).toBeGreaterThan(0);
    expect(index.chunks).toEqual(snapshot.chunks); // ids, offsets and texts (rebuilt from the documents)
    expect(index.vectors.map(bytesOf)).toEqual(snapshot.vectors.map(bytesOf));
    expect(Object.is(index.vectors[0]![0], -0)).toBe(true);
  });

  it('keeps a document’s pages, sections, encoding and content hash, and reads documents saved without them', async () => {
    const name = 'structure';
    const pdf: SourceDocument = {
      ...makeDoc('doc-pdf', 'Page one.\n\nPage two.'),
      kind: 'pdf',
      structure: {
        pages: [
          { page: 1, start: 0, end: 9 },
          { page: 2, start: 11, end: 20 },
        ],
      },
      contentHash: 'f'.repeat(64),
    };
    const md: SourceDocument = {
      ...makeDoc('doc-md', '# 火山\n岩浆。'),
      kind: 'markdown',
      structure: { sections: [{ headingPath: ['火山'], level: 1, start: 0, end: 8 }] },
      encoding: 'gb18030',
      contentHash: 'e'.repeat(64),
    };
    const db = newDb(name);
    await db.saveDocument(volcano); // as saved before these fields existed
    await db.saveDocument(pdf);
    await db.saveDocument(md);
    db.close();
    expect((await newDb(name).load()).documents).toEqual([volcano, pdf, md]);
  });

  it('stores vectors as binary Float32 data, one buffer per document, and chunk texts not at all', async () => {
    const db = newDb();
    await db.saveDocument(volcano);
    await db.saveDocument(tea);
    const snapshot = snapshotOf([volcano, tea], 2);
    await db.saveIndex(snapshot);
    const rows = await db.dexie.vectorRows.toArray();
    expect(rows.map((r) => r.docId).sort()).toEqual(['doc-a', 'doc-b']);
    for (const row of rows) {
      const n = snapshot.chunks.filter((c) => c.docId === row.docId).length;
      expect(row.vectors).toBeInstanceOf(ArrayBuffer);
      expect(row.vectors.byteLength).toBe(n * DIM * Float32Array.BYTES_PER_ELEMENT);
      expect(row.chunks).toBeInstanceOf(ArrayBuffer);
      expect(row.chunks.byteLength).toBe(n * 3 * Uint32Array.BYTES_PER_ELEMENT);
      expect(JSON.stringify(row)).not.toContain('Lava');
    }
  });

  it('leaves out chunks of documents that are not stored', async () => {
    const db = newDb();
    await db.saveDocument(volcano);
    await db.saveIndex(snapshotOf([volcano, tea], 3));
    const { index } = await db.load();
    expect(new Set(index!.chunks.map((c) => c.docId))).toEqual(new Set(['doc-a']));
  });

  it('deletes a document together with its chunks and vectors; the rest of the index stays', async () => {
    const db = newDb();
    await db.saveDocument(volcano);
    await db.saveDocument(tea);
    const snapshot = snapshotOf([volcano, tea], 4);
    await db.saveIndex(snapshot);
    await db.deleteDocument('doc-a');
    const { documents, index } = await db.load();
    expect(documents).toEqual([tea]);
    const kept = snapshot.chunks.map((c, i) => [c, snapshot.vectors[i]!] as const).filter(([c]) => c.docId === 'doc-b');
    expect(index!.chunks).toEqual(kept.map(([c]) => c));
    expect(index!.vectors.map(bytesOf)).toEqual(kept.map(([, v]) => bytesOf(v)));
    expect((await db.dexie.vectorRows.toArray()).map((r) => r.docId)).toEqual(['doc-b']);
    await db.deleteDocument('doc-b');
    expect(await db.load()).toEqual({ documents: [], index: null });
  });

  it('replaces a snapshot whole, or not at all: a failure half way leaves the previous one intact', async () => {
    const db = newDb();
    await db.saveDocument(volcano);
    await db.saveDocument(tea);
    const first = snapshotOf([volcano, tea], 5, 'first/model');
    await db.saveIndex(first);

    // The quota runs out while the second document's vectors are written (after the old rows are gone).
    const quotaHook = (_key: unknown, row: { docId: string }) => {
      if (row.docId === 'doc-b') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.dexie.vectorRows.hook('creating', quotaHook);
    const error = await db.saveIndex(snapshotOf([volcano, tea], 6, 'second/model')).catch((e: unknown) => e);
    db.dexie.vectorRows.hook('creating').unsubscribe(quotaHook);
    expect(isQuotaError(error)).toBe(true);

    const { index } = await db.load();
    expect(index!.modelId).toBe('first/model');
    expect(index!.chunks).toEqual(first.chunks);
    expect(index!.vectors.map(bytesOf)).toEqual(first.vectors.map(bytesOf));

    // A bad vector (wrong dimension) is refused before anything is written.
    const bad = snapshotOf([volcano, tea], 7, 'bad/model');
    bad.vectors[bad.vectors.length - 1] = new Float32Array(DIM + 1);
    await expect(db.saveIndex(bad)).rejects.toThrow(/dimensions/);
    expect((await db.load()).index!.modelId).toBe('first/model');
  });

  it('never reads back an incomplete snapshot as an index', async () => {
    const db = newDb();
    await db.saveDocument(volcano);
    await db.saveDocument(tea);
    await db.saveIndex(snapshotOf([volcano, tea], 8));
    expect((await db.load()).index).not.toBeNull();

    // A vector row missing (as if its write had been lost):
    const key: [string, string] = [FIRST_GENERATION, 'doc-b'];
    const row = (await db.dexie.vectorRows.get(key))!;
    await db.dexie.vectorRows.delete(key);
    expect((await db.load()).index).toBeNull();
    // A row from another snapshot:
    await db.dexie.vectorRows.put({ ...row, snapshotId: 'older' });
    expect((await db.load()).index).toBeNull();
    // A row cut short:
    await db.dexie.vectorRows.put({ ...row, vectors: row.vectors.slice(0, row.vectors.byteLength - 4) });
    expect((await db.load()).index).toBeNull();
    // The whole row back: complete again.
    await db.dexie.vectorRows.put(row);
    expect((await db.load()).index).not.toBeNull();
    // The documents are read back in every case.
    expect((await db.load()).documents).toHaveLength(2);
  });

  it('clear empties documents and index', async () => {
    const db = newDb();
    await db.saveDocument(volcano);
    await db.saveIndex(snapshotOf([volcano], 9));
    await db.clear();
    expect(await db.load()).toEqual({ documents: [], index: null });
    expect(await db.dexie.vectorRows.count()).toBe(0);
  });

  it('recognises quota errors, also wrapped', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('WorkspaceDb with the built-in LSA embedder', () => {
  it('saves the fitted projection with the index and reads it back; an LSA index without a sound one is no index', async () => {
    const { fitLsa, embedLsa, LSA_MODEL_ID } = await import('@openbook/core/lsa/lsaModel');
    const chunks = [tea, volcano].flatMap((d) => chunkText(d.id, d.text, chunking));
    const lsa = await fitLsa(chunks.map((c) => c.text));
    const snapshot: IndexSnapshot = {
      modelId: LSA_MODEL_ID,
      device: 'wasm',
      dimension: lsa.dimension,
      chunking,
      chunks,
      vectors: embedLsa(
        lsa,
        chunks.map((c) => c.text),
      ),
      lsa,
    };
    const db = newDb('lsa');
    await db.saveDocument(tea);
    await db.saveDocument(volcano);
    await db.saveIndex(snapshot);
    const loaded = (await db.load()).index!;
    expect(loaded.lsa!.terms).toEqual(lsa.terms);
    expect([...loaded.lsa!.projection]).toEqual([...lsa.projection]);

    // The same index saved without its projection (or with a broken one) is not read back as an index.
    await db.saveIndex({ ...snapshot, lsa: undefined } as unknown as IndexSnapshot);
    expect((await db.load()).index).toBeNull();
    await db.saveIndex({ ...snapshot, lsa: { ...lsa, idf: new Float32Array(1) } });
    expect((await db.load()).index).toBeNull();
  });
});

describe('WorkspaceDb load: records changed outside the app', () => {
  /** Save the good workspace, then put a record in as something else (a script, an old version) could have. */
  async function withRecord(record: Record<string, unknown>, inIndex = false) {
    const name = `bad-${++dbCount}`;
    const db = newDb(name);
    await db.saveDocument(volcano);
    await db.saveDocument(tea);
    await db.saveIndex(snapshotOf([volcano, tea], 3));
    await db.dexie.documents.add({ ...record, gen: FIRST_GENERATION } as unknown as SourceDocument & { gen: string });
    if (inIndex) {
      const meta = (await db.dexie.index.get(FIRST_GENERATION))!;
      await db.dexie.index.put({ ...meta, docIds: [...meta.docIds, String(record.id)] });
    }
    db.close();
    return newDb(name).load();
  }

  it.each([
    ['addedAt', { ...makeDoc('doc-c', 'Yesterday.'), addedAt: 'yesterday' }],
    ['addedAt', { ...makeDoc('doc-c', 'Far future.'), addedAt: 1e20 }],
    ['text', { ...makeDoc('doc-c', 'x'), text: null }],
    ['kind', { ...makeDoc('doc-c', 'x'), kind: 'exe' }],
    ['sizeBytes', { ...makeDoc('doc-c', 'x'), sizeBytes: -1 }],
    ['id', makeDoc('__proto__', 'prototype')],
    ['id', makeDoc('constructor', 'prototype')],
    ['id', makeDoc('toString', 'prototype')],
    ['id', makeDoc('hasOwnProperty', 'prototype')],
  ])('leaves out a document whose %s is unusable, names it, and keeps the others and the index', async (field, record) => {
    const loaded = await withRecord(record);
    expect(loaded.documents.map((d) => d.id)).toEqual(['doc-a', 'doc-b']);
    expect(loaded.index?.chunks.length).toBe(snapshotOf([volcano, tea], 3).chunks.length);
    expect(loaded.dropped).toEqual([{ kind: 'document', name: `${String(record.id)}.txt`, field }]);
  });

  it('keeps the index of the others when a document it held is left out', async () => {
    const loaded = await withRecord({ ...makeDoc('doc-c', 'Yesterday.'), addedAt: 'yesterday' }, true);
    expect(loaded.documents.map((d) => d.id)).toEqual(['doc-a', 'doc-b']);
    expect(new Set(loaded.index?.chunks.map((c) => c.docId))).toEqual(new Set(['doc-a', 'doc-b']));
  });

  it('leaves out an index with NaN or zero vectors, and says why; the documents stay', async () => {
    for (const value of [NaN, 0]) {
      const name = `vectors-${++dbCount}`;
      const db = newDb(name);
      await db.saveDocument(volcano);
      const snapshot = snapshotOf([volcano], 4);
      snapshot.vectors[1]!.fill(value);
      await db.saveIndex(snapshot);
      db.close();
      const loaded = await newDb(name).load();
      expect(loaded.documents).toEqual([volcano]);
      expect(loaded.index).toBeNull();
      expect(loaded.dropped).toEqual([{ kind: 'index', problem: value === 0 ? 'a vector of zeros of doc-a.txt' : 'NaN or Infinity in a vector of doc-a.txt' }]);
    }
  });

  it('leaves out an index record that is not the shape it was written in', async () => {
    const name = `meta-${++dbCount}`;
    const db = newDb(name);
    await db.saveDocument(volcano);
    await db.saveIndex(snapshotOf([volcano], 5));
    const meta = (await db.dexie.index.get(FIRST_GENERATION))!;
    await db.dexie.index.put({ ...meta, docIds: 'doc-a' as unknown as string[] });
    db.close();
    const loaded = await newDb(name).load();
    expect(loaded.documents).toEqual([volcano]);
    expect(loaded.index).toBeNull();
    expect(loaded.dropped).toEqual([{ kind: 'index', problem: 'index record' }]);
  });
});
