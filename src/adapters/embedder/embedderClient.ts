// Main thread side of the embedding worker: start it, wait until it is ready, hand back its API.
import { connectWorker, type Remote } from '../workerRpc';
import type { EmbedderWorkerApi } from './embedder.worker';

export type { EmbedderWorkerApi, WebGpuInfo } from './embedder.worker';

export interface EmbedderClient {
  /**
   * The worker's API through Comlink. Callbacks (onDownload, onBatch) must be wrapped with
   * `callback()` from workerRpc. Errors arrive as plain Errors that keep `name` and `message`
   * (e.g. name 'EmbeddingCancelledError' or 'EmbedderLoadError'), not their classes.
   */
  api: Remote<EmbedderWorkerApi>;
  /** Stop the worker at once (calls in flight never settle). */
  terminate(): void;
}

export async function createEmbedderClient(): Promise<EmbedderClient> {
  const worker = new Worker(new URL('./embedder.worker.ts', import.meta.url), {
    type: 'module',
    name: 'openbook-embedder',
  });
  try {
    const api = await connectWorker<EmbedderWorkerApi>(worker);
    return { api, terminate: () => worker.terminate() };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}
