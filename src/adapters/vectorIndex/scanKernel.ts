// The exact index's inner loop in WebAssembly SIMD: dot products of a query with many stored rows, four
// f32x4 accumulators per row (16 floats a step). The module is tiny, so it is written out here byte by
// byte (no wasm toolchain needed to build the app) and compiled at run time; where wasm SIMD is missing,
// ExactIndex scans in plain JS instead. The three kernels (f32 here; int8 and relaxed int8 below, the
// latter where the engine has relaxed SIMD) share one module builder (kernelModuleBytes) and one loader
// (kernelLoader). Their instructions are listed in WebAssembly text in kernels/scanF32.wat,
// kernels/scanInt8.wat and kernels/scanInt8Relaxed.wat; kernels.test.ts checks that a disassembler of the
// bytes (kernels/describeModule.ts) prints exactly those listings.
//
// Layout (byte addresses in the kernel's own memory): rows are `strideBytes` apart, a multiple of 64 (a row
// is padded with zeros to a multiple of 16 floats). The kernel writes one f32 score per row, in order.
//   scanAll(data, query, out, n, strideBytes)                    out[r] = row(data + r*stride) . query
//   scanSlots(data, query, out, slots, count, strideBytes)       out[i] = row(data + slots[i]*stride) . query
// Scores are f32 sums (rounding error at most about dim * 2^-24 for unit vectors); ExactIndex re-scores
// the candidates in float64 (see exactIndex.ts), so results do not depend on the kernel's rounding.

const I32 = 0x7f;
const F32 = 0x7d;
const F64 = 0x7c;
const V128 = 0x7b;

const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  call: 0x10,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f32Load: 0x2a,
  f64Load: 0x2b,
  i32Store: 0x36,
  f32Store: 0x38,
  f64Store: 0x39,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GeS: 0x4e,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Ge: 0x66,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  f32Add: 0x92,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64ConvertI32S: 0xb7,
  f64PromoteF32: 0xbb,
  simd: 0xfd,
  void: 0x40,
};
// SIMD opcodes (after the 0xfd prefix, as unsigned LEB128).
const simd = {
  v128Load: 0x00,
  v128Load8x8S: 0x01,
  i32x4ExtractLane: 0x1b,
  f32x4ExtractLane: 0x1f,
  i32x4Add: 0xae,
  i32x4DotI16x8S: 0xba,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
  i32x4RelaxedDotI8x16I7x16AddS: 0x113,
};

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};
const str = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const simdOp = (code: number, ...rest: number[]) => [op.simd, ...uleb(code), ...rest];
const get = (i: number) => [op.localGet, i];
const set = (i: number) => [op.localSet, i];
const tee = (i: number) => [op.localTee, i];
const i32c = (n: number) => [op.i32Const, ...sleb(n)];
/** v128.load at a constant offset, with the alignment hint 16 bytes (2^4): rows and the query start on 64-byte boundaries. */
const v128Load = (offset: number) => simdOp(simd.v128Load, 4, ...uleb(offset));

/** dot(p, q, bytes) -> f32. Locals: 0 p, 1 q, 2 bytes, 3 end, 4..7 accumulators. */
function dotBody(): number[] {
  const [p, q, bytes, end] = [0, 1, 2, 3];
  const acc = [4, 5, 6, 7];
  const step = (a: number, offset: number) => [
    ...get(a),
    ...get(p),
    ...v128Load(offset),
    ...get(q),
    ...v128Load(offset),
    ...simdOp(simd.f32x4Mul),
    ...simdOp(simd.f32x4Add),
    ...set(a),
  ];
  const lane = (i: number) => [...get(acc[0]!), ...simdOp(simd.f32x4ExtractLane, i)];
  const code = [
    ...get(p),
    ...get(bytes),
    op.i32Add,
    ...set(end),
    op.loop,
    op.void,
    ...step(acc[0]!, 0),
    ...step(acc[1]!, 16),
    ...step(acc[2]!, 32),
    ...step(acc[3]!, 48),
    ...get(q),
    ...i32c(64),
    op.i32Add,
    ...set(q),
    ...get(p),
    ...i32c(64),
    op.i32Add,
    ...tee(p),
    ...get(end),
    op.i32LtU,
    op.brIf,
    0,
    op.end,
    // (a0 + a1) + (a2 + a3), then the four lanes: (l0 + l1) + (l2 + l3)
    ...get(acc[0]!),
    ...get(acc[1]!),
    ...simdOp(simd.f32x4Add),
    ...get(acc[2]!),
    ...get(acc[3]!),
    ...simdOp(simd.f32x4Add),
    ...simdOp(simd.f32x4Add),
    ...set(acc[0]!),
    ...lane(0),
    ...lane(1),
    op.f32Add,
    ...lane(2),
    ...lane(3),
    op.f32Add,
    op.f32Add,
    op.end,
  ];
  return [
    ...vec([
      [1, I32],
      [4, V128],
    ]),
    ...code,
  ];
}

