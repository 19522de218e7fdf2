// Search limited to some ids (SearchOptions.allowedIds): an exact scan of the allowed subset only, so
// that k hits that pass a metadata filter come back. Kept apart from the engines on purpose: a small
// correct version until the engines filter inside themselves. Order: score descending, then id
// ascending, as everywhere in the index.
import type { SearchHit } from './vectorIndex';

/**
 * The k best of the allowed ids. scoreOf gives an id's cosine similarity to the (normalised) query, or
 * undefined for an id the index does not hold (skipped).
 */
export function topKAllowed(scoreOf: (id: string) => number | undefined, k: number, allowedIds: readonly string[]): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const id of new Set(allowedIds)) {
    const score = scoreOf(id);
    if (score !== undefined) hits.push({ id, score });
  }
  hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hits.slice(0, Math.max(0, Math.floor(k)));
}
