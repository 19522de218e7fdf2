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
// Two-stage scan (large indexes, wasm SIMD): beside the f32 rows the index keeps an int8 copy, a quarter
// of the bytes to read (384 B more per vector of 384 dims: +25% memory, plus 24 B of per-row numbers).
// Row v (normalised) is stored as v8 = round(v / s_v) with s_v = max|v_i| / 127, with its residual norm
// r_v = ||v - s_v v8|| and w_v = ||s_v v8||; the query q likewise (s_q, q8, r_q = ||q - s_q q8||). Since
//   q.v = s_q s_v (q8.v8) + q.(v - s_v v8) + (q - s_q q8).(s_v v8),
// Cauchy-Schwarz gives |q.v - s_q s_v (q8.v8)| <= ||q|| r_v + r_q w_v. Stage 1 computes q8.v8 exactly (integer
// SIMD kernel) for every row, hence an interval [lo, hi] that holds the row's float64 score (plus a slack
// of 1e-9 for the float64 rounding of these few numbers and of dotAt, orders of magnitude above it).
// L = the k-th largest lo is at most the k-th best true score, so every row of the true top-k (ties by id
// included) has hi >= L; stage 2 re-scores exactly those rows in float64 (dotAt), as the f32 path does.
// The answer is thus the same ids and the same scores as the f32 scan. When stage 2 would re-score more
// than 5% of the rows (very clustered data), or the index is small, the f32 scan runs instead.
//
// Ties (equal scores) are broken by id, ascending, everywhere: the order is total, so two engines that
// score the same way return the same ids (vectorMath.ts holds the helpers both engines share).
import type { IndexItem, IndexStatus, SearchHit, SearchOptions, SearchResult, VectorIndex } from './vectorIndex';
import { createInt8Kernel, createScanKernel, type ScanKernel } from './scanKernel';
import { checkItems, dimensionMismatch, dotAt, lastById, normalizeInto, normalizedCopy, sortHits } from './vectorMath';

/** Floats per stored row: the dimension rounded up to a multiple of 16 (the kernel's step). */
export const strideFor = (dim: number): number => Math.ceil(dim / 16) * 16;

/**
 * The largest difference between the kernel's f32 score of a row and its float64 dot product, for
 * L2-normalised rows and query of `stride` floats (|x.y| summed <= 1): f32 products and sums lose at most
 * about stride * 2^-24 relative; this doubles that and adds a little for norms a hair above 1.
 */
export const kernelErrorBound = (stride: number): number => (stride + 16) * 2 ** -23;

const PAGE = 65536;

/** Bytes per int8 row: the dimension rounded up to a multiple of 64 (the int8 kernel's step). */
export const int8StrideFor = (dim: number): number => Math.ceil(dim / 64) * 64;
/** Absolute slack added to every stage-1 bound (float64 rounding of the bound's terms and of dotAt). */
export const INT8_SLACK = 1e-9;
/** The two-stage scan runs from this many rows searched (below, the f32 scan takes a couple of ms). */
export const TWO_STAGE_FROM = 20_000;
/** ... and falls back to the f32 scan when stage 2 would re-score more than this share of them. */
export const TWO_STAGE_MAX_SHARE = 0.05;
/** The int8 kernel's sums stay exact integers up to this dimension (dim * 127^2 < 2^31). */
const INT8_MAX_DIM = 65_536;

/** How the last search ran: which scan, and how many rows were re-scored in float64. */
export interface ScanStats {
  scan: 'int8' | 'f32' | 'js';
  searched: number;
  rescored: number;
}

/**
 * Quantise `dim` floats of `src` at `offset` to int8 in `dst` at `dstOffset` (|values| <= 127). Returns
 * [scale, residual norm ||x - scale*x8||, norm of scale*x8], all float64.
 */
