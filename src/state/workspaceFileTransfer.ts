// Exporting the workspace to one file, and importing such a file in place of the current workspace.
// An import is checked completely first (src/core/workspaceFile.ts); only a sound file replaces anything.
// The index is then rebuilt from the file's vectors through the same path as a restore after a reload
// (nothing is embedded), and the workspace is saved like one the user built here.
import { exportWorkspace, parseWorkspaceFile, type WorkspaceFileError } from '../core/workspaceFile';
import { message, type Message } from '../i18n/message';
import { useChunkingStore } from './chunkingStore';
import { useDocumentsStore } from './documentsStore';
import { currentIndexSnapshot, useIndexStore } from './indexStore';
import { emptyWorkspace } from './workspace';
import { saveDocument, saveFailure, saveIndex, useWorkspaceStore } from './workspaceSaves';

/** The current documents and index as a workspace file, or null when there is no index to export. */
export function exportCurrentWorkspace(now: Date = new Date()): Uint8Array | null {
  const snapshot = currentIndexSnapshot();
  if (!snapshot) return null;
  const documents = useDocumentsStore.getState().documents;
  return exportWorkspace({ ...snapshot, documents }, now);
}

export type ImportOutcome = { ok: true; documents: number; chunks: number; modelId: string } | { ok: false; error: Message };

/** What is wrong with a workspace file, in words. */
export function importErrorMessage(error: WorkspaceFileError): Message {
  const { code, ...values } = error;
  return message(`workspace.transfer.errors.${code}`, values);
}

const isBusy = () => ['loading-model', 'embedding', 'indexing'].includes(useIndexStore.getState().phase);

/** Replace the workspace with the one in this file, or say why not (and change nothing). */
export async function importWorkspaceFile(bytes: Uint8Array): Promise<ImportOutcome> {
  if (isBusy()) return { ok: false, error: message('workspace.transfer.busy') };
  await useIndexStore.getState().loadSiteModels();
  const parsed = parseWorkspaceFile(
    bytes,
    useIndexStore.getState().models.map((m) => m.id),
  );
  if (!parsed.ok) return { ok: false, error: importErrorMessage(parsed.error) };
  if (isBusy()) return { ok: false, error: message('workspace.transfer.busy') };
  const { content } = parsed;

  if (!(await emptyWorkspace())) {
    // Shown once, beside the import button, rather than also at the top of the area.
    const problem = useWorkspaceStore.getState().problem!;
    useWorkspaceStore.setState({ problem: null });
    return { ok: false, error: problem };
  }
  // The chunks were made with the file's settings, and the question must be embedded by the file's model.
  useChunkingStore.getState().setDraft(content.chunking);
  useIndexStore.getState().setModel(content.modelId);
  useDocumentsStore.getState().restore(content.documents);

  const startedAt = performance.now();
  const { documents, ...index } = content;
  const saved = Promise.all(documents.map((doc) => saveDocument(doc)))
    .then(() => saveIndex(index))
    .catch((err: unknown) => useWorkspaceStore.setState({ problem: saveFailure('document', err) }));
  await useIndexStore.getState().restoreIndex({ ...index, savedAt: Date.now() }, startedAt);
  await saved;
  return { ok: true, documents: documents.length, chunks: useIndexStore.getState().indexedChunks.size, modelId: content.modelId };
}
