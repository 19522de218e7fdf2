// The VectorIndex interface: nearest-neighbour search over chunk vectors. exactIndex.ts implements it with
// an exact scan (the default engine, and the fallback where Voy cannot answer correctly); voyIndex.ts with
// voy-search (plus the guards its limits need), loaded only when a search asks for Voy (lazyVoyIndex.ts).
// Runs inside vectorIndex.worker.ts.

export interface IndexItem {
  id: string;
  /** L2-normalised. */
  vector: Float32Array;
}

/** An item whose vector is the one the index holds now for another id (`from`): see buildReusing in storedVectors.ts. */
export interface ReusedItem {
  id: string;
  from: string;
}

export interface SearchHit {
  id: string;
  /** Cosine similarity to the query, computed from the stored vectors, in [-1, 1]. */
  score: number;
}

export type IndexEngine = 'voy' | 'exact';

export interface IndexStatus {
  size: number;
  dimension: number | null;
  engine: IndexEngine;
  /** Why the exact engine answers instead of Voy (e.g. 'dimension-over-768', 'voy-failed'), if it does. */
  fallbackReason: string | null;
  /** The most chunks Voy is used for on this device (past it the exact engine answers), where there is a limit. */
  voyLimit?: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** The engine that answered. */
  engine: IndexEngine;
  tookMs: number;
  /**
   * Why the exact engine answered although Voy was asked for (e.g. 'filtered': Voy cannot filter, so a
   * search with allowedIds is an exact scan of those ids), or null.
   */
  fallbackReason?: string | null;
}

export interface SearchOptions {
  /**
   * Only these chunk ids may be returned: the filter is applied in the search, so k hits that pass it come
   * back (when that many exist), not k hits filtered afterwards.
   */
  allowedIds?: string[];
  /** Ask a particular engine to answer (the user's choice); the index may still answer with the exact scan and say why. */
  engine?: IndexEngine;
}

export interface VectorIndex {
  /**
   * Replace the whole index with these items. onProgress reports items added so far. The index may answer
   * before it is complete inside (e.g. Voy filled in the background); onLaterStatus hears when that ends.
   */
  build(items: IndexItem[], onProgress?: (done: number, total: number) => void, onLaterStatus?: (status: IndexStatus) => void): Promise<IndexStatus>;
  add(items: IndexItem[]): Promise<IndexStatus>;
  remove(ids: string[]): Promise<IndexStatus>;
  clear(): Promise<IndexStatus>;
  search(query: Float32Array, k: number, options?: SearchOptions): Promise<SearchResult>;
  status(): IndexStatus;
}
