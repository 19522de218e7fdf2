// The keyword index's Web Worker: one Bm25Index (the fast engine; MiniSearch is its reference in tests),
// exposed through Comlink. Tokenising 100k chunks takes seconds; here it never stalls the page, and a large
// build shares the tokenising with tokeniser workers (parallelBuild.ts: addCounted). The app's index is
// saved after a large build and loaded back on the next visit (keywordIndexPersistence.ts).
import type { TermCounts } from '@openbook/core/retrieval/termCounts';
import { sanitizeKeywordAnalysis } from '@openbook/core/retrieval/keywordAnalysis';
import { exposeWorker } from '../workerRpc';
import type { KeywordDoc, KeywordIndexStatus, KeywordSearchOptions, KeywordSearchResult } from './keywordIndex';
import { Bm25Index } from './bm25Index';
import { KeywordIndexPersistence } from './keywordIndexPersistence';
import { unpackKeywordDocs, unpackStrings, type PackedKeywordDocs, type PackedStrings } from './packedDocs';
import type { SavedKeywordIndexDb } from './savedIndexDb';

const index = new Bm25Index();
// Dexie is loaded with the saved index's storage, on the first large build (not with the worker).
let db: Promise<SavedKeywordIndexDb | null> | undefined;
const persistence = new KeywordIndexPersistence(
  index,
  () =>
    (db ??= typeof indexedDB === 'undefined' ? Promise.resolve(null) : import('./savedIndexDb').then(({ SavedKeywordIndexDb }) => new SavedKeywordIndexDb())),
);

const api = {
  /** Tokenise with this analysis (stop words, stemming); a different one empties the index. */
  setAnalysis: (analysis: unknown): KeywordIndexStatus => index.setAnalysis(sanitizeKeywordAnalysis(analysis)),
  /** The chunks best come packed (packedDocs.ts), as for restoreSaved. */
  build: (docs: KeywordDoc[] | PackedKeywordDocs): KeywordIndexStatus => index.build(unpackKeywordDocs(docs)),
  add: (docs: KeywordDoc[]): KeywordIndexStatus => {
    persistence.changed();
    return index.add(docs);
  },
  /** The ids best come packed (packedDocs.ts). */
  addCounted: (ids: string[] | PackedStrings, counts: TermCounts): KeywordIndexStatus => index.addCounted(unpackStrings(ids), counts),
  reindex: (): KeywordIndexStatus => index.reindex(),
  remove: (ids: string[]): KeywordIndexStatus => {
    persistence.changed();
    return index.remove(ids);
  },
  clear: (): KeywordIndexStatus => {
    persistence.changed();
    return index.clear();
  },
  /**
   * Load the index saved from exactly these chunks under this analysis, if there is a sound one (else build,
   * then saveBuilt). The chunks best come packed (packedDocs.ts): a cheap message for the page.
   */
  restoreSaved: (docs: KeywordDoc[] | PackedKeywordDocs, analysis: unknown) => persistence.restore(unpackKeywordDocs(docs), sanitizeKeywordAnalysis(analysis)),
  /** Save the index just built from the chunks restoreSaved() was given. */
  saveBuilt: (): Promise<boolean> => persistence.saveBuilt(),
  /** Delete the saved index. */
  forgetSaved: (): Promise<void> => persistence.forget(),
  search: (query: string, k: number, options?: KeywordSearchOptions): KeywordSearchResult => index.search(query, k, options),
  status: (): KeywordIndexStatus => index.status(),
};

export type KeywordIndexWorkerApi = typeof api;

exposeWorker(api);
