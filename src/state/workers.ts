// The app's long-lived workers, started on first use and shared by the stores.
import { createEmbedderClient, type EmbedderClient } from '../adapters/embedder/embedderClient';
import { createVectorIndexClient, type VectorIndexClient } from '../adapters/vectorIndex/vectorIndexClient';

let embedder: Promise<EmbedderClient> | null = null;
let vectorIndex: Promise<VectorIndexClient> | null = null;

export function getEmbedder(): Promise<EmbedderClient> {
  embedder ??= createEmbedderClient().catch((err: unknown) => {
    embedder = null;
    throw err;
  });
  return embedder;
}

/** Stop the embedding worker outright (used when it must be replaced, e.g. after a crash). */
export async function resetEmbedder(): Promise<void> {
  const current = embedder;
  embedder = null;
  if (current) (await current.catch(() => null))?.terminate();
}

export function getVectorIndex(): Promise<VectorIndexClient> {
  vectorIndex ??= createVectorIndexClient().catch((err: unknown) => {
    vectorIndex = null;
    throw err;
  });
  return vectorIndex;
}
