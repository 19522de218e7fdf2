// The exact index's inner loop in WebAssembly SIMD: dot products of a query with many stored rows, four
// f32x4 accumulators per row (16 floats a step). The module is tiny, so it is written out here byte by
// byte (no wasm toolchain needed to build the app) and compiled at run time; where wasm SIMD is missing,
// ExactIndex scans in plain JS instead. Both kernels (f32 here, int8 below) share one module builder
// (kernelModuleBytes) and one loader (kernelLoader). Their instructions are listed in WebAssembly text in
// kernels/scanF32.wat and kernels/scanInt8.wat; kernels.test.ts checks that a disassembler of the bytes
// (kernels/describeModule.ts) prints exactly those listings.
//
// Layout (byte addresses in the kernel's own memory): rows are `strideBytes` apart, a multiple of 64 (a row
// is padded with zeros to a multiple of 16 floats). The kernel writes one f32 score per row, in order.
//   scanAll(data, query, out, n, strideBytes)                    out[r] = row(data + r*stride) . query
//   scanSlots(data, query, out, slots, count, strideBytes)       out[i] = row(data + slots[i]*stride) . query
// Scores are f32 sums (rounding error at most about dim * 2^-24 for unit vectors); ExactIndex re-scores
// the candidates in float64 (see exactIndex.ts), so results do not depend on the kernel's rounding.

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  brIf: 0x0d,
  call: 0x10,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Store: 0x36,
  f32Store: 0x38,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  f32Add: 0x92,
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

/**
 * A kernel module's bytes: type 0 is dot (i32 i32 i32) -> `dotResult`, function 0 the given dot body;
 * scanAll and scanSlots (exported) call it for each row and store its result with `store`. Imports
 * env.memory (at least one page).
 */
function kernelModuleBytes(dotResult: number, dot: number[], store: number): Uint8Array<ArrayBuffer> {
  const types = vec([
    [0x60, 3, I32, I32, I32, 1, dotResult], // 0: dot
    [0x60, 5, I32, I32, I32, I32, I32, 0], // 1: scanAll
    [0x60, 6, I32, I32, I32, I32, I32, I32, 0], // 2: scanSlots
  ]);
  const imports = vec([[...str('env'), ...str('memory'), 0x02, 0x00, 0x01]]); // memory, min 1 page
  const functions = vec([[0], [1], [2]]);
  const exports = vec([
    [...str('scanAll'), 0x00, 1],
    [...str('scanSlots'), 0x00, 2],
  ]);
  const bodies = [dot, scanAllBody(0, store), scanSlotsBody(0, store)].map((b) => [...uleb(b.length), ...b]);
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, functions),
    ...section(7, exports),
    ...section(10, vec(bodies)),
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
  /** Whether the module compiled (false where this engine has no wasm SIMD). */
  available(): boolean;
  /** A kernel with its own memory of at least `bytes` bytes, or null without wasm SIMD. */
  create(bytes: number): ScanKernel | null;
}

/** Compiles a kernel module once, on first use, and makes instances of it, each with its own memory. */
function kernelLoader(moduleBytes: () => Uint8Array<ArrayBuffer>): KernelLoader {
  let compiled: WebAssembly.Module | null | undefined;
  const module = (): WebAssembly.Module | null => {
    if (compiled !== undefined) return compiled;
    try {
      const bytes = moduleBytes();
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
    return compiled;
  };
  return {
    available: () => module() !== null,
    create(bytes) {
      const m = module();
      if (!m) return null;
      const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
      const instance = new WebAssembly.Instance(m, { env: { memory } });
      const exports = instance.exports as unknown as Omit<ScanKernel, 'memory'>;
      return { memory, scanAll: exports.scanAll, scanSlots: exports.scanSlots };
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

// ---- The int8 kernel (first stage of ExactIndex's two-stage scan, see exactIndex.ts) ----
//
// Rows are int8 (`strideBytes` apart, a multiple of 64, zero-padded); the query is int16 (two bytes per
// element, the same zero padding), so each step is: load 8 row bytes sign-extended to i16x8
// (v128.load8x8_s), multiply with 8 query i16 and add pairs into i32x4 (i32x4.dot_i16x8_s), add to one
// of four i32x4 accumulators. With |values| <= 127 every product and sum is an exact integer while
// dim * 127 * 127 < 2^31 (dim < 133,000); ExactIndex only uses it well below that.
//   scanAll(data, query, out, n, strideBytes)                 out[r] = row(data + r*stride) . query (i32)
//   scanSlots(data, query, out, slots, count, strideBytes)    out[i] = row(data + slots[i]*stride) . query

/** dot8(p, q, bytes) -> i32. Locals: 0 p (int8 row), 1 q (int16 query), 2 bytes, 3 end, 4..7 accumulators. */
function dot8Body(): number[] {
  const [p, q, bytes, end] = [0, 1, 2, 3];
  const acc = [4, 5, 6, 7];
  // acc += dot(load8x8_s(p + offset), load(q + 2 * offset))
  const step = (a: number, offset: number) => [
    ...get(a),
    ...get(p),
    ...simdOp(simd.v128Load8x8S, 3, ...uleb(offset)),
    ...get(q),
    ...v128Load(2 * offset),
    ...simdOp(simd.i32x4DotI16x8S),
    ...simdOp(simd.i32x4Add),
    ...set(a),
  ];
  const lane = (i: number) => [...get(acc[0]!), ...simdOp(simd.i32x4ExtractLane, i)];
  const code = [
    ...get(p),
    ...get(bytes),
    op.i32Add,
    ...set(end),
    op.loop,
    op.void,
    ...step(acc[0]!, 0),
    ...step(acc[1]!, 8),
    ...step(acc[2]!, 16),
    ...step(acc[3]!, 24),
    ...step(acc[0]!, 32),
    ...step(acc[1]!, 40),
    ...step(acc[2]!, 48),
    ...step(acc[3]!, 56),
    ...get(q),
    ...i32c(128),
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

/** The int8 module's bytes (kernels/scanInt8.wat): exports scanAll and scanSlots (i32 scores). */
export function int8KernelBytes(): Uint8Array<ArrayBuffer> {
  return kernelModuleBytes(I32, dot8Body(), op.i32Store);
}

const int8Kernel = kernelLoader(int8KernelBytes);

/** An int8 kernel with its own memory of at least `bytes` bytes, or null without wasm SIMD. */
export function createInt8Kernel(bytes: number): ScanKernel | null {
  return int8Kernel.create(bytes);
}
