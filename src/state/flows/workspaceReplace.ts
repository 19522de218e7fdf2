// Replacing the stored workspace with another one (an imported file, a published workspace) so that a
// reload, a closed tab or a failed write at any moment leaves the whole old workspace or the whole new one:
//   1. the new documents (in batches), then its index, are written BESIDE the stored workspace, as a new
//      generation (WorkspaceStorage.stage), while the page still shows the old workspace;
//   2. one transaction makes the new one live and deletes the old one (StagedWorkspace.switchTo);
//   3. only then does the caller let go of the old workspace in the stores and show the new one.
// A failure in 1 or 2 (a full disk, say) discards what was written and changes nothing, stored or shown;
// the message says so. What an interrupted replacement wrote is dropped on the next start
// (dropReplacementLeftovers). The writes go in turn with the stores' own (workspace/workspaceStore.ts); a test can
// pause between the steps (importPause.ts).
import type { SourceDocument } from '@openbook/core/types';
import { isQuotaError, type IndexSnapshot } from '../../adapters/storage/workspaceStorage';
import { message, type Message } from '../../i18n/message';
import { describeError } from '../runtime/errors';
import { importPause } from '../workspace/importPause';
import { useDocumentsStore } from '../documents/documentsStore';
import { refreshStorageUse, workspaceStorage, writeInTurn } from '../workspace/workspaceStore';

/** At most this many documents, and about this many characters of text, per write. */
const DOCUMENTS_PER_WRITE = 8;
const TEXT_PER_WRITE = 4_000_000;

/** The documents in the batches they are written in, in order. */
export function documentBatches(documents: SourceDocument[]): SourceDocument[][] {
  const batches: SourceDocument[][] = [];
  let batch: SourceDocument[] = [];
  let text = 0;
  for (const doc of documents) {
    if (batch.length > 0 && (batch.length >= DOCUMENTS_PER_WRITE || text + doc.text.length > TEXT_PER_WRITE)) {
      batches.push(batch);
      batch = [];
      text = 0;
    }
    batch.push(doc);
    text += doc.text.length;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

export type ReplaceOutcome =
  /** Stored and live. `kept`: documents in the stores that belong to the new workspace too (added after the switch was queued, so saved into it). */
  { ok: true; kept: (doc: SourceDocument) => boolean } | { ok: false; error: Message };

/** Why a replacement could not be saved, in words that say the old workspace is still there. */
export function replaceFailure(err: unknown): Message {
  return isQuotaError(err) ? message('replaceWorkspace.errors.quota') : message('replaceWorkspace.errors.failed', { detail: describeError(err) });
}

/**
 * Store this workspace in place of the current one (steps 1 and 2 above). `refusal` is asked just before
 * the switch: a reason not to switch after all (e.g. an embedding run started meanwhile), or null.
 * Without storage (no IndexedDB) there is nothing to write: the stores alone hold the workspace.
 */
export async function storeReplacement(documents: SourceDocument[], index: IndexSnapshot, refusal: () => Message | null): Promise<ReplaceOutcome> {
  const storage = workspaceStorage();
  if (!storage) return { ok: true, kept: () => false };
  const staged = storage.stage();
  let before: Set<string>;
  try {
    await importPause('saving');
    for (const batch of documentBatches(documents)) {
      await writeInTurn(() => staged.addDocuments(batch));
      await importPause('documents');
    }
    await writeInTurn(() => staged.saveIndex(index));
    await importPause('index');
    const reason = refusal();
    if (reason) {
      await writeInTurn(() => staged.discard()).catch(() => undefined);
      return { ok: false, error: reason };
    }
    // Documents added from now on are saved after the switch, into the new workspace: they stay.
    before = new Set(useDocumentsStore.getState().documents.map((d) => d.id));
    await writeInTurn(() => staged.switchTo());
  } catch (err) {
    // Left over if this fails too: dropped on the next start.
    await writeInTurn(() => staged.discard()).catch(() => undefined);
    void refreshStorageUse();
    return { ok: false, error: replaceFailure(err) };
  }
  void refreshStorageUse();
  await importPause('switched');
  return { ok: true, kept: (doc) => !before.has(doc.id) };
}

/** Drop what an interrupted replacement left in storage; call on start, after the saved workspace is read. */
export async function dropReplacementLeftovers(): Promise<void> {
  try {
    await writeInTurn((s) => s.dropLeftovers());
  } catch {
    /* tried again on the next start; never read meanwhile */
  }
}
