// Vector helpers shared by the engines (ExactIndex and VoyIndex): the float64 dot product used to score
// hits, L2 normalisation, item validation, last-write-wins by id, and the hit order (score descending,
// then id ascending: a total order, so two engines that score the same way return the same ids).
import type { IndexItem, SearchHit } from './vectorIndex';

/** Dot product of `dim` floats of `data` starting at `offset` with `query[0..dim)`. */
export function dotAt(data: Float32Array, offset: number, query: Float32Array, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end4 = dim - (dim & 3);
  let i = 0;
  for (; i < end4; i += 4) {
    const o = offset + i;
    s0 += data[o]! * query[i]!;
    s1 += data[o + 1]! * query[i + 1]!;
    s2 += data[o + 2]! * query[i + 2]!;
    s3 += data[o + 3]! * query[i + 3]!;
  }
  for (; i < dim; i++) s0 += data[offset + i]! * query[i]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * Write the L2-normalised `src` into `dst` at `offset`. Turns -0 into +0 (so equal vectors have equal
 * bytes). Throws on NaN or Infinity. A zero vector stays zero.
 */
export function normalizeInto(src: ArrayLike<number>, dst: Float32Array, offset: number, what: string): void {
  const dim = src.length;
  let sum = 0;
  for (let i = 0; i < dim; i++) {
    const v = src[i]!;
    sum += v * v;
  }
  if (!Number.isFinite(sum)) throw new Error(`${what} contains NaN or Infinity`);
  const inv = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < dim; i++) dst[offset + i] = src[i]! * inv + 0;
}

/** A normalised copy of a query vector. */
export function normalizedCopy(query: ArrayLike<number>): Float32Array {
  const out = new Float32Array(query.length);
  normalizeInto(query, out, 0, 'query vector');
  return out;
}

export function dimensionMismatch(expected: number, got: number): Error {
  return new Error(`dimension mismatch: index has ${expected}, got ${got}`);
}

/**
 * Validate items before anything changes: string ids, non-empty finite vectors, one dimension shared
 * by all items and equal to `current` (when the index has one). Returns the dimension the index will
 * have (null for no items on an empty index).
 */
/**
 * checkItems without the pass over the values: ids are strings, and vectors non-empty and of one dimension
 * (and the index's). For a caller that checks each value as it writes it (normalizeInto does).
 */
export function checkDimensions(items: readonly IndexItem[], current: number | null): number | null {
  let dim = current;
  for (const item of items) {
    if (typeof item.id !== 'string') throw new Error('item id must be a string');
    const len = item.vector?.length;
    if (!len) throw new Error(`vector for "${item.id}" is empty`);
    if (dim === null) dim = len;
    else if (len !== dim) throw dimensionMismatch(dim, len);
  }
  return dim;
}

export function checkItems(items: readonly IndexItem[], current: number | null): number | null {
  let dim = current;
  for (const item of items) {
    if (typeof item.id !== 'string') throw new Error('item id must be a string');
    const vector = item.vector;
    const len = vector?.length;
    if (!len) throw new Error(`vector for "${item.id}" is empty`);
    if (dim === null) dim = len;
    else if (len !== dim) throw dimensionMismatch(dim, len);
    let sum = 0;
    for (let i = 0; i < len; i++) sum += vector[i]! * 0;
    if (sum !== 0) throw new Error(`vector for "${item.id}" contains NaN or Infinity`);
  }
  return dim;
}

/** The later of two items with one id wins. Keeps first-seen order. */
export function lastById(items: readonly IndexItem[]): IndexItem[] {
  const byId = new Map<string, IndexItem>();
  for (const item of items) {
    byId.delete(item.id);
    byId.set(item.id, item);
  }
  return byId.size === items.length ? items.slice() : [...byId.values()];
}

/** Sort hits best first: score descending, then id ascending. */
export function sortHits(hits: SearchHit[]): SearchHit[] {
  return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
