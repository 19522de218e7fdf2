// ExactIndex: an exact nearest-neighbour scan, the reference engine. All vectors live in one contiguous
// Float32Array, slot i at [i * stride, i * stride + dim), each row padded with zeros to `stride` (a
// multiple of 16 floats); removal moves the last slot into the hole. Vectors are L2-normalised on the way
// in (and the query per search), so a dot product is the cosine similarity. Works for any dimension.
//
// Where wasm SIMD is available (Node 20, every current browser) the rows live in the memory of a small
// SIMD kernel (scanKernel.ts) that writes one f32 score per row; elsewhere a JS loop does the same. The
// scan is exact: the k-th best f32 score T is found, every row within twice the kernel's rounding bound
// of T is re-scored in float64 (dotAt), and those are sorted. A row of the true top-k can lose at most
// that bound to rounding, so none is missed and the scores returned are the float64 ones (the same
// numbers VoyIndex gives its hits). 100k x 384 floats are 154 MB: the scan is bound by memory bandwidth.
//
// Ties (equal scores) are broken by id, ascending, everywhere: the order is total, so two engines that
// score the same way return the same ids. VoyIndex relies on this and on the exported helpers below.
import type { IndexItem, IndexStatus, SearchHit, SearchOptions, SearchResult, VectorIndex } from './vectorIndex';
import { createScanKernel, type ScanKernel } from './scanKernel';

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

/** Floats per stored row: the dimension rounded up to a multiple of 16 (the kernel's step). */
export const strideFor = (dim: number): number => Math.ceil(dim / 16) * 16;

/**
 * The largest difference between the kernel's f32 score of a row and its float64 dot product, for
 * L2-normalised rows and query of `stride` floats (|x.y| summed <= 1): f32 products and sums lose at most
 * about stride * 2^-24 relative; this doubles that and adds a little for norms a hair above 1.
 */
export const kernelErrorBound = (stride: number): number => (stride + 16) * 2 ** -23;

const PAGE = 65536;

export class ExactIndex implements VectorIndex {
  private dim: number | null = null;
  private stride = 0;
  /** Slots the data region holds. */
  private capacity = 0;
  /** Rows: slot i at [i * stride, i * stride + dim). A view into the kernel's memory when there is one. */
  private data = new Float32Array(0);
  private kernel: ScanKernel | null = null;
  /** slot -> id */
  private ids: string[] = [];
  private slotOf = new Map<string, number>();
  /** Scores of the JS scan (when there is no kernel), reused between searches. */
  private jsScores = new Float64Array(0);
  private readonly useKernel: boolean;

  /** `simd: false` forces the plain JS scan (tests and benchmarks compare the two). */
  constructor(options: { simd?: boolean } = {}) {
    this.useKernel = options.simd ?? true;
  }

  get size(): number {
    return this.ids.length;
  }

  get dimension(): number | null {
    return this.dim;
  }

