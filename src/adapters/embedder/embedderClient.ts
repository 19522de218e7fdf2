// Main thread side of the embedding worker: start it, wait until it is ready, hand back its API.
import { startWorker, type WorkerClient } from '../workerRpc';
import type { EmbedderWorkerApi } from './embedder.worker';
import { UNRESPONSIVE_AFTER_MS } from '../workerSupervisor';

export type { EmbedderWorkerApi } from './embedder.worker';

/**
 * The worker's API through Comlink. Callbacks (onDownload, onBatch) must be wrapped with `callback()`
 * from workerRpc. Errors arrive as plain Errors that keep `name` and `message` (e.g. name
 * 'EmbeddingCancelledError' or 'EmbedderLoadError'), not their classes.
 */
export type EmbedderClient = WorkerClient<EmbedderWorkerApi>;

export function createEmbedderClient(): Promise<EmbedderClient> {
  return startWorker<EmbedderWorkerApi>(
    new Worker(new URL('./embedder.worker.ts', import.meta.url), { type: 'module', name: 'openbook-embedder' }),
    // It answers between short steps: silent for two minutes, it hangs (a call in flight then fails).
    { deadAfterMs: UNRESPONSIVE_AFTER_MS },
  );
}
