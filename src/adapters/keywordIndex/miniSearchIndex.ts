// KeywordIndex on MiniSearch 7, the reference implementation that bm25Index.ts (the app's engine) is
// tested against: BM25+ (k1 = 1.2, b = 0.7, δ = 0.5) over one field, the chunk text,
// tokenised by core/retrieval/tokenize.ts (Intl.Segmenter words, lower-cased, CJK bigrams). A query's
// tokens are de-duplicated, are OR-ed, exact terms only (no prefix or fuzzy matching). MiniSearch sums
// the BM25+ scores of the query terms a chunk contains and multiplies the sum by how many of them it
// contains: that product is the score reported. A chunk's length (for BM25's length normalisation) is
// its number of distinct tokens, as MiniSearch counts it. Removal uses discard (lazy clean-up inside MiniSearch).
import MiniSearch from 'minisearch';
import { queryTokens, tokenize } from '@openbook/core/retrieval/tokenize';
import type { KeywordDoc, KeywordHit, KeywordIndex, KeywordIndexStatus, KeywordSearchOptions, KeywordSearchResult } from './keywordIndex';

const keepTerm = (term: string) => term;

function createMiniSearch(): MiniSearch<KeywordDoc> {
  return new MiniSearch<KeywordDoc>({
    fields: ['text'],
    idField: 'id',
    tokenize,
    processTerm: keepTerm,
    searchOptions: { tokenize: queryTokens, processTerm: keepTerm, combineWith: 'OR', prefix: false, fuzzy: false },
  });
}

export class MiniSearchIndex implements KeywordIndex {
  private mini = createMiniSearch();

  status(): KeywordIndexStatus {
    return { size: this.mini.documentCount };
  }

  build(docs: KeywordDoc[]): KeywordIndexStatus {
    this.mini = createMiniSearch();
    return this.add(docs);
  }

  add(docs: KeywordDoc[]): KeywordIndexStatus {
    const byId = new Map<string, KeywordDoc>();
    for (const doc of docs) {
      if (typeof doc.id !== 'string' || typeof doc.text !== 'string') throw new Error('a keyword document needs a string id and text');
      byId.set(doc.id, doc); // the later of two with one id wins
    }
    for (const id of byId.keys()) if (this.mini.has(id)) this.mini.discard(id);
    this.mini.addAll([...byId.values()]);
    return this.status();
  }

  remove(ids: string[]): KeywordIndexStatus {
    for (const id of ids) if (this.mini.has(id)) this.mini.discard(id);
    return this.status();
  }

  clear(): KeywordIndexStatus {
    this.mini = createMiniSearch();
    return this.status();
  }

  /**
   * Let MiniSearch clean discarded chunks out of its postings. Until then, the first search for a term
   * after a removal counts the removed chunks in that term's df for some chunks (MiniSearch decrements
   * the count as it meets them), so scores can differ slightly from those of a clean index.
   */
  vacuum(): Promise<void> {
    return this.mini.vacuum();
  }

  search(query: string, k: number, options: KeywordSearchOptions = {}): KeywordSearchResult {
    const t0 = performance.now();
    const tokens = queryTokens(query);
    k = Math.floor(k);
    let hits: KeywordHit[] = [];
    if (tokens.length > 0 && k > 0 && this.mini.documentCount > 0) {
      const allowed = options.allowedIds ? new Set(options.allowedIds) : null;
      const found = this.mini.search(query, allowed ? { filter: (r) => allowed.has(r.id as string) } : {});
      hits = topHits(found, k);
    }
    return { hits, tokens, tookMs: performance.now() - t0 };
  }
}

/** The k best of MiniSearch's results (already sorted by score), ties at equal score broken by id. */
function topHits(found: ReadonlyArray<{ id: unknown; score: number }>, k: number): KeywordHit[] {
  // Take everything tied with the k-th score, then order ties by id and cut at k.
  let end = Math.min(k, found.length);
  const last = found[end - 1]?.score;
  while (end < found.length && found[end]!.score === last) end++;
  const hits = found.slice(0, end).map((r) => ({ id: r.id as string, score: r.score }));
  hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hits.slice(0, k);
}
