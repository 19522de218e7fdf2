// Saving the workspace as it changes (documents added and removed, the index after each build) through
// the WorkspaceStorage adapter, and what the Workspace area shows: storage use, persistence, failures.
// Writes go one after another, in the order the changes happened (also those of an import, which writes
// the new workspace beside the saved one: workspaceReplace.ts, through writeInTurn). No other store is
// imported here, so every store can import this module. A tab that does not hold the workspace (another
// tab does, see tabLock.ts) saves nothing, and saves run one at a time across tabs, under the save lock.
import { create } from 'zustand';
import type { SourceDocument } from '@openbook/core/types';
import type { SavedAdapter } from '@openbook/core/adapterTraining/savedAdapter';
import { WorkspaceDb } from '../../adapters/storage/workspaceDb';
import { isQuotaError, type IndexSnapshot, type StorageUse, type WorkspaceStorage } from '../../adapters/storage/workspaceStorage';
import { message, type Message } from '../../i18n/message';
import { describeError } from '../runtime/errors';
import { tabLock } from './tabLock';

interface WorkspaceState {
  /** 'restoring' until the saved workspace is back; 'unavailable' when this browser cannot store it. */
  status: 'restoring' | 'ready' | 'unavailable';
  /** Why the workspace cannot be stored (or restored, or cleared). */
  problem: Message | null;
  /** Why the last index could not be saved; cleared by the next successful save. */
  indexSaveError: Message | null;
  use: StorageUse | null;
  /** Whether the browser keeps the data under storage pressure (null: unknown). */
  persisted: boolean | null;
  /** The answer to the user's request for persistent storage, once asked. */
  persistAnswer: boolean | null;
  /** Set after the user cleared the workspace. */
  cleared: boolean;
}

export const useWorkspaceStore = create<WorkspaceState>()(() => ({
  status: 'restoring',
  problem: null,
  indexSaveError: null,
  use: null,
  persisted: null,
  persistAnswer: null,
  cleared: false,
}));

let storage: WorkspaceStorage | null | undefined;

/** The workspace storage, or null where IndexedDB does not exist (Node tests, some private modes). */
export function workspaceStorage(): WorkspaceStorage | null {
  storage ??= typeof indexedDB === 'undefined' ? null : new WorkspaceDb();
  return storage;
}

/** For tests: use this storage (or none). */
export function setWorkspaceStorage(replacement: WorkspaceStorage | null): void {
  storage = replacement;
}

let queue: Promise<unknown> = Promise.resolve();

/** Run a write after the ones before it; resolves (or rejects) with its own outcome. */
function enqueue<T>(write: (s: WorkspaceStorage) => Promise<T>): Promise<T | undefined> {
  const s = workspaceStorage();
  if (!s) return Promise.resolve(undefined);
  const result = queue.then(async () => {
    await tabLock.decided();
    if (!tabLock.canSave()) return undefined;
    return tabLock.withSaveLock(() => write(s));
  });
  queue = result.catch(() => undefined);
  return result;
}

/** Resolves once every write asked for so far has finished. */
export function writesSettled(): Promise<void> {
  return queue.then(() => undefined);
}

/** A save that failed, in words: a full storage gets its own explanation. */
export function saveFailure(what: 'document' | 'index', err: unknown): Message {
  return isQuotaError(err) ? message(`workspace.errors.${what}-quota`) : message(`workspace.errors.${what}-failed`, { detail: describeError(err) });
}

/** Save a document; rejects when it could not be saved (the caller tells the user). */
export async function saveDocument(doc: SourceDocument): Promise<void> {
  await enqueue((s) => s.saveDocument(doc));
  void refreshStorageUse();
}

/** Save a batch of documents in one transaction; rejects when they could not be saved. */
export async function saveDocuments(docs: SourceDocument[]): Promise<void> {
  if (docs.length === 0) return;
  await enqueue((s) => (docs.length === 1 ? s.saveDocument(docs[0]!) : s.saveDocuments(docs)));
  void refreshStorageUse();
}

/** Delete a document and its part of the saved index. */
export async function deleteDocument(id: string): Promise<void> {
  try {
    await enqueue((s) => s.deleteDocument(id));
  } catch (err) {
    useWorkspaceStore.setState({ problem: message('workspace.errors.delete-failed', { detail: describeError(err) }) });
  }
  void refreshStorageUse();
}

/** Save the index just built; on failure the previous saved index stays, and the user is told why. */
export async function saveIndex(snapshot: IndexSnapshot): Promise<void> {
  try {
    await enqueue((s) => s.saveIndex(snapshot));
    useWorkspaceStore.setState({ indexSaveError: null });
  } catch (err) {
    useWorkspaceStore.setState({ indexSaveError: saveFailure('index', err) });
  }
  void refreshStorageUse();
}

/** Keep the query adapter with the saved index (null: remove it); rejects when that failed. */
export async function saveAdapter(adapter: SavedAdapter | null): Promise<void> {
  await enqueue((s) => s.saveAdapter(adapter));
}

/** Remove everything stored; rejects when that failed. */
export async function clearStoredWorkspace(): Promise<void> {
  await enqueue((s) => s.clear());
  useWorkspaceStore.setState({ indexSaveError: null, problem: null });
  void refreshStorageUse();
}

export async function refreshStorageUse(): Promise<void> {
  const s = workspaceStorage();
  if (!s) return;
  try {
    const [use, persisted] = await Promise.all([s.estimate(), s.persisted()]);
    useWorkspaceStore.setState({ use, persisted });
  } catch {
    /* an estimate is a nicety: leave the last one */
  }
}

export async function requestPersistentStorage(): Promise<void> {
  const s = workspaceStorage();
  if (!s) return;
  try {
    const granted = await s.requestPersistence();
    useWorkspaceStore.setState({ persistAnswer: granted, persisted: granted });
  } catch {
    useWorkspaceStore.setState({ persistAnswer: false });
  }
}

/** Run a write of one's own (a staged replacement's, see workspaceReplace.ts) in turn with the others. */
export function writeInTurn<T>(write: (s: WorkspaceStorage) => Promise<T>): Promise<T | undefined> {
  return enqueue(write);
}
