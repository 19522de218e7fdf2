// Statistics of one chunking: count, lengths in characters and tokens, and the chunks the embedding model
// would cut short (longer than its maximum sequence length).

export interface Spread {
  min: number;
  mean: number;
  max: number;
}

export interface ChunkStats {
  count: number;
  /** Lengths in characters (code points). */
  chars: Spread | null;
  /** Lengths in tokens, as the embedding model sees them (special tokens and prefix included). */
  tokens: Spread | null;
  /** Chunks longer than the model's maximum, how many tokens over in all, and the most over. */
  truncated: { count: number; tokensOver: number; maxOver: number } | null;
}

export function spread(values: ArrayLike<number>): Spread | null {
  if (values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, mean: sum / values.length, max };
}

export function chunkStats(charLengths: ArrayLike<number>, tokenCounts: ArrayLike<number> | null, maxTokens: number | null): ChunkStats {
  let truncated: ChunkStats['truncated'] = null;
  if (tokenCounts && maxTokens !== null) {
    truncated = { count: 0, tokensOver: 0, maxOver: 0 };
    for (let i = 0; i < tokenCounts.length; i++) {
      const over = tokenCounts[i]! - maxTokens;
      if (over > 0) {
        truncated.count++;
        truncated.tokensOver += over;
        truncated.maxOver = Math.max(truncated.maxOver, over);
      }
    }
  }
  return { count: charLengths.length, chars: spread(charLengths), tokens: tokenCounts ? spread(tokenCounts) : null, truncated };
}
