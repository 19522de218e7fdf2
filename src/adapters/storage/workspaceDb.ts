// WorkspaceStorage on IndexedDB through Dexie. Every row belongs to a workspace generation (`gen`), and
// one row names the live one; only its rows are ever read. Tables:
//   documents  one row per document: its text and metadata (in the order added: `seq`).
//   vectorRows one row per indexed document: its indexed chunks as binary (index, start, end) triples
//              and their vectors as ONE binary Float32 buffer (chunks × dimension), never number arrays.
//              A chunk's text is not stored twice: it is document.text.slice(start, end).
//   index      one row per generation (keyed by it): which model and device made the vectors, their
//              dimension, the chunk settings, the documents in the index, the id of the snapshot the vector
//              rows belong to, and for the built-in LSA embedder its fitted projection (typed arrays).
//   current    one row: the live generation.
// A snapshot is written in one transaction, and read back only if every row it names is there and the
// right size: a snapshot that was not completely written is never read back as an index.
// Replacing the workspace (an import) is atomic: stage() writes a new generation beside the live one, in
// as many transactions as needed, and its switchTo() makes it live and deletes the old generation in ONE
// transaction. Until then a reload reads the old workspace; rows of a generation that never went live
// (an interrupted or failed import) are deleted by dropLeftovers() on the next start.
// Version 1 had no generations (vectors keyed by docId, the index row keyed 'index'); the upgrade to
// version 2 tags those rows as the first generation and makes it live.
import { Dexie, type EntityTable, type Table } from 'dexie';
import { withChunkMeta } from '@openbook/core/chunkMeta';
import { DEFAULT_CHUNKER_SETTINGS, readChunkerSettings, type ChunkerSettings } from '@openbook/core/chunkers/settings';
import type { Chunk, SourceDocument } from '@openbook/core/types';
import type { EmbeddingDevice } from '@openbook/core/types';
import { isBuiltinLsa } from '@openbook/core/lsa/builtinLsa';
import { lsaModelProblem, type LsaModel } from '@openbook/core/lsa/lsaModel';
import { savedAdapterProblem, type SavedAdapter } from '@openbook/core/adapterTraining/savedAdapter';
import { isPlainId, MAX_VECTOR_DIMENSION, packedVectorsProblem, storedDocumentProblem } from '@openbook/core/workspaceLimits';
import type { DroppedRecord, IndexSnapshot, SavedIndex, StagedWorkspace, StorageUse, StoredWorkspace, VectorsSink, WorkspaceStorage } from './workspaceStorage';

export const WORKSPACE_DB_NAME = 'openbook-workspace';

interface DocumentRow extends SourceDocument {
  /** Auto-incremented: the order documents were added in. */
  seq?: number;
  /** The workspace generation the row belongs to. */
  gen: string;
}

interface VectorsRow {
  gen: string;
  docId: string;
  snapshotId: string;
  /** Uint32 triples (chunk index, start, end), one per chunk. */
  chunks: ArrayBuffer;
  /** Float32, chunks × dimension, in the order of `chunks`. */
  vectors: ArrayBuffer;
}

interface IndexRow {
  /** The generation the index belongs to. */
  key: string;
  snapshotId: string;
  modelId: string;
  device: EmbeddingDevice;
  dimension: number;
  /** Saved before there were several chunkers: { chunkSize, overlap } (recursive). */
  chunking: ChunkerSettings;
  docIds: string[];
  savedAt: number;
  /** The built-in embedder's projection, when it made the vectors. */
  lsa?: LsaModel;
  /** A query adapter trained for this index's model (left out on load when unsound or for another model). */
  adapter?: SavedAdapter;
  /** The chunks were embedded with their contextual headers (absent: their text alone). */
  embedHeaders?: boolean;
  /** The set of chat-model chunk contexts they were embedded with (absent: none). */
  chunkContexts?: string;
}

interface CurrentRow {
  key: 'current';
  gen: string;
}

type WorkspaceDexie = Dexie & {
  documents: EntityTable<DocumentRow, 'seq'>;
  vectorRows: Table<VectorsRow, [string, string]>;
  index: EntityTable<IndexRow, 'key'>;
  current: EntityTable<CurrentRow, 'key'>;
};

