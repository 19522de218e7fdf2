// For state tests that mock runtime/workers: the keyword worker's client over a real Bm25Index in this
// process (what keywordIndexSync.ts calls), counting the calls the tests look at.
import type { KeywordAnalysis } from '@openbook/core/retrieval/keywordAnalysis';
import { Bm25Index } from '../adapters/keywordIndex/bm25Index';

/** The calls counted: builds, add calls, documents added, remove calls. */
export interface KeywordCalls {
  builds: number;
  adds: number;
  added?: number;
  removes?: number;
}

/** getKeywordIndex() as runtime/workers gives it, over one in-process index. */
export function inProcessKeywordIndex(calls: KeywordCalls) {
  const keywords = new Bm25Index();
  const api = {
    setAnalysis: (analysis: KeywordAnalysis) => keywords.setAnalysis(analysis),
    build: (docs: Array<{ id: string; text: string }>) => (calls.builds++, keywords.build(docs)),
    add: (docs: Array<{ id: string; text: string }>) => {
      calls.adds++;
      calls.added = (calls.added ?? 0) + docs.length;
      return keywords.add(docs);
    },
    addCounted: () => keywords.status(),
    reindex: () => keywords.status(),
    remove: (ids: string[]) => {
      calls.removes = (calls.removes ?? 0) + 1;
      return keywords.remove(ids);
    },
    clear: () => keywords.clear(),
    forgetSaved: async () => undefined,
    search: (query: string, k: number, options?: { allowedIds?: string[] }) => keywords.search(query, k, options),
  };
  return async () => ({ api, terminate() {} });
}
