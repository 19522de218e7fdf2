// The parsing worker: turns a file's bytes into text and structure off the main thread, so that a large
// PDF never freezes the page. The bytes are transferred in, not copied. Small files come in batches:
// one message for many files, not one each.
import { exposeWorker } from '../workerRpc';
import { loadBundledCMap } from './bundledCMaps';
import { parseDocument } from './parseDocument';
import { parseEach, type BatchParseResult, type ParseInput, type ParseResult } from './parseResult';

const parse = (name: string, bytes: Uint8Array): Promise<ParseResult> => parseDocument(name, bytes, { loadCMap: loadBundledCMap });

const api = {
  parse,
  parseBatch: (files: ParseInput[]): Promise<BatchParseResult[]> => parseEach(files, parse),
};

export type ParserWorkerApi = typeof api;

exposeWorker(api);