/** The generation of a database made before there were generations, and of a new one. */
export const FIRST_GENERATION = 'g0';

function openDexie(name: string): WorkspaceDexie {
  const db = new Dexie(name) as WorkspaceDexie;
  db.version(1).stores({ documents: '++seq, &id', vectors: 'docId', index: 'key' });
  db.version(2)
    .stores({ documents: '++seq, &[gen+id], gen', vectors: null, vectorRows: '[gen+docId], gen', index: 'key', current: 'key' })
    .upgrade(async (tx) => {
      // Everything stored so far is the first generation, and live.
      await tx
        .table('documents')
        .toCollection()
        .modify((row: { gen?: string }) => {
          row.gen = FIRST_GENERATION;
        });
      const vectors = (await tx.table('vectors').toArray()) as Omit<VectorsRow, 'gen'>[];
      await tx.table('vectorRows').bulkPut(vectors.map((row) => ({ ...row, gen: FIRST_GENERATION })));
      const meta = (await tx.table('index').get('index')) as IndexRow | undefined;
      if (meta) {
        await tx.table('index').delete('index');
        await tx.table('index').put({ ...meta, key: FIRST_GENERATION });
      }
      await tx.table('current').put({ key: 'current', gen: FIRST_GENERATION });
    });
  return db;
}

/** The live generation (inside a transaction that includes the `current` table). */
async function liveGeneration(db: WorkspaceDexie): Promise<string> {
  return (await db.current.get('current'))?.gen ?? FIRST_GENERATION;
}

const newSnapshotId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** A snapshot's chunks grouped by document (positions in `chunks`), in the order documents first appear. */
function groupByDocument(chunks: readonly Chunk[]): Array<{ docId: string; positions: number[] }> {
  const byDoc = new Map<string, number[]>();
  chunks.forEach((c, i) => {
    const list = byDoc.get(c.docId);
    if (list) list.push(i);
    else byDoc.set(c.docId, [i]);
  });
  return [...byDoc].map(([docId, positions]) => ({ docId, positions }));
}

/** One document's row: its chunks as binary (index, start, end) triples and its vectors in one buffer. */
function packRow(snapshot: IndexSnapshot, { docId, positions }: { docId: string; positions: number[] }, snapshotId: string, gen: string): VectorsRow {
  const { chunks, vectors, dimension } = snapshot;
  if (chunks.length !== vectors.length) throw new Error(`${chunks.length} chunks but ${vectors.length} vectors.`);
  const triples = new Uint32Array(positions.length * 3);
  positions.forEach((p, j) => {
    const chunk = chunks[p]!;
    const vector = vectors[p]!;
    if (vector.length !== dimension) throw new Error(`The vector of ${chunk.id} has ${vector.length} dimensions, not ${dimension}.`);
    triples[j * 3] = chunk.index;
    triples[j * 3 + 1] = chunk.start;
    triples[j * 3 + 2] = chunk.end;
  });
  return {
    gen,
    docId,
    snapshotId,
    chunks: triples.buffer,
    vectors: packedVectors(
      positions.map((p) => vectors[p]!),
      dimension,
    ),
  };
}

/** Group a snapshot's chunks by document into rows with packed binary chunks and vectors. */
function packSnapshot(snapshot: IndexSnapshot, snapshotId: string, gen: string): VectorsRow[] {
  const { chunks, vectors } = snapshot;
  if (chunks.length !== vectors.length) throw new Error(`${chunks.length} chunks but ${vectors.length} vectors.`);
  return groupByDocument(chunks).map((group) => packRow(snapshot, group, snapshotId, gen));
}

/** About this many bytes of vectors per write of a staged index (a document's row larger than that is written alone). */
export const VECTOR_BYTES_PER_WRITE = 4_000_000;

