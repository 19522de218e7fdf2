// Merging a vector list and a keyword list into one (hybrid search). Pure.
//
// Reciprocal rank fusion (Cormack et al. 2009): score(d) = Σ over the lists that hold d of 1 / (k + rank),
// rank from 1, k = 60 by default. Only ranks count, so BM25's unbounded scores and cosine similarities
// need no common scale. With two lists the score lies in (0, 2 / (k + 1)].
//
// Weighted sum: each list's scores are min-max normalised to [0, 1] over that list (best = 1, worst
// = 0; a list whose scores are all equal gives 1 to each), then score(d) = w · vector + (1 − w) · keyword,
// a list that does not hold d adding 0. The result lies in [0, 1].

export interface Hit {
  id: string;
  score: number;
}

export const RRF_K = 60;

/** The largest RRF score with `lists` lists: first in every one. */
export function rrfMax(lists: number, k = RRF_K): number {
  return lists / (k + 1);
}

/** Scores mapped linearly onto [0, 1] (min → 0, max → 1); all equal → all 1. */
export function minMaxNormalize(scores: readonly number[]): number[] {
  if (scores.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const span = max - min;
  return scores.map((s) => (span > 0 ? (s - min) / span : 1));
}

/** Sort fused hits: score descending, then the best rank in any input list, then id. */
function sortFused(hits: Hit[], bestRank: Map<string, number>): Hit[] {
  return hits.sort((a, b) => b.score - a.score || bestRank.get(a.id)! - bestRank.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function bestRanks(lists: readonly (readonly Hit[])[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const list of lists) {
    list.forEach((hit, i) => {
      const prev = best.get(hit.id);
      if (prev === undefined || i + 1 < prev) best.set(hit.id, i + 1);
    });
  }
  return best;
}

/** Reciprocal rank fusion of ranked lists (each best first; an id appears at most once per list). */
export function reciprocalRankFusion(lists: readonly (readonly Hit[])[], k = RRF_K): Hit[] {
  const fused = new Map<string, number>();
  for (const list of lists) list.forEach((hit, i) => fused.set(hit.id, (fused.get(hit.id) ?? 0) + 1 / (k + i + 1)));
  return sortFused(
    [...fused].map(([id, score]) => ({ id, score })),
    bestRanks(lists),
  );
}

/** Weighted sum of min-max-normalised scores: vectorWeight for the vector list, 1 − vectorWeight for keyword. */
export function weightedFusion(vector: readonly Hit[], keyword: readonly Hit[], vectorWeight: number): Hit[] {
  const w = Math.min(1, Math.max(0, vectorWeight));
  const fused = new Map<string, number>();
  const addList = (list: readonly Hit[], weight: number) => {
    const normalized = minMaxNormalize(list.map((h) => h.score));
    list.forEach((hit, i) => fused.set(hit.id, (fused.get(hit.id) ?? 0) + weight * normalized[i]!));
  };
  addList(vector, w);
  addList(keyword, 1 - w);
  return sortFused(
    [...fused].map(([id, score]) => ({ id, score })),
    bestRanks([vector, keyword]),
  );
}
