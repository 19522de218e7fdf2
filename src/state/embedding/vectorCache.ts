// Vectors already computed, by model, device and text, so re-chunking only embeds what changed and a
// saved index can be written without embedding again. WebGPU (fp32) and WASM (q8) vectors differ
// slightly, hence the device in the key.
import type { EmbeddingDevice } from '../../adapters/embedder/embedder';
import type { Chunk } from '../../core/types';

const cache = new Map<string, Float32Array>();
const key = (modelId: string, device: EmbeddingDevice, text: string) => `${modelId}\u0000${device}\u0000${text}`;

export const cachedVector = (modelId: string, device: EmbeddingDevice, text: string) => cache.get(key(modelId, device, text));

export function cacheVector(modelId: string, device: EmbeddingDevice, text: string, vector: Float32Array): void {
  cache.set(key(modelId, device, text), vector);
}

/** The distinct texts among these chunks that have no vector yet. */
export function textsWithoutVectors(modelId: string, device: EmbeddingDevice, chunks: Chunk[]): string[] {
  return [...new Set(chunks.map((c) => c.text).filter((t) => !cache.has(key(modelId, device, t))))];
}

/** Every chunk's vector, in order, or null if one is missing. */
export function vectorsFor(modelId: string, device: EmbeddingDevice, chunks: Chunk[]): Float32Array[] | null {
  const vectors: Float32Array[] = [];
  for (const c of chunks) {
    const v = cache.get(key(modelId, device, c.text));
    if (!v) return null;
    vectors.push(v);
  }
  return vectors;
}

export const forgetVectors = () => cache.clear();
