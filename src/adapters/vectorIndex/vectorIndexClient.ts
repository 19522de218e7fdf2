// Starts the vector index worker and connects to it (waiting for its "ready" message).
//   const { api, terminate } = await createVectorIndexClient();
//   await api.build(items, callback((done, total) => ...));   // callback = Comlink.proxy (workerRpc.ts)
//   const { hits, engine, tookMs } = await api.search(queryVector, 5);
// Every method of the remote api returns a promise (status() too).
import { transfer } from 'comlink';
import { startWorker, type WorkerClient } from '../workerRpc';
import type { IndexItem } from './vectorIndex';
import type { VectorIndexWorkerApi } from './vectorIndex.worker';

export type { VectorIndexWorkerApi };

export type VectorIndexClient = WorkerClient<VectorIndexWorkerApi>;

export function createVectorIndexClient(): Promise<VectorIndexClient> {
  return startWorker<VectorIndexWorkerApi>(new Worker(new URL('./vectorIndex.worker.ts', import.meta.url), { type: 'module', name: 'openbook-vector-index' }));
}

/**
 * Mark the items' vector buffers for transfer (instead of a copy) when passed to build/add:
 *   api.build(transferItems(items)). The caller's vectors are DETACHED (empty) afterwards, so only use
 * this when they are not needed any more. Each underlying buffer is listed once (vectors that are views
 * of one big buffer share it).
 */
export function transferItems(items: IndexItem[]): IndexItem[] {
  const buffers = new Set<ArrayBuffer>();
  for (const item of items) if (item.vector.buffer instanceof ArrayBuffer) buffers.add(item.vector.buffer);
  return transfer(items, [...buffers]);
}
