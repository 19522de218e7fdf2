// The parsing worker: turns a file's bytes into text and structure off the main thread, so that a large
// PDF never freezes the page. The bytes are transferred in, not copied. Small files come in batches:
// one message for many files, not one each.
import { exposeWorker } from '../workerRpc';
import { loadBundledCMap } from './bundledCMaps';
import type { ParseProgress } from './htmlParser';
import { parseDocument } from './parseDocument';
import { parseEach, type BatchParseResult, type ParseInput } from './parseResult';

const api = {
  /**
   * A batch of files; `onProgress` (a Comlink callback) hears a lone file's progress (a batch of one large
   * file): awaiting it lets the worker answer a ping between steps.
   */
  parseBatch: (files: ParseInput[], onProgress?: ParseProgress): Promise<BatchParseResult[]> =>
    parseEach(files, (name, bytes) => parseDocument(name, bytes, { loadCMap: loadBundledCMap, ...(onProgress && files.length === 1 ? { onProgress } : {}) })),
};

export type ParserWorkerApi = typeof api;

exposeWorker(api);
