// WorkspaceStorage on IndexedDB through Dexie. Three tables:
//   documents  one row per document: its text and metadata (in the order added: `seq`).
//   vectors    one row per indexed document: its indexed chunks as binary (index, start, end) triples
//              and their vectors as ONE binary Float32 buffer (chunks × dimension), never number arrays.
//              A chunk's text is not stored twice: it is document.text.slice(start, end).
//   index      one row: which model and device made the vectors, their dimension, the chunk settings,
//              the documents in the index, the id of the snapshot the vector rows belong to, and for the
//              built-in LSA embedder its fitted projection (typed arrays, stored as they are).
// A snapshot is written in one transaction, and read back only if every row it names is there and the
// right size: a snapshot that was not completely written is never read back as an index.
import { Dexie, type EntityTable } from 'dexie';
import { withChunkMeta } from '../../core/chunkMeta';
import { DEFAULT_CHUNKER_SETTINGS, readChunkerSettings, type ChunkerSettings } from '../../core/chunkers/settings';
import type { Chunk, SourceDocument } from '../../core/types';
import type { ComputeDevice } from '../embedder/embedder';
import { isBuiltinLsa } from '../embedder/embeddingModels';
import { lsaModelProblem, type LsaModel } from '../../core/lsa/lsaModel';
import type { IndexSnapshot, SavedIndex, StorageUse, StoredWorkspace, WorkspaceStorage } from './workspaceStorage';

export const WORKSPACE_DB_NAME = 'openbook-workspace';

interface DocumentRow extends SourceDocument {
  /** Auto-incremented: the order documents were added in. */
  seq?: number;
}

interface VectorsRow {
  docId: string;
  snapshotId: string;
  /** Uint32 triples (chunk index, start, end), one per chunk. */
  chunks: ArrayBuffer;
  /** Float32, chunks × dimension, in the order of `chunks`. */
  vectors: ArrayBuffer;
}

interface IndexRow {
  key: 'index';
  snapshotId: string;
  modelId: string;
  device: ComputeDevice;
  dimension: number;
  /** Saved before there were several chunkers: { chunkSize, overlap } (recursive). */
  chunking: ChunkerSettings;
  docIds: string[];
  savedAt: number;
  /** The built-in embedder's projection, when it made the vectors. */
  lsa?: LsaModel;
}

type WorkspaceDexie = Dexie & {
  documents: EntityTable<DocumentRow, 'seq'>;
  vectors: EntityTable<VectorsRow, 'docId'>;
  index: EntityTable<IndexRow, 'key'>;
};

function openDexie(name: string): WorkspaceDexie {
  const db = new Dexie(name) as WorkspaceDexie;
  db.version(1).stores({ documents: '++seq, &id', vectors: 'docId', index: 'key' });
  return db;
}

const newSnapshotId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Group a snapshot's chunks by document into rows with packed binary chunks and vectors. */
function packSnapshot(snapshot: IndexSnapshot, snapshotId: string): VectorsRow[] {
  const { chunks, vectors, dimension } = snapshot;
  if (chunks.length !== vectors.length) throw new Error(`${chunks.length} chunks but ${vectors.length} vectors.`);
  const byDoc = new Map<string, number[]>();
  chunks.forEach((c, i) => {
    const list = byDoc.get(c.docId);
    if (list) list.push(i);
    else byDoc.set(c.docId, [i]);
  });
  const rows: VectorsRow[] = [];
  for (const [docId, positions] of byDoc) {
    const triples = new Uint32Array(positions.length * 3);
    const packed = new Float32Array(positions.length * dimension);
    positions.forEach((p, j) => {
      const chunk = chunks[p]!;
      const vector = vectors[p]!;
      if (vector.length !== dimension) throw new Error(`The vector of ${chunk.id} has ${vector.length} dimensions, not ${dimension}.`);
      triples.set([chunk.index, chunk.start, chunk.end], j * 3);
      packed.set(vector, j * dimension);
    });
    rows.push({ docId, snapshotId, chunks: triples.buffer, vectors: packed.buffer });
  }
  return rows;
}

