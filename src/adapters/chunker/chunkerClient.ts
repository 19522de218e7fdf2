// Main thread side of the chunking worker.
import { startWorker, type WorkerClient } from '../workerRpc';
import type { ChunkerWorkerApi } from './chunker.worker';

export type ChunkerClient = WorkerClient<ChunkerWorkerApi>;

export function createChunkerClient(): Promise<ChunkerClient> {
  return startWorker<ChunkerWorkerApi>(new Worker(new URL('./chunker.worker.ts', import.meta.url), { type: 'module', name: 'openbook-chunker' }));
}