/** scanAll(data, query, out, n, stride): one score (f32, or i32 for the int8 kernel) per row. */
function scanAllBody(dotIndex: number, store: number): number[] {
  const [data, query, out, n, stride] = [0, 1, 2, 3, 4];
  const code = [
    op.block,
    op.void,
    ...get(n),
    op.i32Eqz,
    op.brIf,
    0,
    op.loop,
    op.void,
    ...get(out),
    ...get(data),
    ...get(query),
    ...get(stride),
    op.call,
    ...uleb(dotIndex),
    store,
    2,
    0,
    ...get(data),
    ...get(stride),
    op.i32Add,
    ...set(data),
    ...get(out),
    ...i32c(4),
    op.i32Add,
    ...set(out),
    ...get(n),
    ...i32c(1),
    op.i32Sub,
    ...tee(n),
    op.brIf,
    0,
    op.end,
    op.end,
    op.end,
  ];
  return [...vec([]), ...code];
}

/** scanSlots(data, query, out, slots, count, stride). */
function scanSlotsBody(dotIndex: number, store: number): number[] {
  const [data, query, out, slots, count, stride] = [0, 1, 2, 3, 4, 5];
  const code = [
    op.block,
    op.void,
    ...get(count),
    op.i32Eqz,
    op.brIf,
    0,
    op.loop,
    op.void,
    ...get(out),
    ...get(slots),
    op.i32Load,
    2,
    0,
    ...get(stride),
    op.i32Mul,
    ...get(data),
    op.i32Add,
    ...get(query),
    ...get(stride),
    op.call,
    ...uleb(dotIndex),
    store,
    2,
    0,
    ...get(slots),
    ...i32c(4),
    op.i32Add,
    ...set(slots),
    ...get(out),
    ...i32c(4),
    op.i32Add,
    ...set(out),
    ...get(count),
    ...i32c(1),
    op.i32Sub,
    ...tee(count),
    op.brIf,
    0,
    op.end,
    op.end,
    op.end,
  ];
  return [...vec([]), ...code];
}

/** Pages of a shared kernel memory's maximum (4 GiB, all that wasm32 addresses): a shared memory grows in place, up to it. */
export const SHARED_MAX_PAGES = 65536;

/**
 * A kernel module's bytes: type 0 is dot (i32 i32 i32) -> `dotResult`, function 0 the given dot body;
 * scanAll and scanSlots (exported) call it for each row and store its result with `store`. The int8
 * modules (`selection`) also export bounds and collect (the passes over all rows of the two-stage scan).
 * Imports env.memory (at least one page); `shared`: a shared memory (maximum SHARED_MAX_PAGES), which two
 * threads can run the same module on (scanThreads.ts). The code is the same either way.
 */
