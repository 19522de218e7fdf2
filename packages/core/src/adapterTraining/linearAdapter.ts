// A linear adapter on query embeddings: q' = normalise(W q), W a d × d matrix (row-major), initialised to
// the identity, so that an untrained adapter changes nothing. Only questions go through it; the chunk
// vectors stay as the embedding model made them, so an adapter can be switched on and off without
// embedding anything again. It belongs to the embedding model (and dimension) it was trained for.

export interface LinearAdapter {
  /** The embedding model whose query vectors it maps. */
  modelId: string;
  dimension: number;
  /** dimension × dimension, row-major: (W q)_r = Σ_c W[r·d + c] q_c. */
  weights: Float32Array;
}

export function identityWeights(d: number): Float32Array {
  const w = new Float32Array(d * d);
  for (let i = 0; i < d; i++) w[i * d + i] = 1;
  return w;
}

/** out = W q (not normalised). */
export function multiply(weights: Float32Array, d: number, q: ArrayLike<number>, out: Float32Array = new Float32Array(d)): Float32Array {
  for (let r = 0; r < d; r++) {
    let s = 0;
    const row = r * d;
    for (let c = 0; c < d; c++) s += weights[row + c]! * q[c]!;
    out[r] = s;
  }
  return out;
}

/** normalise(W q); a zero result (a question with no known term, for LSA) stays zero. */
export function applyAdapter(weights: Float32Array, d: number, q: ArrayLike<number>): Float32Array {
  const out = multiply(weights, d, q);
  let n = 0;
  for (let i = 0; i < d; i++) n += out[i]! * out[i]!;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < d; i++) out[i]! /= n;
  return out;
}

/** Why an adapter cannot be applied to vectors of this model, or null when it can. */
export function adapterMismatch(
  adapter: Pick<LinearAdapter, 'modelId' | 'dimension'>,
  modelId: string | null,
  dimension: number | null,
): 'model' | 'dimension' | null {
  if (modelId === null || adapter.modelId !== modelId) return 'model';
  if (dimension !== null && dimension !== adapter.dimension) return 'dimension';
  return null;
}
