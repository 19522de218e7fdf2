// The keyword index's Web Worker: one Bm25Index (the fast engine; MiniSearch is its reference in tests),
// exposed through Comlink. Tokenising 100k chunks takes seconds; here it never stalls the page, and a large
// build shares the tokenising with tokeniser workers (parallelBuild.ts: addCounted).
import type { TermCounts } from '../../core/retrieval/termCounts';
import { sanitizeKeywordAnalysis } from '../../core/retrieval/keywordAnalysis';
import { exposeWorker } from '../workerRpc';
import type { KeywordDoc, KeywordIndexStatus, KeywordSearchOptions, KeywordSearchResult } from './keywordIndex';
import { Bm25Index } from './bm25Index';

const index = new Bm25Index();

const api = {
  /** Tokenise with this analysis (stop words, stemming); a different one empties the index. */
  setAnalysis: (analysis: unknown): KeywordIndexStatus => index.setAnalysis(sanitizeKeywordAnalysis(analysis)),
  build: (docs: KeywordDoc[]): KeywordIndexStatus => index.build(docs),
  add: (docs: KeywordDoc[]): KeywordIndexStatus => index.add(docs),
  addCounted: (ids: string[], counts: TermCounts): KeywordIndexStatus => index.addCounted(ids, counts),
  reindex: (): KeywordIndexStatus => index.reindex(),
  remove: (ids: string[]): KeywordIndexStatus => index.remove(ids),
  clear: (): KeywordIndexStatus => index.clear(),
  search: (query: string, k: number, options?: KeywordSearchOptions): KeywordSearchResult => index.search(query, k, options),
  status: (): KeywordIndexStatus => index.status(),
};

export type KeywordIndexWorkerApi = typeof api;

exposeWorker(api);
