// Maximal marginal relevance (Carbonell & Goldstein 1998): pick results one at a time, each time the
// candidate with the highest  λ · relevance − (1 − λ) · (its highest similarity to any already picked).
// λ = 1 is plain relevance order; λ = 0 only avoids repeats. Pure.

/**
 * The order in which MMR picks up to k of the candidates: indices into `relevance`.
 * similarity(i, j) is the similarity of candidates i and j (cosine of their vectors). Ties go to the
 * earlier candidate (the one ranked higher before MMR).
 */
export function mmrOrder(relevance: readonly number[], similarity: (i: number, j: number) => number, k: number, lambda: number): number[] {
  const n = relevance.length;
  const picks: number[] = [];
  const taken = new Uint8Array(n);
  // The highest similarity of each candidate to the picks so far.
  const maxSim = new Float64Array(n).fill(-Infinity);
  const limit = Math.min(Math.max(0, Math.floor(k)), n);
  while (picks.length < limit) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const redundancy = picks.length === 0 ? 0 : maxSim[i]!;
      const value = lambda * relevance[i]! - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    taken[best] = 1;
    picks.push(best);
    for (let i = 0; i < n; i++) {
      if (!taken[i]) maxSim[i] = Math.max(maxSim[i]!, similarity(i, best));
    }
  }
  return picks;
}
