// Stage 1 of ExactIndex's two-stage scan (the int8 dot products and bounds of every searched row, see
// exactIndex.ts) on two threads: the index's own thread and one helper thread run the same int8 kernel
// module on the same shared WebAssembly.Memory. The rows are cut into chunks; each thread takes the next
// chunk with an atomic compare-and-swap until none is left (so a helper that wakes late, or is not
// scheduled at all, only takes fewer chunks: the index thread never waits for a chunk nobody took). For
// chunk [start, end) a thread runs scanAll / scanSlots into dots[start, end), then bounds over those rows
// into upper[start, end) with ITS OWN heap of the k largest lower bounds. The k-th largest lower bound
// over ALL rows is then the k-th largest of the union of the two heaps (each holds the k largest of the
// rows it saw, so the union holds the k largest of all): mergedThreshold. Collect and stage 2 run on the
// index's thread as before, so the answer is the same as one thread's, bit for bit.
//
// Coordination is through a small control block (a SharedArrayBuffer of CONTROL_BYTES) with Atomics, not
// messages: the query's parameters, then WORD = (sequence << 7) | next chunk, FINISHED = chunks finished.
// The helper sleeps in Atomics.wait on WORD; the index thread stores a new sequence with chunk 0 and
// notifies. Parameters of a query are written only after every chunk of the previous one has finished,
// so a thread whose compare-and-swap on WORD succeeds read the parameters of that very query. The index
// thread waits (Atomics.wait, with a timeout) only for chunks the helper has taken; if that times out the
// helper is given up for good (stop()) and the scan is done again on one thread.
//
// The helper's side is runScanHelper (its loop never returns until stop): scanHelper.worker.ts in the
// browser, scanHelperThread.mjs in Node (worker_threads).
import type { Int8Kernel } from './scanKernel';

/** Bytes of the control block. */
export const CONTROL_BYTES = 128;

// Int32 slots of the control block.
const WORD = 0;
const FINISHED = 1;
const STOP = 2;
const UP = 3;
const P_QUERY = 4;
const P_DOTS = 5;
const P_SLOTS = 6;
const P_COUNT = 7;
const P_STRIDE = 8;
const P_META = 9;
const P_UPPER = 10;
const P_HEAP = 11;
const P_K = 12;
const P_CHUNK = 13;
const P_CHUNKS = 14;
// Float64 slots (byte offset 8 * index).
const F_SQ = 8;
const F_QN = 9;
const F_RQ = 10;
const F_SLACK = 11;
const F_CORR = 12;

const CHUNK_BITS = 7;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
const SEQ_MASK = (1 << 24) - 1;
/** Rows per chunk at least; at most 64 chunks (the chunk index must stay below 2^CHUNK_BITS). */
const MIN_CHUNK_ROWS = 2048;
const MAX_CHUNKS = 64;
/** How long the index thread waits for a chunk the helper took before it gives the helper up. */
const HELPER_TIMEOUT_MS = 1000;

/** The exports of an int8 kernel module that stage 1 runs (see scanKernel.ts). */
export type Stage1Kernel = Pick<Int8Kernel, 'scanAll' | 'scanSlots' | 'bounds'>;

/** One query's stage 1: byte addresses in the kernel's memory (rows at 0), and the bound's numbers. */
export interface Stage1Job {
  query: number;
  dots: number;
  /** The searched slots (i32, `count` of them), or 0: rows 0 .. count - 1. */
  slots: number;
  count: number;
  stride: number;
  /** Per-slot numbers (16 bytes a slot). */
  meta: number;
  upper: number;
  /** The index thread's heap of the k largest lower bounds (k f64, filled with -Infinity). */
  heap: number;
  k: number;
  sq: number;
  qn: number;
  rq: number;
  slack: number;
  corr: number;
}