function kernelModuleBytes(dotResult: number, dot: number[], store: number, selection = false, shared = false): Uint8Array<ArrayBuffer> {
  const types = [
    [0x60, 3, I32, I32, I32, 1, dotResult], // 0: dot
    [0x60, 5, I32, I32, I32, I32, I32, 0], // 1: scanAll
    [0x60, 6, I32, I32, I32, I32, I32, I32, 0], // 2: scanSlots
  ];
  const functions = [[0], [1], [2]];
  const exports = [
    [...str('scanAll'), 0x00, 1],
    [...str('scanSlots'), 0x00, 2],
  ];
  const bodies = [dot, scanAllBody(0, store), scanSlotsBody(0, store)];
  if (selection) {
    types.push([0x60, 12, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, 1, F64]); // 3: bounds
    types.push([0x60, 4, I32, I32, F64, I32, 1, I32]); // 4: collect
    functions.push([3], [4]);
    exports.push([...str('bounds'), 0x00, 3], [...str('collect'), 0x00, 4]);
    bodies.push(boundsBody(), collectBody());
  }
  // memory, min 1 page (flags 0), or min 1 page, max SHARED_MAX_PAGES, shared (flags 3)
  const limits = shared ? [0x03, 0x01, ...uleb(SHARED_MAX_PAGES)] : [0x00, 0x01];
  const imports = vec([[...str('env'), ...str('memory'), 0x02, ...limits]]);
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, vec(functions)),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies.map((b) => [...uleb(b.length), ...b]))),
  ];
  return new Uint8Array(bytes);
}

/** The f32 module's bytes (kernels/scanF32.wat): exports scanAll and scanSlots (f32 scores). */
export function scanKernelBytes(): Uint8Array<ArrayBuffer> {
  return kernelModuleBytes(F32, dotBody(), op.f32Store);
}

export interface ScanKernel {
  readonly memory: WebAssembly.Memory;
  scanAll(data: number, query: number, out: number, n: number, strideBytes: number): void;
  scanSlots(data: number, query: number, out: number, slots: number, count: number, strideBytes: number): void;
}

interface KernelLoader {
  /** The compiled module (null where this engine has no wasm SIMD, or no shared memory for a shared one). */
  module(): WebAssembly.Module | null;
  /** Whether the module compiled (false where this engine has no wasm SIMD). */
  available(): boolean;
  /** A kernel with its own memory of at least `bytes` bytes, or null without wasm SIMD. */
  create(bytes: number): ScanKernel | null;
}

/** Whether this engine can make a shared wasm memory and hand it to a worker (cross-origin isolated in a browser; Node). */
export function sharedMemoryAvailable(): boolean {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' && isolated !== false;
}

/**
 * Compiles a kernel module once, on first use, and makes instances of it, each with its own memory
 * (`shared`: a shared WebAssembly.Memory, for a module built with a shared memory import).
 */
