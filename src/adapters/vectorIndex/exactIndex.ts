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
// Two-stage scan (from 5k rows, wasm SIMD): beside the f32 rows the index keeps an int8 copy, a quarter
// of the bytes to read (384 B more per vector of 384 dims: +25% memory, plus 16 B of per-row numbers).
// Row v (normalised) is stored as v8 = round(v / s_v) with s_v = max|v_i| / 127, with its residual norm
// r_v = ||v - s_v v8|| and w_v = ||s_v v8||; the query q likewise (s_q, q8, r_q = ||q - s_q q8||). Since
//   q.v = s_q s_v (q8.v8) + q.(v - s_v v8) + (q - s_q q8).(s_v v8),
// Cauchy-Schwarz gives |q.v - s_q s_v (q8.v8)| <= ||q|| r_v + r_q w_v. Stage 1 computes q8.v8 exactly (integer
// SIMD kernel) for every row, hence an interval [lo, hi] that holds the row's float64 score (plus a slack
// of 1e-9 for the float64 rounding of these few numbers and of dotAt, orders of magnitude above it).
// L = the k-th largest lo is at most the k-th best true score, so every row of the true top-k (ties by id
// included) has hi >= L; stage 2 re-scores exactly those rows in float64 (dotAt), as the f32 path does.
// The answer is thus the same ids and the same scores as the f32 scan. When stage 2 would re-score more
// than 5% of the rows (very clustered data), or fewer than 5k rows are searched, the f32 scan runs instead.
// Where the engine has relaxed SIMD (Chromium, Node), stage 1 runs i32x4.relaxed_dot_i8x16_i7x16_add_s,
// twice the multiply-adds per instruction; its query operand is exact only in [0, 127], so the query is
// quantised to [-63, 63] (s_q = max|q_i| / 63; a coarser q8 only widens r_q, the bound holds for any
// integers) and stored plus 64, and the row's byte sum times 64 is subtracted again (scanKernel.ts).
// Elsewhere the int8 kernel (int16 query) runs. Stage 1's passes over every row, the bounds with L (a
// min-heap of the k largest lo) and the rows with hi >= L, run in the same wasm module (bounds, collect).
// Stage 2 takes those rows best hi first and stops at the first whose hi is below the k-th best float64
// score found so far (no later row can enter the top-k): ~30 rows read from the f32 copy instead of ~120.
// Threads: with a `helper` starter (the app's index worker passes one) and shared wasm memory (a cross-
// origin isolated page; Node), the int8 kernel lives on a shared memory and, from THREADS_FROM rows, a
// helper thread runs the same module on it: scanAll/scanSlots and bounds are shared chunk by chunk, each
// thread with its own heap, merged into the same L (scanThreads.ts). Collect and stage 2 stay here.
//
// Ties (equal scores) are broken by id, ascending, everywhere: the order is total, so two engines that
// score the same way return the same ids (vectorMath.ts holds the helpers both engines share).
import type { IndexItem, IndexStatus, SearchHit, SearchOptions, SearchResult, VectorIndex } from './vectorIndex';
import { createInt8Kernel, createRelaxedInt8Kernel, createScanKernel, sharedMemoryAvailable, type Int8Kernel, type ScanKernel } from './scanKernel';
import { CONTROL_BYTES, ScanThreads, stage1Alone, type Stage1Job } from './scanThreads';
import { checkDimensions, checkItems, dimensionMismatch, dotAt, lastById, normalizeInto, normalizedCopy, sortHits } from './vectorMath';

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
/** The two-stage scan runs from this many rows searched (below, the f32 scan is as fast). */
export const TWO_STAGE_FROM = 5_000;
/** ... and falls back to the f32 scan when stage 2 would re-score more than this share of them. */
export const TWO_STAGE_MAX_SHARE = 0.05;
/** The int8 kernel's sums stay exact integers up to this dimension (dim * 127^2 < 2^31). */
const INT8_MAX_DIM = 65_536;

/** Bytes of per-row numbers the two-stage scan keeps in the int8 kernel's memory: four f32 (see quantizeSlot). */
const META_BYTES = 16;
/** The relaxed kernel's query bytes are q7 + 64 (q7 in [-63, 63]), see scanKernel.ts. */
const RELAXED_LEVELS = 63;
const RELAXED_OFFSET = 64;

/**
 * Starts a helper thread for stage 1 (scanThreads.ts): it must run runScanHelper(module, memory, control)
 * (in a Web Worker, or a Node worker thread) and call `failed` if it cannot (the index then scans alone);
 * returns a function that stops it (terminates the worker).
 */
