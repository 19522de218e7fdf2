// A sparse matrix in compressed sparse row form (CSR) and the products that the truncated SVD needs: a
// CSR matrix times a dense row-major block, a dense Gram matrix, a dense product. Pure, typed arrays only,
// no allocation per element. Dense blocks are Float64Array, row-major: entry (i, j) of an r × c block is
// at i * c + j.
// Speed: JavaScript has no SIMD, and a loop that loads and stores one output per multiply-add runs at
// ~1.3 ns per multiply-add here; so every kernel adds FOUR source rows into an output row per pass (one
// load and store of the output per four multiply-adds), which roughly halves the time, and the dense ones
// also fill two output rows at once, sharing the loads (another ~25%).

/** rows × cols, row r's entries at rowStart[r] .. rowStart[r + 1] - 1: column col[e], value value[e]. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  rowStart: Int32Array;
  col: Int32Array;
  value: Float64Array;
}

/** The transpose, as CSR (a counting sort of the entries by column; within a row, entries by row). */
export function transposeCsr(a: CsrMatrix): CsrMatrix {
  const nnz = a.rowStart[a.rows]!;
  const rowStart = new Int32Array(a.cols + 1);
  for (let e = 0; e < nnz; e++) {
    const c = a.col[e]! + 1;
    rowStart[c] = rowStart[c]! + 1;
  }
  for (let c = 0; c < a.cols; c++) rowStart[c + 1] = rowStart[c + 1]! + rowStart[c]!;
  const next = rowStart.slice(0, a.cols);
  const col = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  for (let r = 0; r < a.rows; r++) {
    for (let e = a.rowStart[r]!; e < a.rowStart[r + 1]!; e++) {
      const at = next[a.col[e]!]!++;
      col[at] = r;
      value[at] = a.value[e]!;
    }
  }
  return { rows: a.cols, cols: a.rows, rowStart, col, value };
}

/**
 * out (rows × width) = A · B, B being cols × width: per row of A, its entries add multiples of rows of B
 * (contiguous), four at a time, into the output row.
 */
export function csrTimesDense(a: CsrMatrix, b: Float64Array, width: number, out: Float64Array = new Float64Array(a.rows * width)): Float64Array {
  if (b.length !== a.cols * width || out.length !== a.rows * width) throw new Error('csrTimesDense: sizes do not match');
  out.fill(0);
  const { rowStart, col, value } = a;
  for (let r = 0; r < a.rows; r++) {
    const o = r * width;
    const end = rowStart[r + 1]!;
    let e = rowStart[r]!;
    for (; e + 3 < end; e += 4) {
      const v0 = value[e]!;
      const v1 = value[e + 1]!;
      const v2 = value[e + 2]!;
      const v3 = value[e + 3]!;
      const b0 = col[e]! * width;
      const b1 = col[e + 1]! * width;
      const b2 = col[e + 2]! * width;
      const b3 = col[e + 3]! * width;
      for (let j = 0; j < width; j++) {
        out[o + j] = out[o + j]! + v0 * b[b0 + j]! + v1 * b[b1 + j]! + v2 * b[b2 + j]! + v3 * b[b3 + j]!;
      }
    }
    for (; e < end; e++) {
      const v = value[e]!;
      const bo = col[e]! * width;
      for (let j = 0; j < width; j++) out[o + j] = out[o + j]! + v * b[bo + j]!;
    }
  }
  return out;
}

/**
 * The Gram matrix XᵀX (width × width, symmetric, both halves filled) of a rows × width block X: four rows
 * of X a pass, two rows of the Gram matrix at a time (each loaded x[j] serves both).
 */