function kernelLoader(moduleBytes: () => Uint8Array<ArrayBuffer>, shared = false): KernelLoader {
  let compiled: WebAssembly.Module | null | undefined;
  const module = (): WebAssembly.Module | null => {
    if (compiled !== undefined) return compiled;
    try {
      const bytes = moduleBytes();
      compiled = typeof WebAssembly === 'object' && (!shared || sharedMemoryAvailable()) && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
    return compiled;
  };
  return {
    module,
    available: () => module() !== null,
    create(bytes) {
      const m = module();
      if (!m) return null;
      const initial = Math.max(1, Math.ceil(bytes / 65536));
      let memory: WebAssembly.Memory;
      try {
        memory = new WebAssembly.Memory(shared ? { initial, maximum: SHARED_MAX_PAGES, shared: true } : { initial });
      } catch (error) {
        if (shared) return null; // (e.g. no room to reserve a shared memory's maximum: the caller falls back to an unshared one)
        throw error;
      }
      const instance = new WebAssembly.Instance(m, { env: { memory } });
      // Every export (the int8 modules have bounds and collect too, see withSelection).
      return { memory, ...(instance.exports as unknown as Omit<ScanKernel, 'memory'>) };
    },
  };
}

const f32Kernel = kernelLoader(scanKernelBytes);

export function simdAvailable(): boolean {
  return f32Kernel.available();
}

/** An f32 kernel with its own memory of at least `bytes` bytes, or null without wasm SIMD. */
export function createScanKernel(bytes: number): ScanKernel | null {
  return f32Kernel.create(bytes);
}

// ---- The int8 kernels (first stage of ExactIndex's two-stage scan, see exactIndex.ts) ----
//
// Rows are int8 in [-127, 127] (`strideBytes` apart, a multiple of 64, zero-padded). Two kernels read them:
// - int8 (kernels/scanInt8.wat, every engine with wasm SIMD): the query is int16 (two bytes per element,
//   the same zero padding); each step loads 8 row bytes sign-extended to i16x8 (v128.load8x8_s), multiplies
//   them with 8 query i16 and adds pairs into i32x4 (i32x4.dot_i16x8_s): 8 multiply-adds an instruction.
// - relaxed (kernels/scanInt8Relaxed.wat, engines with relaxed SIMD: Chromium 114+, Node 20+): the query
//   is one byte per element, each step is i32x4.relaxed_dot_i8x16_i7x16_add_s over 16 row bytes and 16
//   query bytes: 16 multiply-adds an instruction. Its second operand is exact only with the top bit clear
//   (an engine may read such bytes as signed or unsigned), so the query bytes must lie in [0, 127]:
//   ExactIndex quantises the query to [-63, 63] and adds 64, and subtracts 64 * (the row's sum) in bounds.
//   Pairs of products are summed in 16 bits (saturating or wrapping by engine): |2 * 127 * 127| < 2^15.
// Every product and sum is an exact integer while dim * 127 * 127 < 2^31 (dim < 133,000); ExactIndex uses
// them well below that.
//   scanAll(data, query, out, n, strideBytes)                 out[r] = row(data + r*stride) . query (i32)
//   scanSlots(data, query, out, slots, count, strideBytes)    out[i] = row(data + slots[i]*stride) . query
// Both kernels also hold the two passes of the two-stage scan over every searched row (bounds, collect):
//   bounds(dots, slots, count, meta, upper, heap, k, sq, qn, rq, slack, corr) -> the k-th largest lower bound
//     for i < count: m = meta + 16 * (slots ? slots[i] : i) (per row four f32: scale, residual norm,
//     norm of the quantised row, sum of the row's bytes; read as f64); d = dots[i] - corr * sum;
//     a = sq * scale * d; e = qn * residual + rq * norm + slack; upper[i] = a + e; the lower bound a - e
//     goes into `heap`, a min-heap of the k largest (f64, filled with -Infinity by the caller).
//   collect(upper, count, L, out) -> n: writes every i with upper[i] >= L to out (i32), in order.

/** dot8(p, q, bytes) -> i32. Locals: 0 p (int8 row), 1 q (int16 query), 2 bytes, 3 end, 4..7 accumulators. */
function dot8Body(): number[] {
  // acc += dot(load8x8_s(p + offset), load(q + 2 * offset))
  const step = (a: number, offset: number) => [
    ...get(a),
    ...get(0),
    ...simdOp(simd.v128Load8x8S, 3, ...uleb(offset)),
    ...get(1),
    ...v128Load(2 * offset),
    ...simdOp(simd.i32x4DotI16x8S),
    ...simdOp(simd.i32x4Add),
    ...set(a),
  ];
  const steps = [0, 8, 16, 24, 32, 40, 48, 56].flatMap((offset, i) => step(4 + (i % 4), offset));
  return int8DotLoop(steps, 128);
}

/** dot7(p, q, bytes) -> i32 (relaxed). Locals: 0 p (int8 row), 1 q (query bytes in [0, 127]), 2 bytes, 3 end, 4..7 accumulators. */
function dot7Body(): number[] {
  // acc = relaxed_dot_add(load(p + offset), load(q + offset), acc)
  const step = (a: number, offset: number) => [
    ...get(0),
    ...v128Load(offset),
    ...get(1),
    ...v128Load(offset),
    ...get(a),
    ...simdOp(simd.i32x4RelaxedDotI8x16I7x16AddS),
    ...set(a),
  ];
  const steps = [0, 16, 32, 48].flatMap((offset, i) => step(4 + i, offset));
  return int8DotLoop(steps, 64);
}

/** The loop around `steps` (64 row bytes, `queryStep` query bytes), then the four accumulators' lanes summed. */
function int8DotLoop(steps: number[], queryStep: number): number[] {
  const [p, q, bytes, end] = [0, 1, 2, 3];
  const acc = [4, 5, 6, 7];
  const lane = (i: number) => [...get(acc[0]!), ...simdOp(simd.i32x4ExtractLane, i)];
  const code = [
    ...get(p),
    ...get(bytes),
    op.i32Add,
    ...set(end),
    op.loop,
    op.void,
    ...steps,
    ...get(q),
    ...i32c(queryStep),
    op.i32Add,
    ...set(q),
    ...get(p),
    ...i32c(64),
    op.i32Add,
    ...tee(p),
    ...get(end),
    op.i32LtU,
    op.brIf,
    0,
    op.end,
    ...get(acc[0]!),
    ...get(acc[1]!),
    ...simdOp(simd.i32x4Add),
    ...get(acc[2]!),
    ...get(acc[3]!),
    ...simdOp(simd.i32x4Add),
    ...simdOp(simd.i32x4Add),
    ...set(acc[0]!),
    ...lane(0),
    ...lane(1),
    op.i32Add,
    ...lane(2),
    ...lane(3),
    op.i32Add,
    op.i32Add,
    op.end,
  ];
  return [
    ...vec([
      [1, I32],
      [4, V128],
    ]),
    ...code,
  ];
}

/** base + (index << shift) */
const address = (base: number[], index: number[], shift: number) => [...base, ...index, ...i32c(shift), op.i32Shl, op.i32Add];
/** f64.load / f64.store / i32.load with the natural alignment (8 or 4 bytes) at a constant offset. */
const f64Load = (offset = 0) => [op.f64Load, 3, ...uleb(offset)];
/** f32.load at a constant offset, widened to f64 (exactly). */
const f32LoadAsF64 = (offset = 0) => [op.f32Load, 2, ...uleb(offset), op.f64PromoteF32];
const f64Store = [op.f64Store, 3, 0];
const i32Load = [op.i32Load, 2, 0];

/** for (i = 0; i < count; i++) body, skipped when count is 0: `block (br_if count == 0) loop … br_if (++i < count) end end`. */
const rowLoop = (count: number, i: number, body: number[]) => [
  op.block,
  op.void,
  ...get(count),
  op.i32Eqz,
  op.brIf,
  0,
  op.loop,
  op.void,
  ...body,
  ...get(i), // while (++i < count)
  ...i32c(1),
  op.i32Add,
  ...tee(i),
  ...get(count),
  op.i32LtU,
  op.brIf,
  0,
  op.end,
  op.end,
];

/**
 * bounds(dots, slots, count, meta, upper, heap, k, sq, qn, rq, slack, corr) -> f64 (see above).
 * Locals: params 0..11 in that order; 12 i, 13 m, 14 p, 15 c, 16 l (i32); 17 a, 18 e, 19 lo, 20 min (f64).
 */
function boundsBody(): number[] {
  const [dots, slots, count, meta, upper, heap, k, sq, qn, rq, slack, corr] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [i, m, p, c, l, a, e, lo, min] = [12, 13, 14, 15, 16, 17, 18, 19, 20];
  // Replace the heap's root (its smallest value) with lo and sift it down (as replaceHeapMin in exactIndex.ts).
  const siftDown = [
    ...i32c(0),
    ...set(p),
    op.block,
    op.void,
    op.loop,
    op.void,
    ...get(p), // l = 2p + 1; done when l >= k
    ...i32c(1),
    op.i32Shl,
    ...i32c(1),
    op.i32Add,
    ...tee(l),
    ...get(k),
    op.i32GeS,
    op.brIf,
    1,
    ...get(l), // c = l, or r = l + 1 when r < k and heap[r] < heap[l]
    ...set(c),
    ...get(l),
    ...i32c(1),
    op.i32Add,
    ...get(k),
    op.i32LtS,
    op.if,
    op.void,
    ...address(get(heap), get(l), 3),
    ...f64Load(8),
    ...address(get(heap), get(l), 3),
    ...f64Load(),
    op.f64Lt,
    op.if,
    op.void,
    ...get(l),
    ...i32c(1),
    op.i32Add,
    ...set(c),
    op.end,
    op.end,
    ...address(get(heap), get(c), 3), // done when heap[c] >= lo
    ...f64Load(),
    ...get(lo),
    op.f64Ge,
    op.brIf,
    1,
    ...address(get(heap), get(p), 3), // heap[p] = heap[c]; p = c
    ...address(get(heap), get(c), 3),
    ...f64Load(),
    ...f64Store,
    ...get(c),
    ...set(p),
    op.br,
    0,
    op.end,
    op.end,
    ...address(get(heap), get(p), 3), // heap[p] = lo; min = heap[0]
    ...get(lo),
    ...f64Store,
    ...get(heap),
    ...f64Load(),
    ...set(min),
  ];
  const code = [
    ...get(heap), // min = heap[0]
    ...f64Load(),
    ...set(min),
    ...rowLoop(count, i, [
      ...get(meta), // m = meta + ((slots ? slots[i] : i) << 4)
      ...get(slots),
      op.if,
      I32,
      ...address(get(slots), get(i), 2),
      ...i32Load,
      op.else,
      ...get(i),
      op.end,
      ...i32c(4),
      op.i32Shl,
      op.i32Add,
      ...set(m),
      ...get(sq), // a = sq * scale * (dots[i] - corr * sum)
      ...get(m),
      ...f32LoadAsF64(),
      op.f64Mul,
      ...address(get(dots), get(i), 2),
      ...i32Load,
      op.f64ConvertI32S,
      ...get(corr),
      ...get(m),
      ...f32LoadAsF64(12),
      op.f64Mul,
      op.f64Sub,
      op.f64Mul,
      ...set(a),
      ...get(qn), // e = qn * residual + rq * norm + slack
      ...get(m),
      ...f32LoadAsF64(4),
      op.f64Mul,
      ...get(rq),
      ...get(m),
      ...f32LoadAsF64(8),
      op.f64Mul,
      op.f64Add,
      ...get(slack),
      op.f64Add,
      ...set(e),
      ...address(get(upper), get(i), 3), // upper[i] = a + e
      ...get(a),
      ...get(e),
      op.f64Add,
      ...f64Store,
      ...get(a), // lo = a - e; into the heap when above its smallest
      ...get(e),
      op.f64Sub,
      ...tee(lo),
      ...get(min),
      op.f64Gt,
      op.if,
      op.void,
      ...siftDown,
      op.end,
    ]),
    ...get(min),
    op.end,
  ];
  return [
    ...vec([
      [5, I32],
      [4, F64],
    ]),
    ...code,
  ];
}

/** collect(upper, count, L, out) -> i32 (see above). Locals: 0 upper, 1 count, 2 L, 3 out; 4 i, 5 n. */
function collectBody(): number[] {
  const [upper, count, bound, out, i, n] = [0, 1, 2, 3, 4, 5];
  const code = [
    ...rowLoop(count, i, [
      ...address(get(upper), get(i), 3), // if (upper[i] >= L) out[n++] = i
      ...f64Load(),
      ...get(bound),
      op.f64Ge,
      op.if,
      op.void,
      ...address(get(out), get(n), 2),
      ...get(i),
      op.i32Store,
      2,
      0,
      ...get(n),
      ...i32c(1),
      op.i32Add,
      ...set(n),
      op.end,
    ]),
    ...get(n),
    op.end,
  ];
  return [...vec([[2, I32]]), ...code];
}

/**
 * The int8 module's bytes (kernels/scanInt8.wat): scanAll and scanSlots (i32 scores), bounds, collect.
 * `shared`: the same code on a shared memory (the listing's import line reads `(memory 1 65536 shared)`).
 */
export function int8KernelBytes(shared = false): Uint8Array<ArrayBuffer> {
  return kernelModuleBytes(I32, dot8Body(), op.i32Store, true, shared);
}

/** The relaxed int8 module's bytes (kernels/scanInt8Relaxed.wat): the same exports, one query byte per element. */
export function relaxedInt8KernelBytes(shared = false): Uint8Array<ArrayBuffer> {
  return kernelModuleBytes(I32, dot7Body(), op.i32Store, true, shared);
}

/** The smallest module that uses relaxed SIMD's int8 dot product: (v128, v128, v128) -> v128. */
export function relaxedProbeBytes(): Uint8Array<ArrayBuffer> {
  const types = vec([[0x60, 3, V128, V128, V128, 1, V128]]);
  const body = [...vec([]), ...get(0), ...get(1), ...get(2), ...simdOp(simd.i32x4RelaxedDotI8x16I7x16AddS), op.end];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(3, vec([[0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

export interface Int8Kernel extends ScanKernel {
  /** Whether this is the relaxed kernel (query bytes in [0, 127], see above). */
  readonly relaxed: boolean;
  /** For a kernel on a shared memory: its compiled module, which a helper thread instantiates on the same memory (scanThreads.ts). */
  readonly shared: WebAssembly.Module | null;
  bounds(
    dots: number,
    slots: number,
    count: number,
    meta: number,
    upper: number,
    heap: number,
    k: number,
    sq: number,
    qn: number,
    rq: number,
    slack: number,
    corr: number,
  ): number;
  collect(upper: number, count: number, bound: number, out: number): number;
}

const int8Loader = kernelLoader(() => int8KernelBytes());
const relaxedLoader = kernelLoader(() => relaxedInt8KernelBytes());
const sharedInt8Loader = kernelLoader(() => int8KernelBytes(true), true);
const sharedRelaxedLoader = kernelLoader(() => relaxedInt8KernelBytes(true), true);

function withSelection(kernel: ScanKernel | null, relaxed: boolean, shared: WebAssembly.Module | null = null): Int8Kernel | null {
  if (!kernel) return null;
  const exports = kernel as unknown as Int8Kernel;
  return { ...kernel, relaxed, shared, bounds: exports.bounds, collect: exports.collect };
}

/**
 * An int8 kernel with its own memory of at least `bytes` bytes, or null without wasm SIMD. `shared`: on a
 * shared memory where the engine can make one (else null: the caller falls back to an unshared kernel).
 */
export function createInt8Kernel(bytes: number, shared = false): Int8Kernel | null {
  if (shared) return withSelection(sharedInt8Loader.create(bytes), false, sharedInt8Loader.module());
  return withSelection(int8Loader.create(bytes), false);
}

let relaxedWorks: boolean | undefined;
/**
 * Whether relaxed SIMD's int8 dot product is here and gives the exact sums the relaxed kernel relies on:
 * the tiny probe module validates, and the kernel computes a known row (extremes included) exactly.
 */
export function relaxedSimdAvailable(): boolean {
  if (relaxedWorks !== undefined) return relaxedWorks;
  relaxedWorks = false;
  try {
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(relaxedProbeBytes()) || !relaxedLoader.available()) return false;
    const kernel = relaxedLoader.create(256)!;
    const row = new Int8Array(kernel.memory.buffer, 0, 128);
    const query = new Uint8Array(kernel.memory.buffer, 128, 64);
    let want = 0;
    for (let i = 0; i < 64; i++) {
      row[i] = i % 3 === 0 ? -127 : i % 3 === 1 ? 127 : i - 32;
      query[i] = i % 2 === 0 ? 127 : i;
      want += row[i]! * query[i]!;
    }
    kernel.scanAll(0, 128, 192, 1, 64);
    relaxedWorks = new Int32Array(kernel.memory.buffer, 192, 1)[0] === want;
  } catch {
    relaxedWorks = false;
  }
  return relaxedWorks;
}

/** The relaxed int8 kernel with its own memory of at least `bytes` bytes, or null without relaxed SIMD (`shared`: as createInt8Kernel). */
export function createRelaxedInt8Kernel(bytes: number, shared = false): Int8Kernel | null {
  if (!relaxedSimdAvailable()) return null;
  if (shared) return withSelection(sharedRelaxedLoader.create(bytes), true, sharedRelaxedLoader.module());
  return withSelection(relaxedLoader.create(bytes), true);
}