/** Stage 1 over rows [start, start + len) with the k largest lower bounds kept in the heap at `heap`. */
function runChunk(kernel: Stage1Kernel, job: Stage1Job, start: number, len: number, heap: number): void {
  const { query, dots, slots, stride, meta, upper, k } = job;
  const d = dots + start * 4;
  if (slots) kernel.scanSlots(0, query, d, slots + start * 4, len, stride);
  else kernel.scanAll(start * stride, query, d, len, stride);
  const m = slots ? meta : meta + start * 16; // bounds reads the numbers of slots[i], or of row i
  kernel.bounds(d, slots ? slots + start * 4 : 0, len, m, upper + start * 8, heap, k, job.sq, job.qn, job.rq, job.slack, job.corr);
}

/** Stage 1 on one thread: every row in one go; returns the k-th largest lower bound (the heap's root). */
export function stage1Alone(kernel: Stage1Kernel, job: Stage1Job, memory: ArrayBufferLike): number {
  runChunk(kernel, job, 0, job.count, job.heap);
  return new Float64Array(memory, job.heap, 1)[0]!;
}

/** The k-th largest of the 2k values of two heaps (each the k largest of its rows; -Infinity where fewer). */
export function mergedThreshold(a: Float64Array, b: Float64Array, k: number): number {
  const all = new Float64Array(2 * k);
  all.set(a.subarray(0, k));
  all.set(b.subarray(0, k), k);
  all.sort();
  return all[k]!; // ascending: the k largest are all[k .. 2k - 1], the k-th largest is all[k]
}

/** The index thread's end of a helper thread. */
export class ScanThreads {
  private readonly ctl: Int32Array;
  private readonly f64: Float64Array;
  private seq = 0;
  private broken = false;

  /** `stop` ends the helper (terminates its worker); the control block is shared with it. */
  constructor(
    readonly control: SharedArrayBuffer,
    private readonly stop: () => void,
  ) {
    this.ctl = new Int32Array(control);
    this.f64 = new Float64Array(control);
  }

  /** Whether the helper has started (instantiated the module on the memory) and has not been given up. */
  get ready(): boolean {
    return !this.broken && Atomics.load(this.ctl, UP) === 1;
  }

