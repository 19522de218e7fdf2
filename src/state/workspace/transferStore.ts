// Exporting the workspace to one file, and importing such a file in place of the current workspace.
// Building and checking the file happen in the workspace file worker (src/adapters/workspaceFile/), with
// the chunks and vectors packed in flat buffers that are transferred, not copied; the job's progress is
// in useTransferStore, and cancelTransfer() stops it by terminating the worker.
// An import is checked completely first (packages/core/src/workspaceFile.ts); only a sound file replaces anything,
// and until then it can be cancelled with the current workspace untouched. The new workspace is then
// written beside the stored one and switched to in one transaction (workspaceReplace.ts): until that has
// happened the page shows, and a reload finds, the old workspace, and a failure (a full disk) leaves it
// as it was, stored and shown. Only then do the stores let go of the old workspace; the index is rebuilt
// from the file's vectors through the same path as a restore after a reload (nothing is embedded).
import { create } from 'zustand';
import {
  packedWorkspaceBuffers,
  unpackWorkspace,
  type PackedWorkspace,
  type ReadWorkspaceFile,
  type WorkspaceContent,
  type WorkspaceFileError,
  type WorkspaceFileProgress,
} from '@openbook/core/workspaceFile';
import { callback, transfer } from '../../adapters/workerRpc';
import type { WorkspaceFileWorkerApi } from '../../adapters/workspaceFile/workspaceFileClient';
import type { Remote } from '../../adapters/workerRpc';
import { message, type Message } from '../../i18n/message';
import { describeError } from '../runtime/errors';
import { useChunkingStore } from '../chunks/chunkingStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { currentIndexPacked, isIndexBusy, useIndexStore } from '../embedding/indexStore';
import { useAdapterStore } from '../evaluation/adapterStore';
import { getWorkspaceFile, releaseWorkspaceFile, resetWorkspaceFile } from '../runtime/workers';
import { forgetWorkspace } from '../flows/workspaceRestore';
import { storeReplacement } from '../flows/workspaceReplace';
import { stageBuild, type StagedBuild } from '../flows/buildIndex';

/** Where an export or import is: the worker's stages, and the import's steps after the file is checked. */
export type TransferStage = 'starting' | WorkspaceFileProgress['stage'] | 'replacing' | 'indexing' | 'saving';

export interface TransferJob {
  kind: 'export' | 'import';
  /** The file's name. */
  name: string;
  stage: TransferStage;
  /** Bytes (unpacking) or documents (the other worker stages) done, out of `total`; 0 of 0 when unknown. */
  done: number;
  total: number;
  /** False once an import has begun to replace the workspace: from then on it runs to its end. */
  cancellable: boolean;
}

export const useTransferStore = create<{ job: TransferJob | null }>()(() => ({ job: null }));

class TransferCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** The job under way: whether it was cancelled, and how to stop waiting for its worker call. */
let current: { cancelled: boolean; abandon: (() => void) | null } | null = null;

function startJob(kind: TransferJob['kind'], name: string): { cancelled: boolean; abandon: (() => void) | null } {
  current = { cancelled: false, abandon: null };
  useTransferStore.setState({ job: { kind, name, stage: 'starting', done: 0, total: 0, cancellable: true } });
  return current;
}

function endJob() {
  current = null;
  useTransferStore.setState({ job: null });
  // The file worker is ended between jobs (a new one starts for the next): idle, it would keep MBs of heap.
  void releaseWorkspaceFile();
}

const updateJob = (change: Partial<TransferJob>) => useTransferStore.setState((s) => (s.job ? { job: { ...s.job, ...change } } : s));

/** Call the worker; rejects with TransferCancelled as soon as the job is cancelled (the worker is terminated). */
function inWorker<T>(job: NonNullable<typeof current>, run: (api: Remote<WorkspaceFileWorkerApi>) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (job.cancelled) return reject(new TransferCancelled());
    job.abandon = () => reject(new TransferCancelled());
    getWorkspaceFile()
      .then(({ api }) => run(api))
      .then(resolve, reject);
  }).finally(() => {
    job.abandon = null;
  });
}