/** The saved index, or null unless every document it names is there with all its chunks and vectors. */
function unpackSnapshot(meta: IndexRow | undefined, rows: VectorsRow[], documents: SourceDocument[]): SavedIndex | null {
  if (!meta || meta.docIds.length === 0 || !(meta.dimension > 0)) return null;
  const rowsByDoc = new Map(rows.map((r) => [r.docId, r]));
  const docsById = new Map(documents.map((d) => [d.id, d]));
  const chunks: Chunk[] = [];
  const vectors: Float32Array[] = [];
  for (const docId of meta.docIds) {
    const row = rowsByDoc.get(docId);
    const doc = docsById.get(docId);
    if (!row || !doc || row.snapshotId !== meta.snapshotId) return null;
    if (!(row.chunks instanceof ArrayBuffer) || !(row.vectors instanceof ArrayBuffer) || row.chunks.byteLength % 12 !== 0) return null;
    const triples = new Uint32Array(row.chunks);
    const n = triples.length / 3;
    if (row.vectors.byteLength !== n * meta.dimension * 4) return null;
    const docChunks: Chunk[] = [];
    for (let j = 0; j < n; j++) {
      const index = triples[j * 3]!;
      const start = triples[j * 3 + 1]!;
      const end = triples[j * 3 + 2]!;
      if (start > end || end > doc.text.length) return null;
      docChunks.push({ id: `${docId}#${index}`, docId, index, start, end, text: doc.text.slice(start, end) });
      vectors.push(new Float32Array(row.vectors, j * meta.dimension * 4, meta.dimension));
    }
    chunks.push(...withChunkMeta(docChunks, doc)); // pages and headings are not stored: they follow from the document
  }
  const { modelId, device, dimension, savedAt } = meta;
  const chunking = readChunkerSettings(meta.chunking) ?? DEFAULT_CHUNKER_SETTINGS.recursive;
  if (isBuiltinLsa(modelId)) {
    // Without its projection a question could not be embedded as the chunks were: not an index.
    if (lsaModelProblem(meta.lsa) !== null || meta.lsa!.dimension !== dimension) return null;
    return { modelId, device, dimension, chunking, savedAt, chunks, vectors, lsa: meta.lsa! };
  }
  return { modelId, device, dimension, chunking, savedAt, chunks, vectors };
}

export class WorkspaceDb implements WorkspaceStorage {
  /** The Dexie database itself: for tests and the benchmark, which look at the stored rows. */
  readonly dexie: WorkspaceDexie;

  constructor(name: string = WORKSPACE_DB_NAME) {
    this.dexie = openDexie(name);
  }

  async saveDocument(doc: SourceDocument): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', db.documents, async () => {
      if ((await db.documents.where('id').equals(doc.id).count()) === 0) await db.documents.add({ ...doc });
    });
  }

  async saveDocuments(docs: SourceDocument[]): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', db.documents, async () => {
      const stored = new Set((await db.documents.where('id').anyOf(docs.map((d) => d.id)).keys()).map(String));
      const fresh = docs.filter((d) => !stored.has(d.id)).map((d) => ({ ...d }));
      if (fresh.length > 0) await db.documents.bulkAdd(fresh);
    });
  }

  async deleteDocument(id: string): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', db.documents, db.vectors, db.index, async () => {
      await db.documents.where('id').equals(id).delete();
      await db.vectors.delete(id);
      const meta = await db.index.get('index');
      if (meta?.docIds.includes(id)) await db.index.put({ ...meta, docIds: meta.docIds.filter((d) => d !== id) });
    });
  }

  async saveIndex(snapshot: IndexSnapshot): Promise<void> {
    const db = this.dexie;
    const snapshotId = newSnapshotId();
    const packed = packSnapshot(snapshot, snapshotId);
    await db.transaction('rw', db.documents, db.vectors, db.index, async () => {
      const stored = new Set(await db.documents.orderBy('id').keys());
      const rows = packed.filter((r) => stored.has(r.docId));
      await db.vectors.clear();
      await db.vectors.bulkPut(rows);
      await db.index.put({
        key: 'index',
        snapshotId,
        modelId: snapshot.modelId,
        device: snapshot.device,
        dimension: snapshot.dimension,
        chunking: { ...snapshot.chunking },
        docIds: rows.map((r) => r.docId),
        savedAt: Date.now(),
        ...(snapshot.lsa ? { lsa: snapshot.lsa } : {}),
      });
    });
  }

  async load(): Promise<StoredWorkspace> {
    const db = this.dexie;
    return db.transaction('r', db.documents, db.vectors, db.index, async () => {
      const documents = (await db.documents.toArray()).map(({ seq: _seq, ...doc }) => doc);
      const meta = await db.index.get('index');
      const rows = meta ? await db.vectors.bulkGet(meta.docIds) : [];
      const index = unpackSnapshot(
        meta,
        rows.filter((r): r is VectorsRow => r !== undefined),
        documents,
      );
      return { documents, index };
    });
  }

  async clear(): Promise<void> {
    const db = this.dexie;
    await db.transaction('rw', db.documents, db.vectors, db.index, async () => {
      await Promise.all([db.documents.clear(), db.vectors.clear(), db.index.clear()]);
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
