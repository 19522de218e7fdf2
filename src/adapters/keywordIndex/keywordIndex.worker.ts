// The keyword index's Web Worker: one MiniSearchIndex, exposed through Comlink. Building the index of
// 100k chunks takes seconds; here it never stalls the page.
import { exposeWorker } from '../workerRpc';
import type { KeywordDoc, KeywordIndexStatus, KeywordSearchOptions, KeywordSearchResult } from './keywordIndex';
import { MiniSearchIndex } from './miniSearchIndex';

const index = new MiniSearchIndex();

const api = {
  build: (docs: KeywordDoc[]): KeywordIndexStatus => index.build(docs),
  add: (docs: KeywordDoc[]): KeywordIndexStatus => index.add(docs),
  remove: (ids: string[]): KeywordIndexStatus => index.remove(ids),
  clear: (): KeywordIndexStatus => index.clear(),
  search: (query: string, k: number, options?: KeywordSearchOptions): KeywordSearchResult => index.search(query, k, options),
  status: (): KeywordIndexStatus => index.status(),
};

export type KeywordIndexWorkerApi = typeof api;

exposeWorker(api);
