// Main thread side of the parsing worker. Cancelling a parse terminates the worker (pdf.js cannot be
// interrupted inside a page); the next parse starts a fresh one.
import * as Comlink from 'comlink';
import { startWorker, type WorkerClient } from '../workerRpc';
import type { ParserWorkerApi } from './parser.worker';
import type { BatchParseResult, ParseInput, ParseResult } from './parseResult';

export type ParserClient = WorkerClient<ParserWorkerApi>;

export function createParserClient(): Promise<ParserClient> {
  return startWorker<ParserWorkerApi>(
    new Worker(new URL('./parser.worker.ts', import.meta.url), { type: 'module', name: 'openbook-parser' }),
  );
}

/** Parse one file in `client`'s worker; the bytes are moved to the worker (`bytes` is unusable after). */
export function parseInWorker(client: ParserClient, name: string, bytes: Uint8Array): Promise<ParseResult> {
  return client.api.parse(name, Comlink.transfer(bytes, [bytes.buffer]));
}

/** Parse a batch of files in one message to the worker; the bytes are moved (unusable after). */
export function parseBatchInWorker(client: ParserClient, files: ParseInput[]): Promise<BatchParseResult[]> {
  return client.api.parseBatch(Comlink.transfer(files, files.map((f) => f.bytes.buffer)));
}
