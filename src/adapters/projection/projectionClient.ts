// Main thread side of the projection worker. Cancelling a fit = terminating the worker (UMAP's layout is
// one long synchronous loop); the next use starts a fresh one.
import { startWorker, type WorkerClient } from '../workerRpc';
import type { ProjectionWorkerApi } from './projection.worker';

export type ProjectionClient = WorkerClient<ProjectionWorkerApi>;

export function createProjectionClient(): Promise<ProjectionClient> {
  return startWorker<ProjectionWorkerApi>(new Worker(new URL('./projection.worker.ts', import.meta.url), { type: 'module', name: 'openbook-projection' }));
}
