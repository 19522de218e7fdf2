// The parsing worker: turns a file's bytes into text and structure off the main thread, so that a large
// PDF never freezes the page. The bytes are transferred in, not copied.
import { exposeWorker } from '../workerRpc';
import { loadBundledCMap } from './bundledCMaps';
import type { ParseProgress } from './htmlParser';
import { parseDocument } from './parseDocument';
import type { ParseResult } from './parseResult';

const api = {
  /** `onProgress` is a Comlink callback: awaiting it lets the worker answer a ping between steps. */
  parse: (name: string, bytes: Uint8Array, onProgress?: ParseProgress): Promise<ParseResult> =>
    parseDocument(name, bytes, { loadCMap: loadBundledCMap, ...(onProgress ? { onProgress } : {}) }),
};

export type ParserWorkerApi = typeof api;

exposeWorker(api);