export type ScanHelperStarter = (
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  control: SharedArrayBuffer,
  failed: (error: unknown) => void,
) => () => void;

/**
 * Stage 1 runs on two threads (when a helper can be started) from this many rows searched: measured on a
 * 2-core machine (npm run bench, suite vector-index), 10k rows already gain 10-25% and 100k ~40%.
 */
export const THREADS_FROM = 10_000;

/** How the last search ran: which scan, and how many rows were re-scored in float64. */
export interface ScanStats {
  scan: 'int8' | 'f32' | 'js';
  /** For the int8 scan: whether its first stage ran the relaxed SIMD kernel. */
  relaxed?: boolean;
  /** For the int8 scan: on how many threads its first stage ran (2: with the helper thread). */
  threads?: 1 | 2;
  searched: number;
  /** Rows scored in float64. */
  rescored: number;
  /** For the int8 scan: rows whose stage-1 upper bound reached the k-th lower bound (stage 2 takes them best bound first and stops early). */
  candidates?: number;
}

/** Whether hit a comes before hit b in the answer: higher score, then smaller id (sortHits' order). */
const ranksBefore = (a: SearchHit, b: SearchHit): boolean => a.score > b.score || (a.score === b.score && a.id < b.id);

/**
 * Quantise `dim` floats of `src` at `offset` to integers in [-levels, levels] (127: int8; 63: the relaxed
 * kernel's query) in `dst` at `dstOffset`. Returns [scale, residual norm ||x - scale*x8||, norm of
 * scale*x8, sum of the integers], all float64.
 */
export function quantizeInt8(
  src: Float32Array,
  offset: number,
  dim: number,
  dst: Int8Array | Int16Array,
  dstOffset: number,
  levels = 127,
): [number, number, number, number] {
  let max = 0;
  for (let i = 0; i < dim; i++) {
    const a = Math.abs(src[offset + i]!);
    if (a > max) max = a;
  }
  // An f32 scale (ExactIndex stores it as one; the bound holds for whatever scale the integers are taken with).
  const scale = Math.fround(max / levels);
  const inv = scale > 0 ? 1 / scale : 0;
  let resid = 0;
  let norm = 0;
  let sum = 0;
  // (Any integers in [-levels, levels] keep the bound valid: it is computed from the values stored.)
  for (let i = 0; i < dim; i++) {
    const x = src[offset + i]!;
    let x8 = Math.floor(x * inv + 0.5); // (Math.round is much slower in V8 here)
    x8 = x8 > levels ? levels : x8 < -levels ? -levels : x8;
    dst[dstOffset + i] = x8;
    sum += x8;
    const back = scale * x8;
    const d = x - back;
    resid += d * d;
    norm += back * back;
  }
  return [scale, Math.sqrt(resid), Math.sqrt(norm), sum];
}