const onProgress = (job: NonNullable<typeof current>) =>
  callback((p: WorkspaceFileProgress) => {
    if (current === job && !job.cancelled) updateJob({ stage: p.stage, done: p.done, total: p.total });
  });

/** Stop the export or import under way, while it can be (an import that has begun replacing the workspace cannot). */
export function cancelTransfer(): void {
  const job = current;
  if (!job || job.cancelled || !useTransferStore.getState().job?.cancellable) return;
  job.cancelled = true;
  job.abandon?.();
  void resetWorkspaceFile();
}

/** `blob`: the same file as `bytes`, ready to download (made in the worker). */
export type ExportOutcome = { ok: true; bytes: Uint8Array; blob: Blob } | { ok: false; cancelled: boolean; error?: Message };

/** The current documents and index as a workspace file (built in the worker), or null when there is no index to export. */
export async function exportCurrentWorkspace(name: string, now: Date = new Date()): Promise<ExportOutcome | null> {
  if (current) return null;
  if (useIndexStore.getState().indexedChunks.size === 0) return null;
  const documents = useDocumentsStore.getState().documents;
  const job = startJob('export', name);
  performance.mark('openbook:export-start'); // marks for scripts/bench-browser.ts
  try {
    // The vectors come from the index worker (the page keeps none), in one buffer per document: copies
    // that the file worker takes over. The query adapter goes with the index it belongs to (its weights
    // are copied, not transferred).
    const index = await currentIndexPacked(documents);
    if (!index) return null;
    const { adapter } = useAdapterStore.getState();
    const packed = adapter && adapter.modelId === index.modelId && adapter.dimension === index.dimension ? { ...index, adapter } : index;
    performance.mark('openbook:export-packed');
    const { bytes, blob } = await inWorker(job, (api) => api.write(transfer(packed, packedWorkspaceBuffers(packed)), now.toISOString(), onProgress(job)));
    performance.mark('openbook:export-written');
    if (job.cancelled) return { ok: false, cancelled: true };
    return { ok: true, bytes, blob };
  } catch (err) {
    if (err instanceof TransferCancelled || job.cancelled) return { ok: false, cancelled: true };
    return { ok: false, cancelled: false, error: message('transferJob.errors.export-failed', { detail: describeError(err) }) };
  } finally {
    endJob();
  }
}

export type ImportOutcome = { ok: true; documents: number; chunks: number; modelId: string } | { ok: false; error: Message; cancelled?: boolean };

/** Let the page take its turn (input, rendering) between two slices of work on the main thread. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * unpackWorkspace one document at a time, with the page's turn between two: no single task makes the
 * chunks of a large workspace at once. Each document's vectors are staged in the index worker meanwhile.
 */
async function unpackInSlices(packed: PackedWorkspace, staged: StagedBuild): Promise<WorkspaceContent> {
  const parts: WorkspaceContent[] = [];
  for (const document of packed.documents) {
    const part = unpackWorkspace({ ...packed, documents: [document] });
    parts.push(part);
    // A copy of its vectors goes to the index worker, which indexes them while the workspace is saved
    // (these are written to storage first).
    if (part.chunks.length > 0)
      staged.add({ docId: document.document.id, ids: part.chunks.map((c) => c.id), vectors: document.vectors.slice(0, part.chunks.length * packed.dimension) });
    await nextTask();
  }
  const whole = unpackWorkspace({ ...packed, documents: [] });
  for (const part of parts) {
    whole.documents.push(...part.documents);
    for (const c of part.chunks) whole.chunks.push(c);
    for (const v of part.vectors) whole.vectors.push(v);
  }
  return whole;
}

/** What is wrong with a workspace file, in words. */
export function importErrorMessage(error: WorkspaceFileError): Message {
  const { code, ...values } = error;
  return message(`workspace.transfer.errors.${code}`, values);
}

