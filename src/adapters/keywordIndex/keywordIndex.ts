// The KeywordIndex interface: BM25 keyword search over chunk texts. bm25Index.ts implements it on typed
// arrays (the app's engine, inside keywordIndex.worker.ts, kept in step with the vector index by
// state/retrieval/keywordIndexSync.ts); miniSearchIndex.ts implements it with MiniSearch, the reference that the
// fast engine must agree with (bm25Index.test.ts).

export interface KeywordDoc {
  id: string;
  text: string;
}

export interface KeywordHit {
  id: string;
  /** BM25+ as MiniSearch scores it (core/retrieval/bm25.ts): 0 or more, unbounded; only comparable within one query. */
  score: number;
}

export interface KeywordSearchResult {
  hits: KeywordHit[];
  /** The query's tokens, as the index sees them (lower-cased words, CJK bigrams; stop words left out and stems as its analysis asks). */
  tokens: string[];
  tookMs: number;
}

export interface KeywordSearchOptions {
  /** Only these ids may be returned: the filter runs inside the search, so k hits that pass it come back. */
  allowedIds?: string[];
}

export interface KeywordIndexStatus {
  size: number;
}

export interface KeywordIndex {
  /** Replace the whole index with these documents. */
  build(docs: KeywordDoc[]): KeywordIndexStatus;
  /** Add documents (an id already present is replaced). */
  add(docs: KeywordDoc[]): KeywordIndexStatus;
  remove(ids: string[]): KeywordIndexStatus;
  clear(): KeywordIndexStatus;
  /** The k best documents for the query, best first (ties by id, ascending). */
  search(query: string, k: number, options?: KeywordSearchOptions): KeywordSearchResult;
  status(): KeywordIndexStatus;
}