export function quantizeInt8(src: Float32Array, offset: number, dim: number, dst: Int8Array | Int16Array, dstOffset: number): [number, number, number] {
  let max = 0;
  for (let i = 0; i < dim; i++) {
    const a = Math.abs(src[offset + i]!);
    if (a > max) max = a;
  }
  const scale = max / 127;
  const inv = scale > 0 ? 1 / scale : 0;
  let resid = 0;
  let norm = 0;
  // (Any integers in [-127, 127] keep the bound valid: it is computed from the values stored.)
  for (let i = 0; i < dim; i++) {
    const x = src[offset + i]!;
    let x8 = Math.floor(x * inv + 0.5); // (Math.round is much slower in V8 here)
    x8 = x8 > 127 ? 127 : x8 < -127 ? -127 : x8;
    dst[dstOffset + i] = x8;
    const back = scale * x8;
    const d = x - back;
    resid += d * d;
    norm += back * back;
  }
  return [scale, Math.sqrt(resid), Math.sqrt(norm)];
}

/** Replace the smallest of the k values in the min-heap `heap` with `value` (larger than it) and sift down. */
function replaceHeapMin(heap: Float64Array, k: number, value: number): void {
  let p = 0;
  for (;;) {
    const l = 2 * p + 1;
    if (l >= k) break;
    const r = l + 1;
    const c = r < k && heap[r]! < heap[l]! ? r : l;
    if (heap[c]! >= value) break;
    heap[p] = heap[c]!;
    p = c;
  }
  heap[p] = value;
}
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
  /** The int8 copy (two-stage scan): rows at offset 0 of its kernel's memory, `stride8` bytes apart. */
  private int8: ScanKernel | null = null;
  private stride8 = 0;
  /** A view of the int8 kernel's whole memory (refreshed when it grows). */
  private rows8 = new Int8Array(0);
  /** Per slot: s_v, r_v, w_v (see the top of this file). */
  private rowScale = new Float64Array(0);
  private rowResidual = new Float64Array(0);
  private rowQuantNorm = new Float64Array(0);
  private readonly twoStageFrom: number;
  private readonly bound: number;
  private stats: ScanStats | null = null;

  /**
   * `simd: false` forces the plain JS scan (tests and benchmarks compare the two). `twoStageFrom`: the
   * fewest rows searched for the int8 two-stage scan (Infinity: never; tests use small values).
   * `boundScale` multiplies the stage-1 bound: only tests set it below 1, to show the bound matters.
   */
  constructor(options: { simd?: boolean; twoStageFrom?: number; boundScale?: number } = {}) {
    this.useKernel = options.simd ?? true;
    this.twoStageFrom = options.twoStageFrom ?? TWO_STAGE_FROM;
    this.bound = options.boundScale ?? 1;
  }

  /** How the last search ran (null before the first). */
  get lastScan(): ScanStats | null {
    return this.stats;
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
      if (this.int8) this.quantizeSlot(slot);
    }
  }

  private quantizeSlot(slot: number): void {
    const buffer = this.int8!.memory.buffer;
    if (this.rows8.buffer !== buffer) this.rows8 = new Int8Array(buffer);
    const [scale, resid, norm] = quantizeInt8(this.data, slot * this.stride, this.dim!, this.rows8, slot * this.stride8);
    this.rowScale[slot] = scale;
    this.rowResidual[slot] = resid;
    this.rowQuantNorm[slot] = norm;
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
        if (this.int8) {
          const s8 = this.stride8;
          new Int8Array(this.int8.memory.buffer).copyWithin(slot * s8, last * s8, (last + 1) * s8);
          this.rowScale[slot] = this.rowScale[last]!;
          this.rowResidual[slot] = this.rowResidual[last]!;
          this.rowQuantNorm[slot] = this.rowQuantNorm[last]!;
        }
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
    this.int8 = null;
    this.stride8 = 0;
    this.rows8 = new Int8Array(0);
    this.rowScale = new Float64Array(0);
    this.rowResidual = new Float64Array(0);
    this.rowQuantNorm = new Float64Array(0);
    this.stats = null;
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
    if (this.int8 && count >= this.twoStageFrom && k * 20 <= count) {
      const hits = this.twoStage(q, k, allowedSlots ?? null, count);
      if (hits) return hits;
    }
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
        if (s > heap[0]!) replaceHeapMin(heap, k, s);
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
    this.stats = { scan: this.kernel ? 'f32' : 'js', searched: count, rescored: hits.length };
    sortHits(hits);
    if (hits.length > k) hits.length = k;
    return hits;
  }

  /** The int8 two-stage scan (see the top of this file), or null when the f32 scan should run instead. */
  private twoStage(q: Float32Array, k: number, slots: Int32Array | null, count: number): SearchHit[] | null {
    const kernel = this.int8!;
    const dim = this.dim!;
    const s8 = this.stride8;
    const queryAt = this.capacity * s8;
    const outAt = queryAt + s8 * 2;
    const slotsAt = outAt + count * 4;
    this.ensureInt8Bytes(slotsAt + (slots ? count * 4 : 0));
    const buffer = kernel.memory.buffer;
    const q16 = new Int16Array(buffer, queryAt, s8);
    q16.fill(0);
    const [sq, rq] = quantizeInt8(q, 0, dim, q16, 0);
    if (!(sq > 0)) return null; // a zero query: every score is 0
    let qn = 0;
    for (let i = 0; i < dim; i++) qn += q[i]! * q[i]!;
    qn = Math.sqrt(qn);
    if (slots) {
      new Int32Array(buffer, slotsAt, count).set(slots);
      kernel.scanSlots(0, queryAt, outAt, slotsAt, count, s8);
    } else {
      kernel.scanAll(0, queryAt, outAt, count, s8);
    }
    const dots = new Int32Array(buffer, outAt, count);
    const scale = this.rowScale;
    const resid = this.rowResidual;
    const qnorm = this.rowQuantNorm;
    const boundScale = this.bound;
    if (this.jsScores.length < count) this.jsScores = new Float64Array(Math.max(count, this.capacity));
    const upper = this.jsScores;
    // L = the k-th largest lower bound (min-heap of the k largest), and every upper bound.
    const heap = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < count; i++) {
      const slot = slots ? slots[i]! : i;
      const approx = sq * scale[slot]! * dots[i]!;
      const e = (qn * resid[slot]! + rq * qnorm[slot]! + INT8_SLACK) * boundScale;
      upper[i] = approx + e;
      const lo = approx - e;
      if (lo > heap[0]!) replaceHeapMin(heap, k, lo);
    }
    const threshold = heap[0]!;
    const limit = Math.max(k, Math.floor(count * TWO_STAGE_MAX_SHARE));
    let candidates = 0;
    for (let i = 0; i < count; i++) if (upper[i]! >= threshold) candidates++;
    if (candidates > limit) return null;
    const data = this.data;
    const stride = this.stride;
    const ids = this.ids;
    const hits: SearchHit[] = [];
    for (let i = 0; i < count; i++) {
      if (upper[i]! < threshold) continue;
      const slot = slots ? slots[i]! : i;
      hits.push({ id: ids[slot]!, score: dotAt(data, slot * stride, q, dim) });
    }
    sortHits(hits);
    if (hits.length > k) hits.length = k;
    this.stats = { scan: 'int8', searched: count, rescored: candidates };
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
        const old = this.capacity;
        this.capacity = capacity;
        this.ensureBytes(bytes);
        this.reserveInt8(old, capacity);
        return;
      }
    }
    const next = new Float32Array(capacity * stride);
    next.set(this.data.subarray(0, this.ids.length * stride));
    this.data = next;
    this.capacity = capacity;
  }

  /** Grow the int8 copy with the f32 rows (made with the first rows; none past INT8_MAX_DIM). */
  private reserveInt8(old: number, capacity: number): void {
    const dim = this.dim!;
    if (old === 0) {
      if (dim > INT8_MAX_DIM || this.twoStageFrom === Number.POSITIVE_INFINITY) return;
      this.stride8 = int8StrideFor(dim);
      this.int8 = createInt8Kernel(capacity * this.stride8);
    }
    if (!this.int8) return;
    const s8 = this.stride8;
    // Rows, then room for the query (int16), the scores and the slots (i32 each).
    this.ensureInt8Bytes(capacity * s8 + s8 * 2 + capacity * 8);
    const grow = (a: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(a.subarray(0, this.ids.length));
      return next;
    };
    this.rowScale = grow(this.rowScale);
    this.rowResidual = grow(this.rowResidual);
    this.rowQuantNorm = grow(this.rowQuantNorm);
  }

  private ensureInt8Bytes(bytes: number): void {
    const memory = this.int8!.memory;
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
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