const isBusy = () => isIndexBusy(useIndexStore.getState().phase);

/**
 * Replace the workspace with the one in this file, or say why not (and change nothing). The file's buffer
 * is handed over to the worker: `bytes` is empty afterwards.
 */
export async function importWorkspaceFile(bytes: Uint8Array, name: string): Promise<ImportOutcome> {
  if (isBusy()) return { ok: false, error: message('workspace.transfer.busy') };
  if (current) return { ok: false, error: message('transferJob.errors.busy') };
  const job = startJob('import', name);
  performance.mark('openbook:import-start'); // marks for scripts/bench-browser.ts
  const cancelled: ImportOutcome = { ok: false, cancelled: true, error: message('transferJob.cancelled') };
  /** The new index, built in the index worker while the workspace is saved (dropped unless it became the index). */
  let staged: StagedBuild | null = null;
  try {
    await useIndexStore.getState().loadSiteModels();
    // With their dimensions: a file whose vectors another model made (or that says so wrongly) is refused.
    const models = useIndexStore.getState().models.map(({ id, dimension, builtin }) => ({ id, dimension, ...(builtin ? { builtin } : {}) }));
    let read: ReadWorkspaceFile;
    try {
      // (Comlink types a union result as a union of promises.)
      read = await inWorker(job, (api) => api.read(transfer(bytes, [bytes.buffer as ArrayBuffer]), models, onProgress(job)) as Promise<ReadWorkspaceFile>);
    } catch (err) {
      if (err instanceof TransferCancelled || job.cancelled) return cancelled;
      return { ok: false, error: message('transferJob.errors.import-failed', { detail: describeError(err) }) };
    }
    performance.mark('openbook:import-read');
    if (job.cancelled) return cancelled;
    if (!read.ok) return { ok: false, error: importErrorMessage(read.error) };
    if (isBusy()) return { ok: false, error: message('workspace.transfer.busy') };
    // From here on the workspace is being replaced: the import runs to its end.
    updateJob({ stage: 'saving', done: 0, total: 0, cancellable: false });
    // The new index is built in the worker beside the one that answers, while the workspace is saved; it
    // becomes the index only once the new workspace is stored and shown (restoreIndex below).
    staged = stageBuild();
    const content = await unpackInSlices(read.packed, staged);
    performance.mark('openbook:import-unpacked');
    const { documents, ...index } = content;

    // Written beside the stored workspace and switched to in one step; until then the page and a
    // reload keep the old workspace, and a failure leaves it as it was.
    const stored = await storeReplacement(documents, index, () => (isBusy() ? message('workspace.transfer.busy') : null));
    if (!stored.ok) return { ok: false, error: stored.error };
    performance.mark('openbook:import-saved');

    // Stored and live: the stores let go of the old workspace and show this one.
    updateJob({ stage: 'replacing' });
    await forgetWorkspace(stored.kept);
    // The chunks were made with the file's settings, and the question must be embedded by the file's model.
    useChunkingStore.getState().setDraft(content.chunking);
    useIndexStore.getState().setModel(content.modelId);
    // The file's vectors were embedded with (or without) contextual headers: the choice follows them.
    useIndexStore.getState().setEmbedHeaders(content.embedHeaders ?? false);
    useDocumentsStore.getState().restore(documents);
    performance.mark('openbook:import-emptied');
    const startedAt = performance.now();
    updateJob({ stage: 'indexing' });
    await useIndexStore.getState().restoreIndex({ ...index, savedAt: Date.now() }, startedAt, undefined, staged);
    useAdapterStore.getState().restore(index.adapter ?? null);
    performance.mark('openbook:import-indexed');
    return { ok: true, documents: documents.length, chunks: useIndexStore.getState().indexedChunks.size, modelId: content.modelId };
  } finally {
    staged?.drop(); // (nothing, once it became the index)
    endJob();
  }
}