  /** Whether searches run in the wasm SIMD kernel (else in JS). */
  get simd(): boolean {
    return this.kernel !== null;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Every id, in slot order (a copy). */
  idList(): string[] {
    return this.ids.slice();
  }

  /** The stored (normalised) vector: a VIEW into the index's buffer, valid until the next change. */
  vectorOf(id: string): Float32Array | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined || this.dim === null) return undefined;
    return this.data.subarray(slot * this.stride, slot * this.stride + this.dim);
  }

  /** Dot product of the stored vector of `id` with an already normalised query of the index's dimension. */
  scoreOf(id: string, normalizedQuery: Float32Array): number | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined || this.dim === null) return undefined;
    return dotAt(this.data, slot * this.stride, normalizedQuery, this.dim);
  }

  /** The slots of these ids (unknown ids skipped, each slot once), in slot order. */
  slotsOf(ids: readonly string[]): Int32Array {
    const n = this.ids.length;
    const seen = new Uint8Array(n);
    let count = 0;
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined && seen[slot] === 0) {
        seen[slot] = 1;
        count++;
      }
    }
    const slots = new Int32Array(count);
    let j = 0;
    for (let s = 0; s < n && j < count; s++) if (seen[s] === 1) slots[j++] = s;
    return slots;
  }

  // ---- synchronous core (VoyIndex drives these directly) ----

  /** Insert or replace items. Validates everything before changing anything. */
  putMany(items: readonly IndexItem[]): void {
    const dim = checkItems(items, this.dim);
    if (dim === null || items.length === 0) return;
    if (this.dim === null) {
      this.dim = dim;
      this.stride = strideFor(dim);
    }
    const stride = this.stride;
    let fresh = 0;
    const seen = new Set<string>();
    for (const item of items) if (!this.slotOf.has(item.id) && !seen.has(item.id)) seen.add(item.id), fresh++;
    this.reserve(this.ids.length + fresh);
    for (const item of items) {
      let slot = this.slotOf.get(item.id);
      if (slot === undefined) {
        slot = this.ids.length;
        this.ids.push(item.id);
        this.slotOf.set(item.id, slot);
      }
      normalizeInto(item.vector, this.data, slot * stride, `vector for "${item.id}"`);
    }
  }

  /** Remove ids (unknown ones are ignored). Returns how many were removed. */
  deleteMany(ids: readonly string[]): number {
    const stride = this.stride;
    if (this.dim === null) return 0;
    let removed = 0;
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      const last = this.ids.length - 1;
      if (slot !== last) {
        const lastId = this.ids[last]!;
        this.data.copyWithin(slot * stride, last * stride, (last + 1) * stride);
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
    this.stride = 0;
    this.capacity = 0;
    this.data = new Float32Array(0);
    this.kernel = null; // its memory goes with it (wasm memory cannot shrink)
    this.jsScores = new Float64Array(0);
    this.ids = [];
    this.slotOf.clear();
  }

  /** Exact top-k for a query (normalised here). Throws on a dimension mismatch. */
  topK(query: ArrayLike<number>, k: number, allowedSlots?: Int32Array): SearchHit[] {
    const dim = this.dim;
    const n = this.ids.length;
    k = Math.floor(k);
    if (dim === null || n === 0 || !(k > 0)) return [];
    if (query.length !== dim) throw dimensionMismatch(dim, query.length);
    return this.topKNormalized(normalizedCopy(query), k, allowedSlots);
  }

  /**
   * Exact top-k for a query that is already normalised and of the right dimension, over every row or
   * only over `allowedSlots` (from slotsOf).
   */
  topKNormalized(q: Float32Array, k: number, allowedSlots?: Int32Array): SearchHit[] {
    const dim = this.dim;
    const n = this.ids.length;
    const count = allowedSlots ? allowedSlots.length : n;
    if (dim === null || count === 0 || k <= 0) return [];
    const stride = this.stride;
    const ids = this.ids;
    const slotAt = allowedSlots ? (i: number) => allowedSlots[i]! : (i: number) => i;
    let scores: Float32Array | Float64Array;
    let slack: number;
    if (this.kernel) {
      scores = this.kernelScores(q, allowedSlots ?? null, count);
      slack = 2 * kernelErrorBound(stride);
    } else {
      const data = this.data;
      if (this.jsScores.length < count) this.jsScores = new Float64Array(Math.max(count, this.capacity));
      scores = this.jsScores;
      for (let i = 0; i < count; i++) scores[i] = dotAt(data, slotAt(i) * stride, q, dim);
      slack = 0; // the same float64 sums as below
    }
    // T = the k-th best score (a min-heap of the k best scores seen; the root is the worst kept).
    let threshold = Number.NEGATIVE_INFINITY;
    if (k < count) {
      const heap = new Float64Array(k);
      for (let i = 0; i < k; i++) heap[i] = scores[i]!;
      heap.sort();
      // A sorted array is a valid min-heap.
      for (let i = k; i < count; i++) {
        const s = scores[i]!;
        if (s <= heap[0]!) continue;
        let p = 0;
        for (;;) {
          const l = 2 * p + 1;
          if (l >= k) break;
          const r = l + 1;
          const c = r < k && heap[r]! < heap[l]! ? r : l;
          if (heap[c]! >= s) break;
          heap[p] = heap[c]!;
          p = c;
        }
        heap[p] = s;
      }
      threshold = heap[0]! - slack;
    }
    // Every row that may belong to the top-k, scored in float64, sorted; the first k are the answer.
    const data = this.data; // (after the kernel ran: growing its memory replaces the view)
    const hits: SearchHit[] = [];
    for (let i = 0; i < count; i++) {
      if (scores[i]! < threshold) continue;
      const slot = slotAt(i);
      hits.push({ id: ids[slot]!, score: dotAt(data, slot * stride, q, dim) });
    }
    sortHits(hits);
    if (hits.length > k) hits.length = k;
    return hits;
  }

  /** Run the SIMD kernel over all rows or the given slots; returns a view of its f32 scores. */
  private kernelScores(q: Float32Array, slots: Int32Array | null, count: number): Float32Array {
    const kernel = this.kernel!;
    const stride = this.stride;
    const dataBytes = this.capacity * stride * 4;
    const queryAt = dataBytes;
    const outAt = queryAt + stride * 4;
    const slotsAt = outAt + count * 4;
    this.ensureBytes(slotsAt + (slots ? count * 4 : 0));
    const buffer = kernel.memory.buffer;
    const query = new Float32Array(buffer, queryAt, stride);
    query.set(q);
    query.fill(0, q.length);
    if (slots) {
      new Int32Array(buffer, slotsAt, count).set(slots);
      kernel.scanSlots(0, queryAt, outAt, slotsAt, count, stride * 4);
    } else {
      kernel.scanAll(0, queryAt, outAt, count, stride * 4);
    }
    return new Float32Array(buffer, outAt, count);
  }

  /** Make room for `slots` rows (growing by half again at least, so adding one by one stays linear). */
  private reserve(slots: number): void {
    if (slots <= this.capacity) return;
    const stride = this.stride;
    const capacity = Math.max(slots, Math.floor(this.capacity * 1.5), 16);
    if (this.useKernel && (this.kernel || this.capacity === 0)) {
      // Rows stay at offset 0; growing the memory keeps them. Room for the query and scores is kept too.
      const bytes = capacity * stride * 4 + stride * 4 + capacity * 8;
      if (!this.kernel) this.kernel = createScanKernel(bytes);
      if (this.kernel) {
        this.capacity = capacity;
        this.ensureBytes(bytes);
        return;
      }
    }
    const next = new Float32Array(capacity * stride);
    next.set(this.data.subarray(0, this.ids.length * stride));
    this.data = next;
    this.capacity = capacity;
  }

  /** Grow the kernel's memory to at least `bytes` and refresh the view of the rows. */
  private ensureBytes(bytes: number): void {
    const memory = this.kernel!.memory;
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.data.buffer !== memory.buffer || this.data.length !== this.capacity * this.stride) {
      this.data = new Float32Array(memory.buffer, 0, this.capacity * this.stride);
    }
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

  /** The exact top-k; with options.allowedIds, only among those ids (k of them when that many exist). */
  async search(query: Float32Array, k: number, options?: SearchOptions): Promise<SearchResult> {
    const t0 = performance.now();
    const allowed = options?.allowedIds;
    const hits = this.topK(query, k, allowed ? this.slotsOf(allowed) : undefined);
    return { hits, engine: 'exact', tookMs: performance.now() - t0, fallbackReason: null };
  }
}
