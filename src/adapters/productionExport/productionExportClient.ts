// Main thread side of the production export worker (see productionExport.worker.ts).
import { startWorker, type WorkerClient } from '../workerRpc';
import type { ProductionExportWorkerApi } from './productionExport.worker';

export type { ProductionExportWorkerApi };
export type { ExportHeader, ExportSizes } from './exportZip';

export function createProductionExportClient(): Promise<WorkerClient<ProductionExportWorkerApi>> {
  return startWorker<ProductionExportWorkerApi>(
    new Worker(new URL('./productionExport.worker.ts', import.meta.url), { type: 'module', name: 'openbook-production-export' }),
  );
}
