// The WorkspaceStorage interface: what the stores need to keep a workspace across reloads (documents,
// and the vector index with the chunks and vectors it holds). workspaceDb.ts implements it with Dexie
// over IndexedDB. The core never sees it; the stores call it (see src/state/workspace/workspaceStore.ts).
// Replacing the whole workspace (an import) goes through stage(): the new workspace is written beside the
// live one and made live in one step, so that a reload at any moment finds the whole old or the whole new.
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import type { Chunk, SourceDocument } from '@openbook/core/types';
import type { EmbeddingDevice } from '@openbook/core/types';
import type { LsaModel } from '@openbook/core/lsa/lsaModel';
import type { SavedAdapter } from '@openbook/core/adapterTraining/savedAdapter';

/** What the vector index holds: vectors are tied to the model and device that made them. */
export interface IndexSnapshot {
  modelId: string;
  device: EmbeddingDevice;
  dimension: number;
  /** The chunk settings the chunks were made with. */
  chunking: ChunkerSettings;
  /** The indexed chunks; vectors[i] is the vector of chunks[i] (L2-normalised, `dimension` long). */
  chunks: Chunk[];
  vectors: Float32Array[];
  /** The built-in embedder's fitted projection, when it made the vectors (questions are embedded with it). */
  lsa?: LsaModel;
  /** A query adapter trained for this index's embedding model, when there is one. */
  adapter?: SavedAdapter;
  /** True when each chunk was embedded with its contextual header (title › heading path) before its text; absent: its text alone. */
  embedHeaders?: boolean;
  /** The set of chat-model chunk contexts the chunks were embedded with (state/chunks/chunkContextStore.ts); absent: none. */
  chunkContexts?: string;
}

export interface SavedIndex extends IndexSnapshot {
  savedAt: number;
}

export interface StoredWorkspace {
  /** In the order they were added. */
  documents: SourceDocument[];
  /** The saved index, or null when there is none or it is not complete. */
  index: SavedIndex | null;
  /**
   * Saved records that could not be used and were left out (a document whose addedAt is not a time, whose
   * text is not a string…; an index with NaN vectors): the good ones are loaded all the same.
   */
  dropped?: DroppedRecord[];
}

/** A saved record left out on load: a document (by name, or id where the name is unusable) or the index. */
export type DroppedRecord = { kind: 'document'; name: string; field: string } | { kind: 'index'; problem: string };

/** One indexed document's vectors as read from storage: `ids` are its chunks' ids, `vectors` theirs, one after another. */
export interface StoredVectors {
  docId: string;
  ids: string[];
  vectors: Float32Array;
}

/** Where WorkspaceStorage.load hands each document's vectors as it reads them. */
export type VectorsSink = (part: StoredVectors) => void;

export interface StorageUse {
  usageBytes: number;
  quotaBytes: number;
}

export interface WorkspaceStorage {
  saveDocument(doc: SourceDocument): Promise<void>;
  /** Save several documents in one transaction (a batch of dropped files); all are saved or none. */
  saveDocuments(docs: SourceDocument[]): Promise<void>;
  /** Delete a document, and its chunks and vectors from the saved index, in one transaction. */
  deleteDocument(id: string): Promise<void>;
  /**
   * Replace the saved index, in one transaction: if it fails (e.g. QuotaExceededError) the previous
   * index is still there, whole. Chunks of documents that are not stored are left out.
   */
  saveIndex(snapshot: IndexSnapshot): Promise<void>;
  /**
   * Read the live workspace. With a sink, each indexed document's vectors go to it as soon as its row is
   * read and checked, while the next rows are still being read (the sink owns them: it may transfer
   * them), and the index returned has no `vectors` (an empty array). The sink may hear of documents of an
   * index that then turns out incomplete or unusable (index null): it must then drop what it was given.
   */
  load(sink?: VectorsSink): Promise<StoredWorkspace>;
  /**
   * Keep this query adapter with the live index (null: remove it), in one transaction. Resolves false
   * when there is no saved index to keep it with.
   */
  saveAdapter(adapter: SavedAdapter | null): Promise<boolean>;
  /** Remove every document and the index. */
  clear(): Promise<void>;
  /** Begin writing a workspace beside the live one; nothing of it is read until its switchTo(). */
  stage(): StagedWorkspace;
  /** Delete what an interrupted or failed replacement left (rows never made live); resolves with how many rows. */
  dropLeftovers(): Promise<number>;
  /** Space this site uses and may use in this browser (navigator.storage.estimate), or null if unknown. */
  estimate(): Promise<StorageUse | null>;
  /** Whether the browser keeps this site's data under storage pressure; null if it cannot tell. */
  persisted(): Promise<boolean | null>;
  /** Ask the browser to keep this site's data (navigator.storage.persist); null if it cannot. */
  requestPersistence(): Promise<boolean | null>;
}

/** A workspace written beside the live one, in as many steps as needed, then made live at once. */
export interface StagedWorkspace {
  /** Add documents to it (one transaction), after those added before. */
  addDocuments(docs: SourceDocument[]): Promise<void>;
  /** Its index (one transaction); chunks of documents it does not hold are left out. */
  saveIndex(snapshot: IndexSnapshot): Promise<void>;
  /**
   * Make it the live workspace and delete the one before, in ONE transaction. Rejects, with nothing
   * changed, when that fails or when something written to it is no longer there.
   */
  switchTo(): Promise<void>;
  /** Delete what was written of it (unless it went live). */
  discard(): Promise<void>;
}

/** True for a full disk or an exhausted quota, also when Dexie wrapped the browser's error. */
export function isQuotaError(err: unknown): boolean {
  for (let e = err as { name?: unknown; inner?: unknown } | null | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.name === 'QuotaExceededError') return true;
    e = e.inner as typeof e;
  }
  return false;
}
