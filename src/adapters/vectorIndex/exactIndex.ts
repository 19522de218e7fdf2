// ExactIndex: an exact nearest-neighbour scan. All vectors live in one contiguous Float32Array (slot i
// at [i * dim, (i + 1) * dim)), which grows by doubling; removal moves the last slot into the hole.
// Vectors are L2-normalised on the way in (and the query per search), so a dot product is the cosine
// similarity. Top-k keeps a small min-heap of the best k seen. Works for any dimension.
//
// Ties (equal scores) are broken by id, ascending, everywhere: the order is total, so two engines that
// score the same way return the same ids. VoyIndex relies on this and on the exported helpers below.
import type { IndexItem, IndexStatus, SearchHit, SearchOptions, SearchResult, VectorIndex } from './vectorIndex';
import { topKAllowed } from './allowedSearch';

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

export class ExactIndex implements VectorIndex {
  private dim: number | null = null;
  private data = new Float32Array(0);
  /** slot -> id */
  private ids: string[] = [];
  private slotOf = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  get dimension(): number | null {
    return this.dim;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** The stored (normalised) vector: a VIEW into the index's buffer, valid until the next change. */
  vectorOf(id: string): Float32Array | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined || this.dim === null) return undefined;
    return this.data.subarray(slot * this.dim, (slot + 1) * this.dim);
  }

  /** Dot product of the stored vector of `id` with an already normalised query of the index's dimension. */
  scoreOf(id: string, normalizedQuery: Float32Array): number | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined || this.dim === null) return undefined;
    return dotAt(this.data, slot * this.dim, normalizedQuery, this.dim);
  }

  // ---- synchronous core (VoyIndex drives these directly) ----

  /** Insert or replace items. Validates everything before changing anything. */
  putMany(items: readonly IndexItem[]): void {
    const dim = checkItems(items, this.dim);
    if (dim === null || items.length === 0) return;
    if (this.dim === null) this.dim = dim;
    let fresh = 0;
    for (const item of items) if (!this.slotOf.has(item.id)) fresh++;
    this.reserve(this.ids.length + fresh);
    for (const item of items) {
      let slot = this.slotOf.get(item.id);
      if (slot === undefined) {
        slot = this.ids.length;
        this.ids.push(item.id);
        this.slotOf.set(item.id, slot);
      }
      normalizeInto(item.vector, this.data, slot * dim, `vector for "${item.id}"`);
    }
  }

  /** Remove ids (unknown ones are ignored). Returns how many were removed. */
  deleteMany(ids: readonly string[]): number {
    const dim = this.dim;
    if (dim === null) return 0;
    let removed = 0;
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      const last = this.ids.length - 1;
      if (slot !== last) {
        const lastId = this.ids[last]!;
        this.data.copyWithin(slot * dim, last * dim, (last + 1) * dim);
        this.ids[slot] = lastId;
        this.slotOf.set(lastId, slot);
      }
      this.ids.pop();
      this.slotOf.delete(id);
      removed++;
    }
    if (this.ids.length === 0) this.reset();
    return removed;
  }

  reset(): void {
    this.dim = null;
    this.data = new Float32Array(0);
    this.ids = [];
    this.slotOf.clear();
  }

  /** Exact top-k for a query (normalised here). Throws on a dimension mismatch. */
  topK(query: ArrayLike<number>, k: number): SearchHit[] {
    const dim = this.dim;
    const n = this.ids.length;
    k = Math.floor(k);
    if (dim === null || n === 0 || !(k > 0)) return [];
    if (query.length !== dim) throw dimensionMismatch(dim, query.length);
    return this.topKNormalized(normalizedCopy(query), k);
  }

  /** Exact top-k for a query that is already normalised and of the right dimension. */
  topKNormalized(q: Float32Array, k: number): SearchHit[] {
    const dim = this.dim;
    const n = this.ids.length;
    if (dim === null || n === 0 || k <= 0) return [];
    const data = this.data;
    const ids = this.ids;
    if (k >= n) {
      const all: SearchHit[] = new Array(n);
      for (let s = 0; s < n; s++) all[s] = { id: ids[s]!, score: dotAt(data, s * dim, q, dim) };
      return sortHits(all);
    }
    // Min-heap of the k best (root = worst kept). "Worse" = lower score, or equal score and larger id.
    const hs = new Float64Array(k);
    const hi = new Int32Array(k);
    let size = 0;
    const worse = (sa: number, ia: number, sb: number, ib: number): boolean =>
      sa < sb || (sa === sb && ids[ia]! > ids[ib]!);
    for (let s = 0; s < n; s++) {
      const score = dotAt(data, s * dim, q, dim);
      if (size < k) {
        // sift up
        let c = size++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (!worse(score, s, hs[p]!, hi[p]!)) break;
          hs[c] = hs[p]!;
          hi[c] = hi[p]!;
          c = p;
        }
        hs[c] = score;
        hi[c] = s;
      } else if (score > hs[0]! || (score === hs[0]! && ids[s]! < ids[hi[0]!]!)) {
        // replace the root, sift down
        let p = 0;
        for (;;) {
          const l = 2 * p + 1;
          if (l >= k) break;
          const r = l + 1;
          let c = l;
          if (r < k && worse(hs[r]!, hi[r]!, hs[l]!, hi[l]!)) c = r;
          if (!worse(hs[c]!, hi[c]!, score, s)) break;
          hs[p] = hs[c]!;
          hi[p] = hi[c]!;
          p = c;
        }
        hs[p] = score;
        hi[p] = s;
      }
    }
    const hits: SearchHit[] = new Array(size);
    for (let j = 0; j < size; j++) hits[j] = { id: ids[hi[j]!]!, score: hs[j]! };
    return sortHits(hits);
  }

  private reserve(slots: number): void {
    const dim = this.dim!;
    const need = slots * dim;
    if (need <= this.data.length) return;
    let capacity = Math.max(16, this.data.length / dim);
    while (capacity < slots) capacity *= 2;
    const next = new Float32Array(capacity * dim);
    next.set(this.data.subarray(0, this.ids.length * dim));
    this.data = next;
  }

  // ---- VectorIndex ----

  status(): IndexStatus {
    return { size: this.size, dimension: this.dim, engine: 'exact', fallbackReason: null };
  }

  async build(items: IndexItem[], onProgress?: (done: number, total: number) => void): Promise<IndexStatus> {
    checkItems(items, null);
    this.reset();
    this.putMany(lastById(items));
    onProgress?.(items.length, items.length);
    return this.status();
  }

  async add(items: IndexItem[]): Promise<IndexStatus> {
    this.putMany(lastById(items));
    return this.status();
  }

  async remove(ids: string[]): Promise<IndexStatus> {
    this.deleteMany(ids);
    return this.status();
  }

  async clear(): Promise<IndexStatus> {
    this.reset();
    return this.status();
  }

  async search(query: Float32Array, k: number, options?: SearchOptions): Promise<SearchResult> {
    const t0 = performance.now();
    let hits: SearchHit[];
    if (options?.allowedIds && this.dim !== null) {
      if (query.length !== this.dim) throw dimensionMismatch(this.dim, query.length);
      const q = normalizedCopy(query);
      hits = topKAllowed((id) => this.scoreOf(id, q), k, options.allowedIds);
    } else {
      hits = this.topK(query, k);
    }
    return { hits, engine: 'exact', tookMs: performance.now() - t0 };
  }
}
