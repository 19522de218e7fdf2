// BM25+ as MiniSearch 7 computes it, so that the app's fast keyword engine (adapters/keywordIndex/
// bm25Index.ts) and MiniSearch (the reference, miniSearchIndex.ts) give the same scores. Pure.
//
// For a query term t and a chunk d:
//   idf(t)     = ln(1 + (N - df + 0.5) / (df + 0.5))        N: chunks, df: chunks containing t
//   norm(d)    = k1 (1 - b + b dl / avgdl)                   dl: d's number of DISTINCT tokens (MiniSearch's choice)
//   term(t, d) = idf(t) (δ + tf (k1 + 1) / (tf + norm(d)))   tf: how often t occurs in d
// and a chunk's score is the sum of term(t, d) over the distinct query terms it contains (added in query
// order), times how many of them it contains. The expressions below are MiniSearch's, operation for
// operation, so the floating-point results match it.

export const BM25_PARAMS = { k1: 1.2, b: 0.7, delta: 0.5 } as const;

const { k1, b, delta } = BM25_PARAMS;

export function bm25Idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** k1 (1 - b + b dl / avgdl): the length part of the term score's denominator. */
export function bm25LengthNorm(dl: number, avgdl: number): number {
  return k1 * (1 - b + (b * dl) / avgdl);
}

/** One query term's contribution to a chunk's score. */
export function bm25TermScore(idf: number, tf: number, lengthNorm: number): number {
  return idf * (delta + (tf * (k1 + 1)) / (tf + lengthNorm));
}

/**
 * The k best of a stream of (slot, score), best first: higher score, then smaller id (so that the order
 * does not depend on insertion order). A binary min-heap of the k kept so far, worst on top.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly idOf: (slot: number) => string,
  ) {
    this.slots = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  /** Is (sa, slotA) worse than (sb, slotB): lower score, or equal score and a larger id? */
  private worse(sa: number, slotA: number, sb: number, slotB: number): boolean {
    return sa < sb || (sa === sb && this.idOf(slotA) > this.idOf(slotB));
  }

  offer(slot: number, score: number): void {
    const { slots, scores } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(score, slot, scores[parent]!, slots[parent]!)) break;
        slots[i] = slots[parent]!;
        scores[i] = scores[parent]!;
        i = parent;
      }
      slots[i] = slot;
      scores[i] = score;
      return;
    }
    if (this.k === 0 || !this.worse(scores[0]!, slots[0]!, score, slot)) return;
    // Replace the worst and sift down.
    let i = 0;
    const n = this.size;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && this.worse(scores[right]!, slots[right]!, scores[left]!, slots[left]!)) child = right;
      if (!this.worse(scores[child]!, slots[child]!, score, slot)) break;
      slots[i] = slots[child]!;
      scores[i] = scores[child]!;
      i = child;
    }
    slots[i] = slot;
    scores[i] = score;
  }

  /** The kept entries, best first. */
  sorted(): Array<{ slot: number; score: number }> {
    const out: Array<{ slot: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) out.push({ slot: this.slots[i]!, score: this.scores[i]! });
    out.sort((x, y) => y.score - x.score || (this.idOf(x.slot) < this.idOf(y.slot) ? -1 : 1));
    return out;
  }
}
