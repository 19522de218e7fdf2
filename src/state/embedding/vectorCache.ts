// Vectors already computed, by model, device and text, so re-chunking only embeds what changed and a
// saved index can be written without embedding again. WebGPU (fp32) and WASM (q8) vectors differ
// slightly, hence the device in the key. One map per model and device, keyed by the chunk's text itself:
// the key is the chunk's own string (no copy of every text in a joined key, ~1 KB a chunk).
import type { EmbeddingDevice } from '../../adapters/embedder/embedder';
import type { Chunk } from '@openbook/core/types';

const caches = new Map<string, Map<string, Float32Array>>();
const cacheOf = (modelId: string, device: EmbeddingDevice): Map<string, Float32Array> | undefined => caches.get(`${modelId}\u0000${device}`);

export const cachedVector = (modelId: string, device: EmbeddingDevice, text: string) => cacheOf(modelId, device)?.get(text);

export function cacheVector(modelId: string, device: EmbeddingDevice, text: string, vector: Float32Array): void {
  const key = `${modelId}\u0000${device}`;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  cache.set(text, vector);
}

/** The text a chunk was embedded as: its own text, or (with contextual headers) its header and text. */
export type EmbeddedTextOf = (chunk: Chunk) => string;
const ownText: EmbeddedTextOf = (c) => c.text;

/** The distinct texts among these chunks that have no vector yet. */
export function textsWithoutVectors(modelId: string, device: EmbeddingDevice, chunks: Chunk[], textOf: EmbeddedTextOf = ownText): string[] {
  const cache = cacheOf(modelId, device);
  return [...new Set(chunks.map(textOf).filter((t) => !cache?.has(t)))];
}

/** Every chunk's vector, in order, or null if one is missing. */
export function vectorsFor(modelId: string, device: EmbeddingDevice, chunks: Chunk[], textOf: EmbeddedTextOf = ownText): Float32Array[] | null {
  const cache = cacheOf(modelId, device);
  if (!cache) return chunks.length === 0 ? [] : null;
  const vectors: Float32Array[] = [];
  for (const c of chunks) {
    const v = cache.get(textOf(c));
    if (!v) return null;
    vectors.push(v);
  }
  return vectors;
}

export const forgetVectors = () => caches.clear();
