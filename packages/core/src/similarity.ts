// Vector similarity and top-k selection for retrieval. Pure: no DOM, no libraries.

export type Vector = Float32Array | readonly number[];

function checkDimensions(a: Vector, b: Vector): void {
  if (a.length !== b.length) throw new RangeError(`Vector dimensions differ: ${a.length} and ${b.length}`);
}

export function dot(a: Vector, b: Vector): number {
  checkDimensions(a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Euclidean length. */
export function norm(v: Vector): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}

/** Cosine of the angle between a and b, in [-1, 1]; 0 when either is the zero vector. */
export function cosineSimilarity(a: Vector, b: Vector): number {
  checkDimensions(a, b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  if (aa === 0 || bb === 0) return 0;
  const cos = ab / (Math.sqrt(aa) * Math.sqrt(bb));
  return Math.max(-1, Math.min(1, cos));
}

/** A new vector of length 1 in the direction of v; the zero vector stays zero. */
export function l2Normalize(v: Vector): Float32Array {
  const out = new Float32Array(v.length);
  const length = norm(v);
  if (length === 0) return out;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / length;
  return out;
}

export interface Ranked<T> {
  item: T;
  score: number;
  /** 1-based. */
  rank: number;
}

/**
 * The k items with the highest scores, best first; equal scores keep their input order.
 * NaN scores rank below every number. k <= 0 gives [].
 */
export function topK<T>(items: readonly T[], score: (item: T) => number, k: number): Ranked<T>[] {
  if (!(k > 0) || items.length === 0) return [];
  const scored = items.map((item, index) => ({ item, index, score: score(item) }));
  scored.sort((x, y) => {
    const xNaN = Number.isNaN(x.score);
    const yNaN = Number.isNaN(y.score);
    if (xNaN !== yNaN) return xNaN ? 1 : -1;
    if (!xNaN && x.score !== y.score) return y.score - x.score;
    return x.index - y.index;
  });
  return scored.slice(0, Math.floor(k)).map((s, i) => ({ item: s.item, score: s.score, rank: i + 1 }));
}
