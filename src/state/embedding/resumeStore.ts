// Ingestion that survives interruption: while a run embeds, each batch of vectors is saved at once
// (adapters/storage/embeddingProgressDb.ts); when the run ends the complete index is saved and the
// batches are dropped. After a tab closed mid-run, the next visit finds the batches (their vectors stay in
// storage until a run reads them, addSavedRunVectors: they are not computed again) and shows the run as incomplete, with the documents it had not
// finished and a Resume button. Nothing of it is ever shown as indexed: the index holds only what a
// completed run put there. A run that finished but whose index could not be saved (a full storage) keeps
// its batches too, and the next visit says exactly that (`unsaved`), not that it was interrupted.
// This module imports no other store that imports it (no cycles).
import { create } from 'zustand';
import type { Chunk } from '@openbook/core/types';
import type { ComputeDevice } from '../../adapters/embedder/embedder';
import { EmbeddingProgressDb, type EmbeddingProgressStorage, type UnsavedReason } from '../../adapters/storage/embeddingProgressDb';
import { allChunks } from '../chunks/chunkingStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { tabLock } from '../workspace/tabLock';

/** A run that stopped before its end (the tab was closed): how far it got. */
export interface InterruptedRun {
  modelId: string;
  device: ComputeDevice;
  /** Chunks that have a vector from that model, of all chunks now. */
  done: number;
  total: number;
  /** Documents with chunks still to embed, and how far each got. */
  documents: { id: string; name: string; done: number; total: number }[];
  /** The run was not interrupted: it finished, and only the saving of its index failed (and why). */
  unsaved?: UnsavedReason;
}

export const useResumeStore = create<{ interrupted: InterruptedRun | null }>()(() => ({ interrupted: null }));

/** How many texts are embedded (and saved) at a time: what a closed tab can lose at most. */
export const PROGRESS_BATCH = 64;

let storage: EmbeddingProgressStorage | null | undefined;

function progressStorage(): EmbeddingProgressStorage | null {
  storage ??= typeof indexedDB === 'undefined' ? null : new EmbeddingProgressDb();
  return storage;
}

/** For tests: use this storage (or none). */
export function setProgressStorage(replacement: EmbeddingProgressStorage | null): void {
  storage = replacement;
}

let queue: Promise<unknown> = Promise.resolve();

function enqueue(write: (s: EmbeddingProgressStorage) => Promise<void>): Promise<void> {
  const s = progressStorage();
  if (!s) return Promise.resolve();
  // A failed write (e.g. a full disk) only means more to embed again after an interruption. A tab that does
  // not hold the workspace (tabLock.ts) writes nothing; the others write one at a time.
  const next = queue
    .then(async () => {
      await tabLock.decided();
      if (tabLock.canSave()) await tabLock.withSaveLock(() => write(s));
    })
    .catch(() => undefined);
  queue = next;
  return next;
}

/** Save one batch of a run's vectors as soon as it is embedded. */
export function saveProgressBatch(modelId: string, device: ComputeDevice, texts: string[], vectors: Float32Array[]): Promise<void> {
  return enqueue((s) => s.addBatch(modelId, device, texts, vectors));
}

/**
 * The run finished but its index could not be saved: its saved batches stay (their vectors need not be
 * computed again), and the next visit says that the run finished and was not saved, and why.
 */
export function noteUnsavedRun(modelId: string, device: ComputeDevice, reason: UnsavedReason): Promise<void> {
  return enqueue((s) => s.markUnsaved(modelId, device, reason));
}

/** The run ended (or the workspace was emptied): its batches are no longer needed. */
export function clearProgress(): Promise<void> {
  useResumeStore.setState({ interrupted: null });
  return enqueue((s) => s.clear());
}

/** What an interrupted run left, measured against the chunks now and what the index holds. Pure. */
export function describeInterruptedRun(
  modelId: string,
  device: ComputeDevice,
  chunks: Chunk[],
  hasVector: (text: string) => boolean,
  indexed: (chunk: Chunk) => boolean,
  docName: (docId: string) => string,
): InterruptedRun | null {
  if (chunks.every(indexed)) return null;
  const perDoc = new Map<string, { done: number; total: number }>();
  let done = 0;
  for (const c of chunks) {
    const d = perDoc.get(c.docId) ?? { done: 0, total: 0 };
    d.total++;
    // (A chunk in the index has its vector there.)
    if (indexed(c) || hasVector(c.text)) {
      d.done++;
      done++;
    }
    perDoc.set(c.docId, d);
  }
  if (done === 0) return null;
  const documents = [...perDoc].filter(([, d]) => d.done < d.total).map(([id, d]) => ({ id, name: docName(id), ...d }));
  return { modelId, device, done, total: chunks.length, documents };
}

/** What an interrupted (or unsaved) run saved, or null: none, or unreadable (its chunks are then embedded again). */
async function savedRun() {
  try {
    return (await progressStorage()?.load()) ?? null;
  } catch {
    return null;
  }
}

/**
 * A run of this model on this device is starting: the vectors an interrupted (or unsaved) run of it saved,
 * by text, go into `into` (texts it has already are kept), so that they are not computed again.
 */
export async function addSavedRunVectors(modelId: string, device: ComputeDevice, into: Map<string, Float32Array>): Promise<void> {
  const saved = await savedRun();
  if (!saved || saved.modelId !== modelId || saved.device !== device) return;
  saved.texts.forEach((text, i) => {
    if (!into.has(text)) into.set(text, saved.vectors[i]!);
  });
}

/**
 * After the saved workspace is back: say what an interrupted run left to do (its vectors stay in storage
 * until the run is resumed). `isIndexed` tells whether a chunk is in the restored index as it is now, made by that model and device.
 */
export async function restoreInterruptedRun(isIndexed: (chunk: Chunk, modelId: string, device: ComputeDevice) => boolean): Promise<void> {
  const saved = await savedRun();
  if (!saved) return;
  const { modelId, device } = saved;
  const texts = new Set(saved.texts);
  const docs = new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));
  const interrupted = describeInterruptedRun(
    modelId,
    device,
    await allChunks(),
    (text) => texts.has(text),
    (chunk) => isIndexed(chunk, modelId, device),
    (id) => docs.get(id) ?? id,
  );
  if (interrupted) useResumeStore.setState({ interrupted: saved.unsaved ? { ...interrupted, unsaved: saved.unsaved } : interrupted });
  else await clearProgress();
}
