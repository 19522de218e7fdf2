// The app's long-lived workers, each started on first use and shared by the stores.
import type { WorkerClient } from '../adapters/workerRpc';
import { createChunkerClient } from '../adapters/chunker/chunkerClient';
import { createEmbedderClient } from '../adapters/embedder/embedderClient';
import { createVectorIndexClient } from '../adapters/vectorIndex/vectorIndexClient';
import { createProjectionClient } from '../adapters/projection/projectionClient';

/** A worker started on first use; a failed start is retried on the next use. */
function lazyWorker<T>(start: () => Promise<WorkerClient<T>>) {
  let client: Promise<WorkerClient<T>> | null = null;
  return {
    get(): Promise<WorkerClient<T>> {
      client ??= start().catch((err: unknown) => {
        client = null;
        throw err;
      });
      return client;
    },
    /** Stop the worker outright (e.g. to abandon a download it cannot interrupt); the next use starts a new one. */
    async reset(): Promise<void> {
      const current = client;
      client = null;
      if (current) (await current.catch(() => null))?.terminate();
    },
  };
}

const chunker = lazyWorker(createChunkerClient);
const embedder = lazyWorker(createEmbedderClient);
const vectorIndex = lazyWorker(createVectorIndexClient);

export const getChunker = chunker.get;
export const getEmbedder = embedder.get;
export const resetEmbedder = embedder.reset;
export const getVectorIndex = vectorIndex.get;

const projection = lazyWorker(createProjectionClient);
/** The embedding map's projection worker; reset() cancels a fit under way. */
export const getProjection = projection.get;
export const resetProjection = projection.reset;
