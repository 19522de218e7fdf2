// The KeywordIndex interface: BM25 keyword search over chunk texts. miniSearchIndex.ts implements it with
// MiniSearch; it runs inside keywordIndex.worker.ts, kept in step with the vector index
// (state/keywordIndexSync.ts).

export interface KeywordDoc {
  id: string;
  text: string;
}

export interface KeywordHit {
  id: string;
  /** MiniSearch's BM25+ score: 0 or more, unbounded; only comparable within one query. */
  score: number;
}

export interface KeywordSearchResult {
  hits: KeywordHit[];
  /** The query's tokens, as the index sees them (lower-cased words, CJK bigrams). */
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
