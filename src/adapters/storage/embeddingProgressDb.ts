// The vectors of an embedding run that has not finished yet, saved batch by batch in IndexedDB (Dexie,
// a database of its own: 'openbook-embedding-progress'), so that a run interrupted by a closed tab can
// resume where it stopped. The complete index is saved separately (workspaceDb.ts), only when a run ends;
// these rows are never read as an index, only as vectors that need not be computed again.
// When a run finished but its index could not be saved (a full storage), a small note says so, in
// localStorage (not counted in the storage that is full): the batches left are then those of a finished
// run, not of an interrupted one.
import { Dexie, type EntityTable } from 'dexie';
import type { ComputeDevice } from '@openbook/core/types';
import { MAX_VECTOR_DIMENSION, packedVectorsProblem } from '@openbook/core/workspaceLimits';

export const PROGRESS_DB_NAME = 'openbook-embedding-progress';

interface BatchRow {
  seq?: number;
  modelId: string;
  device: ComputeDevice;
  dimension: number;
  texts: string[];
  /** Float32, texts × dimension. */
  vectors: ArrayBuffer;
}

/** Why a finished run's index was not saved: the storage was full, or another failure. */
export type UnsavedReason = 'quota' | 'failed';

/** Vectors of an unfinished run, all from one model on one device. */
export interface SavedProgress {
  modelId: string;
  device: ComputeDevice;
  texts: string[];
  vectors: Float32Array[];
  /** Set when the run finished and only the saving of its index failed (markUnsaved). */
  unsaved?: UnsavedReason;
}

export interface EmbeddingProgressStorage {
  /** Add one batch of vectors; a batch of another model or device replaces what was there. */
  addBatch(modelId: string, device: ComputeDevice, texts: string[], vectors: Float32Array[]): Promise<void>;
  load(): Promise<SavedProgress | null>;
  /** The run of this model and device finished, but its index could not be saved: its batches are kept. */
  markUnsaved(modelId: string, device: ComputeDevice, reason: UnsavedReason): Promise<void>;
  clear(): Promise<void>;
}

interface UnsavedNote {
  modelId: string;
  device: ComputeDevice;
  reason: UnsavedReason;
}

const isUnsavedNote = (v: unknown): v is UnsavedNote =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as UnsavedNote).modelId === 'string' &&
  typeof (v as UnsavedNote).device === 'string' &&
  ((v as UnsavedNote).reason === 'quota' || (v as UnsavedNote).reason === 'failed');

/** localStorage where there is one (a private mode may refuse it: then no note, and the run reads as interrupted). */
function notes(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Whether a saved batch has the shape it was written with. */
const isBatchRow = (row: BatchRow): boolean =>
  typeof row.modelId === 'string' &&
  (row.device === 'webgpu' || row.device === 'wasm') &&
  Number.isSafeInteger(row.dimension) &&
  row.dimension > 0 &&
  row.dimension <= MAX_VECTOR_DIMENSION &&
  Array.isArray(row.texts) &&
  row.texts.every((t) => typeof t === 'string') &&
  row.vectors instanceof ArrayBuffer;

type ProgressDexie = Dexie & { batches: EntityTable<BatchRow, 'seq'> };

export class EmbeddingProgressDb implements EmbeddingProgressStorage {
  private readonly db: ProgressDexie;
  private readonly noteKey: string;

  constructor(name = PROGRESS_DB_NAME) {
    this.db = new Dexie(name) as ProgressDexie;
    this.db.version(1).stores({ batches: '++seq' });
    this.noteKey = `${name}.unsaved`;
  }

  private readNote(): UnsavedNote | null {
    try {
      const parsed: unknown = JSON.parse(notes()?.getItem(this.noteKey) ?? 'null');
      return isUnsavedNote(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  private forgetNote(): void {
    try {
      notes()?.removeItem(this.noteKey);
    } catch {
      // nothing to forget
    }
  }

  async markUnsaved(modelId: string, device: ComputeDevice, reason: UnsavedReason): Promise<void> {
    try {
      notes()?.setItem(this.noteKey, JSON.stringify({ modelId, device, reason } satisfies UnsavedNote));
    } catch {
      // no note: the batches are then described as an interrupted run
    }
  }

  async addBatch(modelId: string, device: ComputeDevice, texts: string[], vectors: Float32Array[]): Promise<void> {
    // A new run has started: what the note said of the run before no longer describes the last one.
    this.forgetNote();
    if (texts.length === 0) return;
    const dimension = vectors[0]!.length;
    const packed = new Float32Array(texts.length * dimension);
    vectors.forEach((v, i) => packed.set(v, i * dimension));
    await this.db.transaction('rw', this.db.batches, async () => {
      const first = await this.db.batches.toCollection().first();
      if (first && (first.modelId !== modelId || first.device !== device || first.dimension !== dimension)) await this.db.batches.clear();
      await this.db.batches.add({ modelId, device, dimension, texts, vectors: packed.buffer });
    });
  }

  async load(): Promise<SavedProgress | null> {
    const rows = await this.db.batches.orderBy('seq').toArray();
    const first = rows[0];
    if (!first) return null;
    const progress: SavedProgress = { modelId: first.modelId, device: first.device, texts: [], vectors: [] };
    if (!isBatchRow(first)) return null;
    for (const row of rows) {
      // Damaged, or changed outside the app: left out (its vectors are computed again).
      if (!isBatchRow(row)) continue;
      if (row.modelId !== first.modelId || row.device !== first.device || row.dimension !== first.dimension) continue;
      if (row.vectors.byteLength !== row.texts.length * row.dimension * 4) continue;
      const all = new Float32Array(row.vectors);
      row.texts.forEach((text, i) => {
        const vector = all.slice(i * row.dimension, (i + 1) * row.dimension);
        if (packedVectorsProblem(vector, row.dimension)) return; // NaN, Infinity or all zeros: not kept
        progress.texts.push(text);
        progress.vectors.push(vector);
      });
    }
    const note = this.readNote();
    if (note && note.modelId === progress.modelId && note.device === progress.device) progress.unsaved = note.reason;
    return progress;
  }

  async clear(): Promise<void> {
    this.forgetNote();
    await this.db.batches.clear();
  }

  close(): void {
    this.db.close();
  }
}