export function gram(x: Float64Array, rows: number, width: number): Float64Array {
  const g = new Float64Array(width * width);
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const o0 = r * width;
    const o1 = o0 + width;
    const o2 = o1 + width;
    const o3 = o2 + width;
    let i = 0;
    for (; i + 1 < width; i += 2) {
      const a0 = x[o0 + i]!;
      const a1 = x[o1 + i]!;
      const a2 = x[o2 + i]!;
      const a3 = x[o3 + i]!;
      const b0 = x[o0 + i + 1]!;
      const b1 = x[o1 + i + 1]!;
      const b2 = x[o2 + i + 1]!;
      const b3 = x[o3 + i + 1]!;
      const ga = i * width;
      const gb = ga + width; // row i + 1: its entry j = i is below the diagonal, overwritten at the end
      for (let j = i; j < width; j++) {
        const p0 = x[o0 + j]!;
        const p1 = x[o1 + j]!;
        const p2 = x[o2 + j]!;
        const p3 = x[o3 + j]!;
        g[ga + j] = g[ga + j]! + a0 * p0 + a1 * p1 + a2 * p2 + a3 * p3;
        g[gb + j] = g[gb + j]! + b0 * p0 + b1 * p1 + b2 * p2 + b3 * p3;
      }
    }
    for (; i < width; i++) {
      const gi = i * width;
      g[gi + i] = g[gi + i]! + x[o0 + i]! ** 2 + x[o1 + i]! ** 2 + x[o2 + i]! ** 2 + x[o3 + i]! ** 2;
    }
  }
  for (; r < rows; r++) {
    const o = r * width;
    for (let i = 0; i < width; i++) {
      const xi = x[o + i]!;
      const gi = i * width;
      for (let j = i; j < width; j++) g[gi + j] = g[gi + j]! + xi * x[o + j]!;
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) g[i * width + j] = g[j * width + i]!;
  return g;
}

/**
 * out (rows × c) = X · M, X being rows × inner and M inner × c (all row-major): four rows of M a pass, into
 * two output rows at a time (each loaded entry of M serves both).
 */
export function denseTimes(x: Float64Array, rows: number, inner: number, m: Float64Array, c: number): Float64Array {
  if (x.length !== rows * inner || m.length !== inner * c) throw new Error('denseTimes: sizes do not match');
  const out = new Float64Array(rows * c);
  let r = 0;
  for (; r + 1 < rows; r += 2) {
    const xa = r * inner;
    const xb = xa + inner;
    const oa = r * c;
    const ob = oa + c;
    let i = 0;
    for (; i + 3 < inner; i += 4) {
      const a0 = x[xa + i]!;
      const a1 = x[xa + i + 1]!;
      const a2 = x[xa + i + 2]!;
      const a3 = x[xa + i + 3]!;
      const b0 = x[xb + i]!;
      const b1 = x[xb + i + 1]!;
      const b2 = x[xb + i + 2]!;
      const b3 = x[xb + i + 3]!;
      const m0 = i * c;
      const m1 = m0 + c;
      const m2 = m1 + c;
      const m3 = m2 + c;
      for (let j = 0; j < c; j++) {
        const p0 = m[m0 + j]!;
        const p1 = m[m1 + j]!;
        const p2 = m[m2 + j]!;
        const p3 = m[m3 + j]!;
        out[oa + j] = out[oa + j]! + a0 * p0 + a1 * p1 + a2 * p2 + a3 * p3;
        out[ob + j] = out[ob + j]! + b0 * p0 + b1 * p1 + b2 * p2 + b3 * p3;
      }
    }
    for (; i < inner; i++) {
      const a = x[xa + i]!;
      const b = x[xb + i]!;
      const mo = i * c;
      for (let j = 0; j < c; j++) {
        out[oa + j] = out[oa + j]! + a * m[mo + j]!;
        out[ob + j] = out[ob + j]! + b * m[mo + j]!;
      }
    }
  }
  for (; r < rows; r++) {
    const xo = r * inner;
    const o = r * c;
    for (let i = 0; i < inner; i++) {
      const xi = x[xo + i]!;
      const mo = i * c;
      for (let j = 0; j < c; j++) out[o + j] = out[o + j]! + xi * m[mo + j]!;
    }
  }
  return out;
}
