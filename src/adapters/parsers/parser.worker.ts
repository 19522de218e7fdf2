// The parsing worker: turns a file's bytes into text and structure off the main thread, so that a large
// PDF never freezes the page. The bytes are transferred in, not copied.
import { exposeWorker } from '../workerRpc';
import { loadBundledCMap } from './bundledCMaps';
import { parseDocument } from './parseDocument';
import type { ParseResult } from './parseResult';

const api = {
  parse: (name: string, bytes: Uint8Array): Promise<ParseResult> => parseDocument(name, bytes, { loadCMap: loadBundledCMap }),
};

export type ParserWorkerApi = typeof api;

exposeWorker(api);
