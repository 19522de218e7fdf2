// Main thread side of the reranker worker: start it, wait until it is ready, hand back its API.
import { startWorker, type WorkerClient } from '../workerRpc';
import type { RerankerWorkerApi } from './reranker.worker';
import { UNRESPONSIVE_AFTER_MS } from '../workerSupervisor';

export type { RerankerWorkerApi } from './reranker.worker';

/**
 * The worker's API through Comlink. Callbacks (onDownload, onBatch) must be wrapped with `callback()`
 * from workerRpc. Errors arrive as plain Errors that keep `name` and `message` (e.g. name
 * 'RerankCancelledError' or 'RerankerLoadError'), not their classes.
 */
export type RerankerClient = WorkerClient<RerankerWorkerApi>;

export function createRerankerClient(): Promise<RerankerClient> {
  return startWorker<RerankerWorkerApi>(
    new Worker(new URL('./reranker.worker.ts', import.meta.url), { type: 'module', name: 'openbook-reranker' }),
    // It answers between short steps: silent for two minutes, it hangs (a call in flight then fails).
    { deadAfterMs: UNRESPONSIVE_AFTER_MS },
  );
}