  /** Resolves once the helper is ready or has been given up (looks every few milliseconds). */
  async whenReady(): Promise<void> {
    while (!this.broken && Atomics.load(this.ctl, UP) !== 1) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** The helper failed to start or died: never use it again. */
  fail(): void {
    if (!this.broken) this.close();
  }

  /** Stop the helper (its loop ends and its worker is terminated). */
  close(): void {
    this.broken = true;
    Atomics.store(this.ctl, STOP, 1);
    Atomics.notify(this.ctl, WORD);
    this.stop();
  }

  /**
   * Stage 1 shared with the helper; returns the k-th largest lower bound over all rows. `helperHeap`: k f64
   * for the helper's heap. Falls back to one thread (stage1Alone) when the helper stops answering.
   */
  run(kernel: Stage1Kernel, job: Stage1Job, helperHeap: number, memory: ArrayBufferLike): number {
    const ctl = this.ctl;
    const f64 = this.f64;
    const chunkRows = Math.max(MIN_CHUNK_ROWS, Math.ceil(job.count / MAX_CHUNKS));
    const chunks = Math.ceil(job.count / chunkRows);
    new Float64Array(memory, helperHeap, job.k).fill(Number.NEGATIVE_INFINITY);
    ctl[P_QUERY] = job.query;
    ctl[P_DOTS] = job.dots;
    ctl[P_SLOTS] = job.slots;
    ctl[P_COUNT] = job.count;
    ctl[P_STRIDE] = job.stride;
    ctl[P_META] = job.meta;
    ctl[P_UPPER] = job.upper;
    ctl[P_HEAP] = helperHeap;
    ctl[P_K] = job.k;
    ctl[P_CHUNK] = chunkRows;
    ctl[P_CHUNKS] = chunks;
    f64[F_SQ] = job.sq;
    f64[F_QN] = job.qn;
    f64[F_RQ] = job.rq;
    f64[F_SLACK] = job.slack;
    f64[F_CORR] = job.corr;
    Atomics.store(ctl, FINISHED, 0);
    this.seq = (this.seq + 1) & SEQ_MASK;
    const seq = this.seq;
    Atomics.store(ctl, WORD, seq << CHUNK_BITS);
    Atomics.notify(ctl, WORD);
    const mine = takeChunks(kernel, job, ctl, seq, chunkRows, chunks, job.heap);
    let finished = Atomics.add(ctl, FINISHED, mine) + mine;
    const deadline = performance.now() + HELPER_TIMEOUT_MS;
    while (finished < chunks) {
      // The helper holds a chunk: wait for its last one (it notifies when FINISHED reaches `chunks`).
      const left = deadline - performance.now();
      if (left <= 0) {
        console.warn('The vector index helper thread stopped answering; searching on one thread from now on.');
        this.close();
        new Float64Array(memory, job.heap, job.k).fill(Number.NEGATIVE_INFINITY);
        return stage1Alone(kernel, job, memory);
      }
      Atomics.wait(ctl, FINISHED, finished, left);
      finished = Atomics.load(ctl, FINISHED);
    }
    return mergedThreshold(new Float64Array(memory, job.heap, job.k), new Float64Array(memory, helperHeap, job.k), job.k);
  }
}

/** Take chunks of query `seq` until none is left; returns how many this thread ran. */
function takeChunks(kernel: Stage1Kernel, job: Stage1Job, ctl: Int32Array, seq: number, chunkRows: number, chunks: number, heap: number): number {
  let ran = 0;
  let w = Atomics.load(ctl, WORD);
  while (w >>> CHUNK_BITS === seq && (w & CHUNK_MASK) < chunks) {
    const seen = Atomics.compareExchange(ctl, WORD, w, w + 1);
    if (seen !== w) {
      w = seen;
      continue;
    }
    const start = (w & CHUNK_MASK) * chunkRows;
    runChunk(kernel, job, start, Math.min(chunkRows, job.count - start), heap);
    ran++;
    w = Atomics.load(ctl, WORD);
  }
  return ran;
}

/**
 * The helper thread's loop: instantiate the kernel module on the shared memory, say so (UP), then take
 * chunks of each query posted in the control block, until stopped. Blocks its thread for good (Atomics.wait).
 */
export function runScanHelper(module: WebAssembly.Module, memory: WebAssembly.Memory, control: SharedArrayBuffer): void {
  const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Stage1Kernel;
  const ctl = new Int32Array(control);
  const f64 = new Float64Array(control);
  Atomics.store(ctl, UP, 1);
  let w = Atomics.load(ctl, WORD);
  let wait = true;
  for (;;) {
    if (wait) Atomics.wait(ctl, WORD, w);
    if (Atomics.load(ctl, STOP) === 1) return;
    w = Atomics.load(ctl, WORD);
    const seq = w >>> CHUNK_BITS;
    const job: Stage1Job = {
      query: ctl[P_QUERY]!,
      dots: ctl[P_DOTS]!,
      slots: ctl[P_SLOTS]!,
      count: ctl[P_COUNT]!,
      stride: ctl[P_STRIDE]!,
      meta: ctl[P_META]!,
      upper: ctl[P_UPPER]!,
      heap: ctl[P_HEAP]!,
      k: ctl[P_K]!,
      sq: f64[F_SQ]!,
      qn: f64[F_QN]!,
      rq: f64[F_RQ]!,
      slack: f64[F_SLACK]!,
      corr: f64[F_CORR]!,
    };
    const chunks = ctl[P_CHUNKS]!;
    const ran = takeChunks(kernel, job, ctl, seq, ctl[P_CHUNK]!, chunks, job.heap);
    if (ran > 0 && Atomics.add(ctl, FINISHED, ran) + ran === chunks) Atomics.notify(ctl, FINISHED);
    // Sleep on the word as it is now, unless a new query was posted meanwhile (then look at it at once).
    w = Atomics.load(ctl, WORD);
    wait = w >>> CHUNK_BITS === seq;
  }
}