const f32Bits = new Float32Array(1);
const u32Bits = new Uint32Array(f32Bits.buffer);
/** The smallest f32 at least x (x >= 0, finite): a bound stored as f32 must not shrink. */
export function f32AtLeast(x: number): number {
  f32Bits[0] = x;
  if (f32Bits[0]! < x) u32Bits[0]! += 1; // the next f32 up (x >= 0)
  return f32Bits[0]!;
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
  /**
   * The int8 copy (two-stage scan), in its kernel's memory: rows at offset 0, `stride8` bytes apart, then
   * (at capacity * stride8) four f32 per slot: s_v, r_v, w_v (see the top of this file) and the sum of
   * the row's bytes (the relaxed kernel's correction); then room for one search's scratch.
   */
  private int8: Int8Kernel | null = null;
  private stride8 = 0;
  /** A view of the int8 kernel's whole memory (refreshed when it grows). */
  private rows8 = new Int8Array(0);
  /** A view of the per-slot numbers (refreshed when the memory grows or they move). */
  private meta = new Float32Array(0);
  /**
   * Slots [0, quantized) have their int8 row; the rest wait for quantizePending (rows put by putStaged:
   * a restore makes the index searchable first, on the f32 scan, and the int8 copy after).
   */
  private quantized = 0;
  private readonly twoStageFrom: number;
  private readonly relaxed: boolean;
  private readonly bound: number;
  private stats: ScanStats | null = null;
  private readonly startHelper: ScanHelperStarter | null;
  private readonly threadsFrom: number;
  /** The helper thread of stage 1, once started (the int8 kernel is on a shared memory). */
  private threads: ScanThreads | null = null;

  /**
   * `simd: false` forces the plain JS scan (tests and benchmarks compare the two). `twoStageFrom`: the
   * fewest rows searched for the int8 two-stage scan (Infinity: never; tests use small values).
   * `relaxed: false` keeps the two-stage scan's first stage on the int8 kernel where relaxed SIMD exists.
   * `boundScale` multiplies the stage-1 bound: only tests set it below 1, to show the bound matters.
   * `helper`: starts stage 1's helper thread (where the engine has shared wasm memory), once `threadsFrom`
   * rows (default THREADS_FROM) are stored; from then on searches of at least that many rows share stage 1.
   */
  constructor(
    options: { simd?: boolean; twoStageFrom?: number; relaxed?: boolean; boundScale?: number; helper?: ScanHelperStarter; threadsFrom?: number } = {},
  ) {
    this.useKernel = options.simd ?? true;
    this.startHelper = options.helper ?? null;
    this.threadsFrom = options.threadsFrom ?? THREADS_FROM;
    this.twoStageFrom = options.twoStageFrom ?? TWO_STAGE_FROM;
    this.relaxed = options.relaxed ?? true;
    this.bound = options.boundScale ?? 1;
  }

  /** Whether the two-stage scan's first stage runs the relaxed SIMD kernel (null: no int8 copy yet). */
  get relaxedScan(): boolean | null {
    return this.int8 ? this.int8.relaxed : null;
  }

  /** Whether stage 1's helper thread is running (started and ready). */
  get threaded(): boolean {
    return this.threads?.ready ?? false;
  }

  /** Resolves when the helper thread, if one was started, is ready (for tests and benchmarks). */
  helperReady(): Promise<void> {
    return this.threads ? this.threads.whenReady() : Promise.resolve();
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

  /** Copies of the stored vectors of these ids; null for an id not in the index. */
  vectorsOf(ids: readonly string[]): Array<Float32Array | null> {
    return ids.map((id) => this.vectorOf(id)?.slice() ?? null);
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
    this.putChecked(items, checkItems(items, this.dim), false, false);
  }

  /**
   * Insert or replace items as a staged build (a restore) does, with ~40% less work than putMany before
   * the index answers: their int8 rows are left to quantizePending (searches run the f32 scan until it
   * has caught up), and their values are checked as each row is written (NaN or Infinity throws there)
   * rather than in a pass of their own. So a failure may leave earlier rows of the call in: the caller
   * drops the whole index then (LazyVoyIndex drops its stage).
   */
  putStaged(items: readonly IndexItem[]): void {
    this.putChecked(items, checkDimensions(items, this.dim), false, true);
  }

  /** Rows whose int8 copy is still to be made (put by putStaged). */
  get int8Pending(): number {
    return this.int8 ? this.ids.length - this.quantized : 0;
  }

  /** Make the int8 rows of up to `maxRows` rows that wait for one; returns how many still wait. */
  quantizePending(maxRows = Number.POSITIVE_INFINITY): number {
    if (!this.int8) return 0;
    const end = Math.min(this.ids.length, this.quantized + maxRows);
    for (let slot = this.quantized; slot < end; slot++) this.quantizeSlot(slot);
    this.quantized = end;
    return this.ids.length - end;
  }

  /**
   * putMany for items already checked (checkItems, or putStaged's checkDimensions, gave `dim`); `distinct`:
   * their ids are known to differ from each other (lastById's output), so on an empty index every item is a
   * new row; `deferInt8`: their int8 rows are left to quantizePending (else every row has one afterwards).
   */
  private putChecked(items: readonly IndexItem[], dim: number | null, distinct: boolean, deferInt8 = false): void {
    if (dim === null || items.length === 0) return;
    if (this.dim === null) {
      this.dim = dim;
      this.stride = strideFor(dim);
    }
    const stride = this.stride;
    // Rows to make room for: an id repeated within `items` is counted each time (a little room to spare),
    // which saves a set of the ids.
    let fresh = 0;
    if (distinct && this.ids.length === 0) fresh = items.length;
    else for (const item of items) if (!this.slotOf.has(item.id)) fresh++;
    this.reserve(this.ids.length + fresh);
    for (const item of items) {
      let slot = this.slotOf.get(item.id);
      if (slot === undefined) {
        slot = this.ids.length;
        this.ids.push(item.id);
        this.slotOf.set(item.id, slot);
      }
      normalizeInto(item.vector, this.data, slot * stride, `vector for "${item.id}"`);
      if (this.int8 && slot < this.quantized) this.quantizeSlot(slot);
    }
    // (Rows waiting since a putStaged included: a replaced row that had its int8 copy got a new one above.)
    if (!deferInt8) this.quantizePending();
    this.maybeStartHelper();
  }

  /** Start stage 1's helper thread once the index is big enough (off the query path: it starts meanwhile). */
  private maybeStartHelper(): void {
    const module = this.int8?.shared;
    if (!module || this.threads || !this.startHelper || this.ids.length < this.threadsFrom) return;
    try {
      const control = new SharedArrayBuffer(CONTROL_BYTES);
      let threads: ScanThreads | null = null;
      let failure: unknown = null;
      const failed = (error: unknown) => {
        console.warn('The vector index helper thread failed; searching on one thread.', error);
        failure = error;
        threads?.fail();
      };
      const stop = this.startHelper(module, this.int8!.memory, control, failed);
      threads = new ScanThreads(control, stop);
      if (failure !== null) threads.fail();
      this.threads = threads;
    } catch (error) {
      console.warn('The vector index helper thread could not be started; searching on one thread.', error);
    }
  }

  private quantizeSlot(slot: number): void {
    this.refreshInt8Views();
    const [scale, resid, norm, sum] = quantizeInt8(this.data, slot * this.stride, this.dim!, this.rows8, slot * this.stride8);
    // f32: the scale is one already, the two norms are rounded up (the bound only grows), the sum is an
    // integer below 2^24 in magnitude (127 * INT8_MAX_DIM), so exact.
    const m = this.meta;
    m[slot * 4] = scale;
    m[slot * 4 + 1] = f32AtLeast(resid);
    m[slot * 4 + 2] = f32AtLeast(norm);
    m[slot * 4 + 3] = sum;
  }

  /** Refresh the views of the int8 memory after it grew (or the per-slot numbers moved). */
  private refreshInt8Views(): void {
    const buffer = this.int8!.memory.buffer;
    if (this.rows8.buffer !== buffer) this.rows8 = new Int8Array(buffer);
    const metaAt = this.capacity * this.stride8;
    if (this.meta.buffer !== buffer || this.meta.byteOffset !== metaAt) this.meta = new Float32Array(buffer, metaAt, this.capacity * 4);
  }

  /** Remove ids (unknown ones are ignored). Returns how many were removed. */
  deleteMany(ids: readonly string[]): number {
    const stride = this.stride;
    if (this.dim === null) return 0;
    this.quantizePending(); // (a row moved into a hole keeps its int8 copy)
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
          this.refreshInt8Views();
          this.rows8.copyWithin(slot * s8, last * s8, (last + 1) * s8);
          this.meta.copyWithin(slot * 4, last * 4, (last + 1) * 4);
        }
        this.ids[slot] = lastId;
        this.slotOf.set(lastId, slot);
      }
      this.ids.pop();
      this.slotOf.delete(id);
      removed++;
    }
    this.quantized = Math.min(this.quantized, this.ids.length);
    if (this.ids.length === 0) this.reset();
    return removed;
  }

  reset(): void {
    this.dim = null;
    this.stride = 0;
    this.capacity = 0;
    this.data = new Float32Array(0);
    this.kernel = null; // its memory goes with it (wasm memory cannot shrink)
    this.threads?.close(); // the helper runs on the int8 kernel's memory: a new one gets a new helper
    this.threads = null;
    this.int8 = null;
    this.stride8 = 0;
    this.rows8 = new Int8Array(0);
    this.meta = new Float32Array(0);
    this.quantized = 0;
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
    if (this.int8 && this.quantized === n && count >= this.twoStageFrom && k * 20 <= count) {
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

  /**
   * The int8 two-stage scan (see the top of this file), or null when the f32 scan should run instead.
   * Stage 1 runs in the int8 kernel's module: the integer dot products (scanAll / scanSlots), then the
   * bounds of every row with the k-th largest lower bound L (bounds), then the rows whose upper bound
   * reaches L (collect); stage 2 re-scores those in float64 here.
   */
  private twoStage(q: Float32Array, k: number, slots: Int32Array | null, count: number): SearchHit[] | null {
    const kernel = this.int8!;
    const dim = this.dim!;
    const s8 = this.stride8;
    // Scratch after the rows and the per-slot numbers (8-byte aligned: s8 is a multiple of 64).
    const queryAt = this.capacity * (s8 + META_BYTES);
    const upperAt = queryAt + s8 * 2;
    const heapAt = upperAt + count * 8; // the index thread's heap, then the helper's
    const dotsAt = heapAt + 2 * k * 8;
    const slotsAt = dotsAt + count * 4;
    const candidatesAt = slotsAt + (slots ? count * 4 : 0);
    this.ensureInt8Bytes(candidatesAt + count * 4);
    const buffer = kernel.memory.buffer;
    let sq: number;
    let rq: number;
    if (kernel.relaxed) {
      // Query bytes q7 + 64 in [1, 127] (the padding 0): the operand relaxed SIMD reads exactly.
      const q8 = new Int8Array(buffer, queryAt, s8);
      q8.fill(0);
      [sq, rq] = quantizeInt8(q, 0, dim, q8, 0, RELAXED_LEVELS);
      for (let i = 0; i < dim; i++) q8[i] = q8[i]! + RELAXED_OFFSET;
    } else {
      const q16 = new Int16Array(buffer, queryAt, s8);
      q16.fill(0);
      [sq, rq] = quantizeInt8(q, 0, dim, q16, 0);
    }
    if (!(sq > 0)) return null; // a zero query: every score is 0
    let qn = 0;
    for (let i = 0; i < dim; i++) qn += q[i]! * q[i]!;
    qn = Math.sqrt(qn);
    if (slots) new Int32Array(buffer, slotsAt, count).set(slots);
    new Float64Array(buffer, heapAt, k).fill(Number.NEGATIVE_INFINITY);
    const b = this.bound;
    const job: Stage1Job = {
      query: queryAt,
      dots: dotsAt,
      slots: slots ? slotsAt : 0,
      count,
      stride: s8,
      meta: this.capacity * s8,
      upper: upperAt,
      heap: heapAt,
      k,
      sq,
      qn: qn * b,
      rq: rq * b,
      slack: INT8_SLACK * b,
      corr: kernel.relaxed ? RELAXED_OFFSET : 0,
    };
    const threads = this.threads?.ready && count >= this.threadsFrom ? this.threads : null;
    const threshold = threads ? threads.run(kernel, job, heapAt + k * 8, buffer) : stage1Alone(kernel, job, buffer);
    if (threads && !threads.ready) this.threads = null; // given up during this search
    const candidates = kernel.collect(upperAt, count, threshold, candidatesAt);
    if (candidates > Math.max(k, Math.floor(count * TWO_STAGE_MAX_SHARE))) return null;
    // Stage 2, highest upper bound first: once the k best float64 scores so far are known, a candidate
    // whose upper bound is below the k-th of them (strictly: equal scores are ordered by id) cannot be in
    // the top-k, nor can any after it. So far fewer rows are read from the f32 copy (each a cache miss).
    const rows = new Int32Array(buffer, candidatesAt, candidates).slice();
    const upper = new Float64Array(buffer, upperAt, count);
    rows.sort((a, b) => upper[b]! - upper[a]!);
    const data = this.data;
    const stride = this.stride;
    const ids = this.ids;
    const hits: SearchHit[] = []; // the best so far, in sortHits order, at most k
    let rescored = 0;
    for (let j = 0; j < candidates; j++) {
      const i = rows[j]!;
      if (hits.length === k && upper[i]! < hits[k - 1]!.score) break;
      const slot = slots ? slots[i]! : i;
      const hit = { id: ids[slot]!, score: dotAt(data, slot * stride, q, dim) };
      rescored++;
      if (hits.length === k) {
        if (!ranksBefore(hit, hits[k - 1]!)) continue;
        hits.pop();
      }
      let at = hits.length;
      while (at > 0 && ranksBefore(hit, hits[at - 1]!)) at--;
      hits.splice(at, 0, hit);
    }
    this.stats = { scan: 'int8', relaxed: kernel.relaxed, threads: threads ? 2 : 1, searched: count, rescored, candidates };
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
      const bytes = capacity * (this.stride8 + META_BYTES);
      // On a shared memory where a helper thread may come (it runs the same module on the same memory).
      const shared = this.startHelper !== null && sharedMemoryAvailable();
      this.int8 =
        (shared && this.relaxed ? createRelaxedInt8Kernel(bytes, true) : null) ??
        (shared ? createInt8Kernel(bytes, true) : null) ??
        (this.relaxed ? createRelaxedInt8Kernel(bytes) : null) ??
        createInt8Kernel(bytes);
    }
    if (!this.int8) return;
    const s8 = this.stride8;
    // Rows, then the per-slot numbers (moved up to their new place), then a search's scratch (query,
    // bounds, heap, scores, slots, candidates: made room for when a search needs it).
    this.ensureInt8Bytes(capacity * (s8 + META_BYTES) + s8 * 2 + capacity * 24);
    if (old > 0) {
      const all = new Float32Array(this.int8.memory.buffer);
      all.copyWithin((capacity * s8) / 4, (old * s8) / 4, (old * s8) / 4 + this.ids.length * 4);
    }
    this.refreshInt8Views();
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
    const dim = checkItems(items, null); // before anything changes: a bad item keeps the old index
    this.reset();
    this.putChecked(lastById(items), dim, true);
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
