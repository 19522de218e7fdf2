// The production export worker: writes the export zip (exportZip.ts) off the main thread, batch by batch.
// A job is cancelled by terminating the worker (src/state/workers.ts): nothing here must be kept.
import type { ExportRow } from '@openbook/core/productionExport/exportRows';
import { exposeWorker, transfer } from '../workerRpc';
import { ExportZipWriter, type ExportHeader, type ExportSizes } from './exportZip';

let writer: ExportZipWriter | null = null;

const api = {
  begin(header: ExportHeader): void {
    writer = new ExportZipWriter(header);
  },
  /** One batch; its vectors' buffer is transferred here. Returns the sizes so far. */
  add(rows: ExportRow[], vectors: Float32Array): ExportSizes {
    if (!writer) throw new Error('export not begun');
    writer.add(rows, vectors);
    return { ...writer.sizes };
  },
  /** The zip's pieces (their buffers transferred back) and the sizes. */
  finish(): { parts: Uint8Array[]; sizes: ExportSizes } {
    if (!writer) throw new Error('export not begun');
    const parts = writer.finish();
    const sizes = { ...writer.sizes };
    writer = null;
    // Pieces may share a buffer: each buffer is transferred once.
    return transfer({ parts, sizes }, [...new Set(parts.map((p) => p.buffer as ArrayBuffer))]);
  },
};

export type ProductionExportWorkerApi = typeof api;

exposeWorker(api);
