// The chunking worker: runs the pure core's chunkers off the main thread, so that a large document never
// freezes the page while it is split, and counts tokens with the embedding model's own tokenizer (loaded
// here, only when a token count is needed).
import { chunkDocument, type ChunkableDocument } from '../../core/chunkers';
import type { ChunkerSettings } from '../../core/chunkers/settings';
import type { Chunk } from '../../core/types';
import { exposeWorker } from '../workerRpc';
import type { TokenizerRef } from './tokenizer';

const tokenizerModule = () => import('./tokenizer');

/** A count runs only while it is the newest on its channel: an older one stops at its next pause. */
const generations = new Map<string, number>();

/** Thrown when a newer count request replaced this one. */
const SUPERSEDED = 'superseded';

const api = {
  async chunk(doc: ChunkableDocument, settings: ChunkerSettings, tokenizer: TokenizerRef | null): Promise<Chunk[]> {
    if (settings.kind !== 'token') return chunkDocument(doc, settings);
    if (!tokenizer) throw new Error('The token chunker needs an embedding model: choose one in step 3.');
    const { loadTokenizer } = await tokenizerModule();
    const loaded = await loadTokenizer(tokenizer);
    return chunkDocument(doc, settings, loaded.count);
  },

  /**
   * Tokens the embedding model sees for each text (prefix and special tokens included), in batches that
   * let a newer request on the same channel in; `onProgress` hears how many are done. A replaced request
   * rejects with 'superseded'.
   */
  async countPassageTokens(channel: string, texts: string[], tokenizer: TokenizerRef, onProgress?: (done: number) => void): Promise<Int32Array> {
    const generation = (generations.get(channel) ?? 0) + 1;
    generations.set(channel, generation);
    const { loadTokenizer } = await tokenizerModule();
    const loaded = await loadTokenizer(tokenizer);
    const counts = new Int32Array(texts.length);
    let sinceYield = 0;
    for (let i = 0; i < texts.length; i++) {
      counts[i] = loaded.countPassage(texts[i]!);
      sinceYield += texts[i]!.length;
      if (sinceYield > 50_000) {
        sinceYield = 0;
        onProgress?.(i + 1);
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (generation !== generations.get(channel)) throw new Error(SUPERSEDED);
      }
    }
    return counts;
  },
};

export type ChunkerWorkerApi = typeof api;

exposeWorker(api);