/** Documents' chunk groups in the batches their rows are written in, in order. */
export function vectorBatches<G extends { positions: number[] }>(groups: G[], dimension: number): G[][] {
  const batches: G[][] = [];
  let batch: G[] = [];
  let bytes = 0;
  for (const group of groups) {
    const size = group.positions.length * dimension * 4;
    if (batch.length > 0 && bytes + size > VECTOR_BYTES_PER_WRITE) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(group);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Let the page take its turn between two writes (a macrotask, not a microtask). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * These vectors one after another in one buffer: the buffer they fill where they are the whole of one (a
 * document's vectors read from a file), else one copy of the whole span where they lie so in one buffer
 * (an index read from the index worker), else one by one.
 */
function packedVectors(vectors: Float32Array[], dimension: number): ArrayBuffer {
  const first = vectors[0];
  const contiguous = first !== undefined && vectors.every((v, j) => v.buffer === first.buffer && v.byteOffset === first.byteOffset + j * dimension * 4);
  const bytes = vectors.length * dimension * 4;
  // The whole of its buffer (a document's vectors read from a file): stored as it is (storing copies it).
  if (contiguous && first.byteOffset === 0 && first.buffer.byteLength === bytes && first.buffer instanceof ArrayBuffer) return first.buffer;
  if (contiguous) return first.buffer.slice(first.byteOffset, first.byteOffset + bytes) as ArrayBuffer;
  const packed = new Float32Array(vectors.length * dimension);
  vectors.forEach((v, j) => packed.set(v, j * dimension));
  return packed.buffer;
}

/** Whether a saved index row has the shape it was written with (it may have been changed outside the app). */
const isIndexRow = (meta: IndexRow): boolean =>
  typeof meta.modelId === 'string' &&
  typeof meta.snapshotId === 'string' &&
  Number.isSafeInteger(meta.dimension) &&
  meta.dimension <= MAX_VECTOR_DIMENSION &&
  Array.isArray(meta.docIds) &&
  meta.docIds.every((id) => typeof id === 'string');

/** One document's indexed chunks and its vectors (views of its row's buffer), read from its row. */
interface UnpackedRow {
  chunks: Chunk[];
  /** The row's vectors, chunks.length × dimension. */
  packed: Float32Array;
}

/**
 * A document's row, checked and unpacked: null when it is missing, of another snapshot or the wrong size;
 * a string says why vectors that are there cannot be used (not finite, or all zeros).
 */
function unpackRow(meta: IndexRow, row: VectorsRow | undefined, doc: SourceDocument | undefined): UnpackedRow | string | null {
  if (!row || !doc || row.snapshotId !== meta.snapshotId) return null;
  if (!(row.chunks instanceof ArrayBuffer) || !(row.vectors instanceof ArrayBuffer) || row.chunks.byteLength % 12 !== 0) return null;
  const triples = new Uint32Array(row.chunks);
  const n = triples.length / 3;
  if (row.vectors.byteLength !== n * meta.dimension * 4) return null;
  const packed = new Float32Array(row.vectors);
  const bad = packedVectorsProblem(packed, meta.dimension);
  if (bad) return `${bad.problem === 'zero' ? 'a vector of zeros' : 'NaN or Infinity in a vector'} of ${doc.name}`;
  const docChunks: Chunk[] = [];
  for (let j = 0; j < n; j++) {
    const index = triples[j * 3]!;
    const start = triples[j * 3 + 1]!;
    const end = triples[j * 3 + 2]!;
    if (start > end || end > doc.text.length) return null;
    docChunks.push({ id: `${doc.id}#${index}`, docId: doc.id, index, start, end, text: doc.text.slice(start, end) });
  }
  return { chunks: withChunkMeta(docChunks, doc), packed }; // pages and headings are not stored: they follow from the document
}

/** The documents a saved index names that can be read (a document dropped on load leaves the index as a removed one does). */
function indexedDocIds(meta: IndexRow | undefined, droppedIds: ReadonlySet<string>): string[] {
  if (!meta || !isIndexRow(meta) || !(meta.dimension > 0)) return [];
  return meta.docIds.filter((id) => !droppedIds.has(id));
}

/**
 * The saved index from its rows (unpackRow's results, in the order of indexedDocIds), or null unless every
 * document it names is there with all its chunks and vectors; a string says why an index that is there
 * cannot be used. `withVectors` false: its `vectors` are left empty (they went to a VectorsSink).
 */
function assembleSnapshot(meta: IndexRow | undefined, parts: Array<UnpackedRow | string | null>, withVectors: boolean): SavedIndex | string | null {
  if (!meta) return null;
  if (!isIndexRow(meta)) return 'index record';
  if (parts.length === 0) return null;
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  for (const part of parts) {
    if (part === null || typeof part === 'string') return part;
    for (const c of part.chunks) chunks.push(c);
    if (withVectors) for (let j = 0; j < part.chunks.length; j++) vectors.push(part.packed.subarray(j * meta.dimension, (j + 1) * meta.dimension));
  }
  const { modelId, device, dimension, savedAt } = meta;
  const chunking = readChunkerSettings(meta.chunking) ?? DEFAULT_CHUNKER_SETTINGS.recursive;
  const adapter =
    meta.adapter !== undefined && savedAdapterProblem(meta.adapter) === null && meta.adapter.modelId === modelId && meta.adapter.dimension === dimension
      ? { adapter: meta.adapter }
      : {};
  const headers = {
    ...(meta.embedHeaders === true ? { embedHeaders: true } : {}),
    ...(typeof meta.chunkContexts === 'string' ? { chunkContexts: meta.chunkContexts } : {}),
  };
  if (isBuiltinLsa(modelId)) {
    // Without its projection a question could not be embedded as the chunks were: not an index.
    if (lsaModelProblem(meta.lsa) !== null || meta.lsa!.dimension !== dimension) return null;
    return { modelId, device, dimension, chunking, savedAt, chunks, vectors, lsa: meta.lsa!, ...adapter, ...headers };
  }
  return { modelId, device, dimension, chunking, savedAt, chunks, vectors, ...adapter, ...headers };
}

/**
 * Replace a generation's index (in the caller's transaction, which includes documents, vectorRows and
 * index): chunks of documents that generation does not hold are left out. Returns how many rows it wrote.
 */
async function writeIndex(db: WorkspaceDexie, gen: string, snapshot: IndexSnapshot): Promise<number> {
  const snapshotId = newSnapshotId();
  const packed = packSnapshot(snapshot, snapshotId, gen);
  const keys = await db.documents.where('[gen+id]').between([gen, Dexie.minKey], [gen, Dexie.maxKey]).keys();
  const stored = new Set(keys.map((key) => (key as unknown as [string, string])[1]));
  const rows = packed.filter((r) => stored.has(r.docId));
  await db.vectorRows.where('gen').equals(gen).delete();
  await db.vectorRows.bulkPut(rows);
  await db.index.put(
    indexRow(
      gen,
      snapshotId,
      snapshot,
      rows.map((r) => r.docId),
    ),
  );
  return rows.length;
}

/** Delete every row of a generation (in the caller's transaction). */
async function deleteGeneration(db: WorkspaceDexie, gen: string): Promise<void> {
  await Promise.all([db.documents.where('gen').equals(gen).delete(), db.vectorRows.where('gen').equals(gen).delete(), db.index.delete(gen)]);
}

/** The index row of a snapshot, for the documents whose rows are written. */
function indexRow(gen: string, snapshotId: string, snapshot: IndexSnapshot, docIds: string[]): IndexRow {
  return {
    key: gen,
    snapshotId,
    modelId: snapshot.modelId,
    device: snapshot.device,
    dimension: snapshot.dimension,
    chunking: { ...snapshot.chunking },
    docIds,
    savedAt: Date.now(),
    ...(snapshot.lsa ? { lsa: snapshot.lsa } : {}),
    ...(snapshot.adapter ? { adapter: snapshot.adapter } : {}),
    ...(snapshot.embedHeaders ? { embedHeaders: true } : {}),
    ...(snapshot.chunkContexts ? { chunkContexts: snapshot.chunkContexts } : {}),
  };
}

const newGeneration = () => `g-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** How a dropped record is named: its name, else its id, else its position. */
function recordName(doc: Partial<Record<keyof SourceDocument, unknown>>): string {
  if (typeof doc.name === 'string' && doc.name) return doc.name.slice(0, 200);
  if (typeof doc.id === 'string' && doc.id) return doc.id.slice(0, 200);
  return '?';
}

export class WorkspaceDb implements WorkspaceStorage {
  /** The Dexie database itself: for tests and the benchmark, which look at the stored rows. */
  readonly dexie: WorkspaceDexie;

  constructor(name: string = WORKSPACE_DB_NAME) {
    this.dexie = openDexie(name);
  }

  async saveDocument(doc: SourceDocument): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', db.documents, db.current, async () => {
      const gen = await liveGeneration(db);
      if ((await db.documents.where('[gen+id]').equals([gen, doc.id]).count()) === 0) await db.documents.add({ ...doc, gen });
    });
  }

  async saveDocuments(docs: SourceDocument[]): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', db.documents, db.current, async () => {
      const gen = await liveGeneration(db);
      const already = await db.documents
        .where('[gen+id]')
        .anyOf(docs.map((d): [string, string] => [gen, d.id]))
        .toArray();
      const stored = new Set(already.map((d) => d.id));
      const fresh = docs.filter((d) => !stored.has(d.id)).map((d) => ({ ...d, gen }));
      if (fresh.length > 0) await db.documents.bulkAdd(fresh);
    });
  }

  async deleteDocument(id: string): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', [db.documents, db.vectorRows, db.index, db.current], async () => {
      const gen = await liveGeneration(db);
      await db.documents.where('[gen+id]').equals([gen, id]).delete();
      await db.vectorRows.delete([gen, id]);
      const meta = await db.index.get(gen);
      if (meta?.docIds.includes(id)) await db.index.put({ ...meta, docIds: meta.docIds.filter((d) => d !== id) });
    });
  }

  async saveIndex(snapshot: IndexSnapshot): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', [db.documents, db.vectorRows, db.index, db.current], async () => {
      await writeIndex(db, await liveGeneration(db), snapshot);
    });
  }

  async load(sink?: VectorsSink): Promise<StoredWorkspace> {
    const db = this.dexie;
    return db.transaction('r', [db.documents, db.vectorRows, db.index, db.current], async () => {
      // Marks for scripts/bench-browser.ts (BENCH_MARKS=1): where a reload's read goes.
      performance.mark('openbook:load-start');
      const gen = await liveGeneration(db);
      // Each record is checked as a workspace file's documents are: one that cannot be used is left out
      // (and named), the others load.
      const dropped: DroppedRecord[] = [];
      const droppedIds = new Set<string>();
      const documents: SourceDocument[] = [];
      for (const { seq: _seq, gen: _gen, ...doc } of await db.documents.where('gen').equals(gen).toArray()) {
        const field = storedDocumentProblem(doc);
        if (field === null) documents.push(doc);
        else {
          dropped.push({ kind: 'document', name: recordName(doc), field });
          if (typeof doc.id === 'string') droppedIds.add(doc.id);
        }
      }
      performance.mark('openbook:load-documents');
      const meta = await db.index.get(gen);
      performance.mark('openbook:load-meta');
      const docIds = indexedDocIds(meta, droppedIds).filter(isPlainId);
      const docsById = new Map(documents.map((d) => [d.id, d]));
      // One read per document's row: each is checked (and handed to the sink) as it arrives, while the
      // browser reads the next ones.
      const parts = await Promise.all(
        docIds.map((docId) =>
          db.vectorRows.get([gen, docId]).then((row) => {
            performance.mark('openbook:load-row-read');
            const part = meta ? unpackRow(meta, row, docsById.get(docId)) : null;
            if (sink && part !== null && typeof part !== 'string')
              sink({
                docId,
                ids: part.chunks.map((c) => c.id),
                vectors: part.packed,
              });
            performance.mark('openbook:load-row-handed');
            return part;
          }),
        ),
      );
      performance.mark('openbook:load-rows');
      // (An id that is not plain makes the index unusable, as a missing row does.)
      const complete = meta !== undefined && docIds.length === indexedDocIds(meta, droppedIds).length;
      const index = assembleSnapshot(meta, complete ? parts : [null], sink === undefined);
      if (typeof index === 'string') dropped.push({ kind: 'index', problem: index });
      return { documents, index: typeof index === 'string' ? null : index, ...(dropped.length > 0 ? { dropped } : {}) };
    });
  }

  async saveAdapter(adapter: SavedAdapter | null): Promise<boolean> {
    const db = this.dexie;
    return db.transaction('rw', [db.index, db.current], async () => {
      const gen = await liveGeneration(db);
      const meta = await db.index.get(gen);
      if (!meta) return false;
      const { adapter: _old, ...rest } = meta;
      await db.index.put(adapter ? { ...rest, adapter } : rest);
      return true;
    });
  }

  /** Remove the live workspace's documents and index (rows of other generations are left to dropLeftovers). */
  async clear(): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', [db.documents, db.vectorRows, db.index, db.current], async () => {
      await deleteGeneration(db, await liveGeneration(db));
    });
  }

  stage(): StagedWorkspace {
    const db = this.dexie;
    const gen = newGeneration();
    let documents = 0;
    let indexRows: number | null = null;
    return {
      addDocuments: async (docs) => {
        await db.transaction('rw', db.documents, async () => {
          await db.documents.bulkAdd(docs.map((doc) => ({ ...doc, gen })));
        });
        documents += docs.length;
      },
      saveIndex: async (snapshot) => {
        // The vector rows in batches of about VECTOR_BYTES_PER_WRITE, one transaction each, each in a task of
        // its own (rows are serialised on this thread as they are written: a large workspace's all at once
        // would stall the page for a third of a second), then the index row. Nothing of this generation is read before switchTo(), which checks every row is there.
        const snapshotId = newSnapshotId();
        const keys = await db.documents.where('[gen+id]').between([gen, Dexie.minKey], [gen, Dexie.maxKey]).keys();
        const stored = new Set(keys.map((key) => (key as unknown as [string, string])[1]));
        const written: string[] = [];
        await db.vectorRows.where('gen').equals(gen).delete();
        const groups = groupByDocument(snapshot.chunks).filter((g) => stored.has(g.docId));
        for (const batch of vectorBatches(groups, snapshot.dimension)) {
          const rows = batch.map((group) => packRow(snapshot, group, snapshotId, gen));
          await db.transaction('rw', db.vectorRows, () => db.vectorRows.bulkPut(rows));
          written.push(...batch.map((g) => g.docId));
          await nextTask();
        }
        await db.transaction('rw', [db.vectorRows, db.index], () => db.index.put(indexRow(gen, snapshotId, snapshot, written)));
        indexRows = written.length;
      },
      switchTo: async () => {
        await db.transaction('rw', [db.documents, db.vectorRows, db.index, db.current], async () => {
          // Every row written must still be there (another tab's start-up may have dropped them).
          const complete =
            (await db.documents.where('gen').equals(gen).count()) === documents &&
            (indexRows === null || ((await db.index.get(gen)) !== undefined && (await db.vectorRows.where('gen').equals(gen).count()) === indexRows));
          if (!complete) throw new Error('The new workspace was not completely written.');
          const old = await liveGeneration(db);
          await db.current.put({ key: 'current', gen });
          await deleteGeneration(db, old);
        });
      },
      discard: async () => {
        await db.transaction('rw', [db.documents, db.vectorRows, db.index, db.current], async () => {
          if ((await liveGeneration(db)) !== gen) await deleteGeneration(db, gen);
        });
      },
    };
  }

  async dropLeftovers(): Promise<number> {
    const db = this.dexie;
    return db.transaction('rw', [db.documents, db.vectorRows, db.index, db.current], async () => {
      const gen = await liveGeneration(db);
      const counts = await Promise.all([
        db.documents.where('gen').notEqual(gen).delete(),
        db.vectorRows.where('gen').notEqual(gen).delete(),
        db.index.where('key').notEqual(gen).delete(),
      ]);
      return counts.reduce((a, b) => a + b, 0);
    });
  }

  async estimate(): Promise<StorageUse | null> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.estimate) return null;
    const { usage, quota } = await storage.estimate();
    return usage === undefined || quota === undefined ? null : { usageBytes: usage, quotaBytes: quota };
  }

  async persisted(): Promise<boolean | null> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    return storage?.persisted ? storage.persisted() : null;
  }

  async requestPersistence(): Promise<boolean | null> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    return storage?.persist ? storage.persist() : null;
  }

  close(): void {
    this.dexie.close();
  }
}
