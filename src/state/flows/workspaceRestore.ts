// The workspace as a whole: bring back the saved one when the app starts (and drop what an interrupted
// import left in storage), and clear it on request. (Saving as things change happens in the stores, through
// workspace/workspaceStore.ts; replacing the stored workspace with an imported one, in workspaceReplace.ts.)
import { message } from '../../i18n/message';
import { useChunkContextStore } from '../chunks/chunkContextStore';
import { deferChunking } from '../chunks/chunkingStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { useIndexStore } from '../embedding/indexStore';
import { useAdapterStore } from '../evaluation/adapterStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';
import { useGenerationStore } from '../generation/generationStore';
import { describeError } from '../runtime/errors';
import { clearProgress, restoreInterruptedRun } from '../embedding/resumeStore';
import { stageBuild } from './buildIndex';
import { clearStoredWorkspace, refreshStorageUse, useWorkspaceStore, workspaceStorage } from '../workspace/workspaceStore';
import { dropReplacementLeftovers } from './workspaceReplace';
import type { SourceDocument } from '@openbook/core/types';
import { addNotice } from '../runtime/noticesStore';
import type { DroppedRecord } from '../../adapters/storage/workspaceStorage';

/** Say which saved records were left out on restore (the rest of the workspace is back). */
function noticeDropped(dropped: DroppedRecord[]): void {
  for (const d of dropped) {
    addNotice(
      d.kind === 'document' ? message('notices.droppedDocument', { name: d.name, field: d.field }) : message('notices.droppedIndex', { problem: d.problem }),
    );
  }
}

let restoring: Promise<void> | null = null;

/**
 * Restore the saved workspace, once per page: the documents (their chunks follow from the chunk
 * settings, which localStorage keeps), then the index, rebuilt in its worker from the saved vectors.
 */
export function restoreWorkspace(): Promise<void> {
  restoring ??= (async () => {
    const startedAt = performance.now();
    const storage = workspaceStorage();
    if (!storage) {
      useWorkspaceStore.setState({ status: 'unavailable', problem: message('workspace.errors.unavailable', { detail: 'IndexedDB' }) });
      return;
    }
    try {
      performance.mark('openbook:restore-start'); // marks for scripts/bench-browser.ts
      // Each document's saved vectors go to the index worker as IndexedDB reads them: the worker (started
      // now) indexes one document while the next is read, and the index is made of them at the end.
      const staged = stageBuild();
      let loaded: Awaited<ReturnType<typeof storage.load>>;
      try {
        loaded = await storage.load(staged.add);
      } catch (err) {
        staged.drop();
        throw err;
      }
      const { documents, index, dropped } = loaded;
      if (!index) staged.drop();
      performance.mark('openbook:workspace-read');
      // Only the live workspace is read: rows an interrupted import wrote beside it can go.
      void dropReplacementLeftovers();
      if (dropped) noticeDropped(dropped);
      // The saved vectors go to the (now ready) index worker first: it builds while the page renders the
      // documents, which follow at once.
      const indexing = index
        ? useIndexStore.getState().restoreIndex(
            index,
            startedAt,
            documents.map((d) => d.id),
            staged,
          )
        : null;
      // The documents' chunks (a worker's work, which search does not need) are made once the index is
      // searchable: until then the cores are the index worker's.
      if (indexing) deferChunking(indexing);
      useDocumentsStore.getState().restore(documents);
      useWorkspaceStore.setState({ status: 'ready' });
      await indexing;
      // The query adapter saved with the index (it applies only while the index is of its model).
      useAdapterStore.getState().restore(index?.adapter ?? null);
      performance.mark('openbook:index-restored');
      const { indexedChunks, indexedModelId, indexedDevice } = useIndexStore.getState();
      await restoreInterruptedRun(
        (chunk, modelId, device) => indexedModelId === modelId && indexedDevice === device && indexedChunks.get(chunk.id)?.text === chunk.text,
      );
    } catch (err) {
      useWorkspaceStore.setState({ status: 'unavailable', problem: message('workspace.errors.unavailable', { detail: describeError(err) }) });
    }
    void refreshStorageUse();
  })();
  return restoring;
}

/** Empty documents, index and stored data. Settings (chunking, models, language) stay. */
export async function clearWorkspace(): Promise<boolean> {
  if (!(await emptyWorkspace())) return false;
  // The chat model's chunk contexts are sentences about the documents: they go with them.
  useChunkContextStore.getState().forgetContexts();
  useWorkspaceStore.setState({ cleared: true });
  return true;
}

/**
 * Remove everything stored, then empty the documents, results, answer and index in the stores. False,
 * with the reason shown, if the stored data could not be removed: then nothing has changed.
 */
export async function emptyWorkspace(): Promise<boolean> {
  try {
    await clearStoredWorkspace();
  } catch (err) {
    useWorkspaceStore.setState({ problem: message('workspace.errors.clear-failed', { detail: describeError(err) }) });
    return false;
  }
  await forgetWorkspace();
  return true;
}

/**
 * Empty the documents (but those `keep` says stay), results, answer and index in the stores, and the
 * interrupted-run progress; the stored workspace is not touched (an import has already replaced it).
 * What was said about saving the workspace that goes (a failed save) no longer applies.
 */
export async function forgetWorkspace(keep: (doc: SourceDocument) => boolean = () => false): Promise<void> {
  useWorkspaceStore.setState((s) => ({ indexSaveError: null, problem: s.status === 'unavailable' ? s.problem : null }));
  const kept = useDocumentsStore.getState().documents.filter(keep);
  useDocumentsStore.getState().clearAll();
  if (kept.length > 0) useDocumentsStore.getState().restore(kept);
  useRetrievalStore.getState().clearResults();
  // The answer came from the documents just removed.
  if (useGenerationStore.getState().phase === 'generating') await useGenerationStore.getState().stop();
  useGenerationStore.setState({ answer: '', answeredPrompt: null, stats: null, stopped: false });
  await useIndexStore.getState().resetIndex();
  // The query adapter went with the index it was saved with.
  useAdapterStore.getState().restore(null);
  await clearProgress();
}
