// The chunking worker: runs the pure core's chunkText off the main thread, so that a large document
// never freezes the page while it is split.
import { chunkText } from '../../core/chunking';
import type { Chunk, ChunkingOptions } from '../../core/types';
import { exposeWorker } from '../workerRpc';

const api = {
  chunk: (docId: string, text: string, options: ChunkingOptions): Chunk[] => chunkText(docId, text, options),
};

export type ChunkerWorkerApi = typeof api;

exposeWorker(api);
