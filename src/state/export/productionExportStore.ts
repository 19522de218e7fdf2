// "Export for production": one zip with openbook.pipeline.json, chunks.parquet, pgvector.sql and the Node
// project (node/). The rows go to the production export worker in batches (each batch's vectors copied into
// one transferred buffer, so at most one batch is ever held twice), with progress and Cancel (which
// terminates the worker). Exporting with no index says what is missing.
import { create } from 'zustand';
import { batchesOf, exportRowOf, type ExportRow } from '@openbook/core/productionExport/exportRows';
import { estimateSqlRowBytes, sqlRowsInline } from '@openbook/core/productionExport/pgvectorSql';
import { pipelineFileText } from '@openbook/core/pipelineFile';
import type { Chunk } from '@openbook/core/types';
import { transfer } from '../../adapters/workerRpc';
import type { ExportSizes } from '../../adapters/productionExport/productionExportClient';
import { message, type Message } from '../../i18n/message';
import { describeError } from '../runtime/errors';
import { useDocumentsStore } from '../documents/documentsStore';
import { currentIndexSnapshot, isIndexBusy, useIndexStore } from '../embedding/indexStore';
import { currentPipelineFile, type PipelineOverrides } from './pipelineFile';
import { nodeProjectFiles } from './nodeProjectFiles';
import { getChunker, getProductionExport, resetProductionExport } from '../runtime/workers';
import { tokenizerOf } from '../chunks/chunkTokenizer';
import { mayCountWith } from '../chunks/chunkTokensStore';

/** Rows per batch sent to the worker (one Parquet row group each). */
export const EXPORT_BATCH = 5000;

export interface ProductionExportJob {
  stage: 'preparing' | 'counting' | 'writing' | 'finishing';
  done: number;
  total: number;
}

export const useProductionExportStore = create<{ job: ProductionExportJob | null }>()(() => ({ job: null }));

export type ProductionExportOutcome =
  | { ok: true; blob: Blob; name: string; sizes: ExportSizes; rows: number }
  | { ok: false; cancelled: boolean; error?: Message };

let current: { cancelled: boolean; abandon: (() => void) | null } | null = null;

/** What an export still needs, or null when it can run now. */
export function productionExportBlocker(): Message | null {
  if (useDocumentsStore.getState().documents.length === 0) return message('productionExport.errors.no-documents');
  const index = useIndexStore.getState();
  if (isIndexBusy(index.phase)) return message('productionExport.errors.busy');
  if (index.indexedChunks.size === 0 || !index.indexedModelId) return message('productionExport.errors.no-index');
  return null;
}

export function cancelProductionExport(): void {
  if (!current || current.cancelled) return;
  current.cancelled = true;
  current.abandon?.();
  void resetProductionExport();
}

class Cancelled extends Error {}

const setJob = (job: ProductionExportJob | null) => useProductionExportStore.setState({ job });

/** Tokens the embedding model sees for each chunk, by id, where its tokenizer may be loaded without asking; else empty. */
async function tokenCounts(chunks: Chunk[], job: NonNullable<typeof current>): Promise<Map<string, number>> {
  const index = useIndexStore.getState();
  const model = index.models.find((m) => m.id === index.indexedModelId);
  const counts = new Map<string, number>();
  if (!model) return counts;
  const tokenizer = tokenizerOf(model);
  if (!mayCountWith(tokenizer, index.loaded?.modelId ?? null)) return counts;
  const documents = useDocumentsStore.getState().documents;
  const byDoc = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const list = byDoc.get(c.docId);
    if (list) list.push(c);
    else byDoc.set(c.docId, [c]);
  }
  try {
    const { api } = await getChunker();
    let done = 0;
    for (const doc of documents) {
      const own = byDoc.get(doc.id) ?? [];
      if (own.length === 0) continue;
      const spans = new Int32Array(own.length * 2);
      own.forEach((c, i) => ((spans[i * 2] = c.start), (spans[i * 2 + 1] = c.end)));
      const n = await api.countPassageTokens('production-export', doc.text, transfer(spans, [spans.buffer]), tokenizer);
      own.forEach((c, i) => counts.set(c.id, n[i]!));
      done += own.length;
      if (job.cancelled) throw new Cancelled();
      setJob({ stage: 'counting', done, total: chunks.length });
    }
  } catch (err) {
    if (err instanceof Cancelled) throw err;
    // Without the counts the column is empty (null): the export itself does not depend on them.
    counts.clear();
  }
  return counts;
}

/** Build the export; null when one is under way already. */
export async function exportForProduction(
  uiLanguage: string,
  overrides: PipelineOverrides = {},
  now: Date = new Date(),
): Promise<ProductionExportOutcome | null> {
  if (current) return null;
  const blocker = productionExportBlocker();
  if (blocker) return { ok: false, cancelled: false, error: blocker };
  const snapshot = await currentIndexSnapshot();
  if (current) return null; // another began while the vectors were read
  const pipeline = currentPipelineFile(uiLanguage, overrides, now);
  if (!snapshot || !pipeline) return { ok: false, cancelled: false, error: message('productionExport.errors.no-vectors') };
  const job = (current = { cancelled: false, abandon: null as (() => void) | null });
  const inWorker = <T>(call: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (job.cancelled) return reject(new Cancelled());
      job.abandon = () => reject(new Cancelled());
      call().then(resolve, reject);
    });
  const total = snapshot.chunks.length;
  setJob({ stage: 'preparing', done: 0, total });
  try {
    const names = new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));
    const counts = await tokenCounts(snapshot.chunks, job);
    const files = await nodeProjectFiles();
    const dimension = snapshot.dimension;
    const textUnits = snapshot.chunks.reduce((n, c) => n + c.text.length, 0);
    const inline = sqlRowsInline(estimateSqlRowBytes(total, textUnits, dimension));
    const pipelineText = pipelineFileText({ ...pipeline, embedding: { ...pipeline.embedding, dimension } });
    const { api } = await inWorker(getProductionExport);
    await inWorker(() => api.begin({ modelId: snapshot.modelId, dimension, rows: total, inline, createdAt: now.toISOString(), pipelineText, files }));
    setJob({ stage: 'writing', done: 0, total });
    let done = 0;
    let position = 0;
    for (const batch of batchesOf(snapshot.chunks, EXPORT_BATCH)) {
      const rows: ExportRow[] = batch.map((c) => exportRowOf(c, names.get(c.docId) ?? c.docId, counts.get(c.id) ?? null));
      const vectors = new Float32Array(batch.length * dimension);
      for (let i = 0; i < batch.length; i++) vectors.set(snapshot.vectors[position + i]!, i * dimension);
      position += batch.length;
      await inWorker(() => api.add(rows, transfer(vectors, [vectors.buffer])));
      done += batch.length;
      setJob({ stage: 'writing', done, total });
    }
    setJob({ stage: 'finishing', done, total });
    const { parts, sizes } = await inWorker(() => api.finish() as Promise<{ parts: Uint8Array[]; sizes: ExportSizes }>);
    if (job.cancelled) return { ok: false, cancelled: true };
    const name = `openbook-production-${now.toISOString().slice(0, 10)}.zip`;
    return { ok: true, blob: new Blob(parts as Uint8Array<ArrayBuffer>[], { type: 'application/zip' }), name, sizes, rows: total };
  } catch (err) {
    if (err instanceof Cancelled || job.cancelled) return { ok: false, cancelled: true };
    return { ok: false, cancelled: false, error: message('productionExport.errors.failed', { detail: describeError(err) }) };
  } finally {
    current = null;
    setJob(null);
  }
}
