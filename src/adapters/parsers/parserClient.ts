// Main thread side of the parsing worker. Cancelling a parse terminates the worker (pdf.js cannot be
// interrupted inside a page); the next parse starts a fresh one.
import * as Comlink from 'comlink';
import { startWorker, type WorkerClient } from '../workerRpc';
import type { ParseProgress } from './htmlParser';
import type { ParserWorkerApi } from './parser.worker';
import type { BatchParseResult, ParseInput } from './parseResult';
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import type { ChunkStream } from './chunkStream';
import { UNRESPONSIVE_AFTER_MS } from '../workerSupervisor';

export type ParserClient = WorkerClient<ParserWorkerApi>;

export function createParserClient(): Promise<ParserClient> {
  return startWorker<ParserWorkerApi>(
    new Worker(new URL('./parser.worker.ts', import.meta.url), { type: 'module', name: 'openbook-parser' }),
    // It answers between short steps: silent for two minutes, it hangs (a call in flight then fails).
    { deadAfterMs: UNRESPONSIVE_AFTER_MS },
  );
}

/** Chunk a lone file while it is read: under these settings, each update to `onChunks` (see parser.worker.ts). */
export interface StreamChunking {
  settings: ChunkerSettings;
  onChunks: ChunkStream;
}

/** Parse a batch of files in one message to the worker; the bytes are moved (unusable after). */
export function parseBatchInWorker(
  client: ParserClient,
  files: ParseInput[],
  onProgress?: ParseProgress,
  chunking?: StreamChunking,
): Promise<BatchParseResult[]> {
  return client.api.parseBatch(
    Comlink.transfer(
      files,
      files.map((f) => f.bytes.buffer),
    ),
    onProgress ? Comlink.proxy(onProgress) : undefined,
    chunking?.settings,
    chunking ? Comlink.proxy(chunking.onChunks) : undefined,
  );
}
