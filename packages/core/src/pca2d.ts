// The two principal components of a set of vectors, for the embedding map. Only the top two are needed,
// so instead of a full eigendecomposition of the d x d covariance (ml-pca takes ~5-20 s for 2,000 x 384
// on this machine) this runs randomised subspace iteration on a block of 10 directions, never forming
// the covariance: each round is one pass over the data (2 * n * d * 10 multiply-adds). Rayleigh-Ritz
// then picks the top two within the block; signs are fixed (largest coordinate positive) and the start is
// seeded, so the same data and seed give the same picture.
// Pure: rows are one Float32Array, row i at [i * dim, (i + 1) * dim).
import { seededRandom } from './seededRandom';

export { seededRandom };

export interface Pca2d {
  dim: number;
  mean: Float64Array;
  /** The first and second principal directions (unit length). */
  axes: [Float64Array, Float64Array];
  /** Share of the total variance along each axis (0..1). */
  explained: [number, number];
}

function dotF64(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** C times each column of the block (C = covariance of the centred rows; never formed): 2 * n * d * k multiply-adds. */
function covTimesBlock(rows: Float32Array, n: number, mean: Float64Array, block: Float64Array[]): Float64Array[] {
  const dim = mean.length;
  const k = block.length;
  const out = block.map(() => new Float64Array(dim));
  const c = new Float64Array(dim);
  const p = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    for (let i = 0; i < dim; i++) c[i] = rows[o + i]! - mean[i]!;
    for (let j = 0; j < k; j++) p[j] = dotF64(c, block[j]!);
    for (let j = 0; j < k; j++) {
      const w = out[j]!;
      const pj = p[j]!;
      if (pj !== 0) for (let i = 0; i < dim; i++) w[i] = w[i]! + c[i]! * pj;
    }
  }
  const scale = 1 / Math.max(1, n - 1);
  for (const w of out) for (let i = 0; i < dim; i++) w[i] = w[i]! * scale;
  return out;
}

/**
 * Orthonormalise the block in place (modified Gram-Schmidt). A column that vanishes (rank deficiency:
 * few or identical rows) is replaced by the first unit axis not yet spanned, so the block stays a basis.
 */
function orthonormalize(block: Float64Array[]): void {
  const dim = block[0]!.length;
  let axis = 0;
  for (let j = 0; j < block.length; j++) {
    const v = block[j]!;
    for (let attempt = 0; attempt <= dim; attempt++) {
      for (let i = 0; i < j; i++) {
        const d = dotF64(v, block[i]!);
        for (let t = 0; t < dim; t++) v[t] = v[t]! - d * block[i]![t]!;
      }
      const len = Math.sqrt(dotF64(v, v));
      if (len > 1e-12) {
        for (let t = 0; t < dim; t++) v[t] = v[t]! / len;
        break;
      }
      v.fill(0);
      v[axis++ % dim] = 1;
    }
  }
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a small symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const m = matrix.length;
  const a = matrix.map((row) => row.slice());
  const v: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const arp = a[r]![p]!;
          const arq = a[r]![q]!;
          a[r]![p] = c * arp - s * arq;
          a[r]![q] = s * arp + c * arq;
        }
        for (let r = 0; r < m; r++) {
          const apr = a[p]![r]!;
          const aqr = a[q]![r]!;
          a[p]![r] = c * apr - s * aqr;
          a[q]![r] = s * apr + c * aqr;
        }
        for (let r = 0; r < m; r++) {
          const vrp = v[r]![p]!;
          const vrq = v[r]![q]!;
          v[r]![p] = c * vrp - s * vrq;
          v[r]![q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
}

function fixSign(v: Float64Array): void {
  let at = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[at]!) + 1e-12) at = i;
  if (v[at]! < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
}

/** Block size of the subspace iteration: 2 wanted directions plus oversampling. */
const BLOCK = 10;

/**
 * Fit the top two principal components of n rows of `dim` floats: randomised subspace iteration (a
 * seeded block of 10 directions, `iterations` rounds of multiplying by the covariance and
 * re-orthonormalising), then Rayleigh-Ritz within the block. With the oversampling, the plane found holds
 * (all but a hair of) the variance of the true top two even where eigenvalues are close, at a fixed cost.
 */
export function fitPca2d(
  rows: Float32Array,
  n: number,
  dim: number,
  options: { seed?: number; iterations?: number; onProgress?: (done: number, total: number) => void } = {},
): Pca2d {
  if (n < 1 || dim < 1 || rows.length < n * dim) throw new Error('PCA needs at least one row of at least one number');
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) mean[i] = mean[i]! + rows[r * dim + i]!;
  for (let i = 0; i < dim; i++) mean[i] = mean[i]! / n;
  let total = 0;
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dim; i++) {
      const x = rows[r * dim + i]! - mean[i]!;
      total += x * x;
    }
  }
  total /= Math.max(1, n - 1);

  const k = Math.min(BLOCK, dim);
  const rand = seededRandom(options.seed ?? 1);
  let block: Float64Array[] = Array.from({ length: k }, () => Float64Array.from({ length: dim }, () => rand() - 0.5));
  orthonormalize(block);
  const iterations = options.iterations ?? 12;
  for (let it = 0; it < iterations; it++) {
    block = covTimesBlock(rows, n, mean, block);
    orthonormalize(block);
    options.onProgress?.(it + 1, iterations + 1);
  }
  // Rayleigh-Ritz: the covariance within the block's span, diagonalised; its top two eigenvectors.
  const cBlock = covTimesBlock(rows, n, mean, block);
  options.onProgress?.(iterations + 1, iterations + 1);
  const h = block.map((u) => cBlock.map((cv) => dotF64(u, cv)));
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) h[i]![j] = h[j]![i] = (h[i]![j]! + h[j]![i]!) / 2;
  const { values, vectors } = symmetricEigen(h);
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
  const axis = (which: number): Float64Array => {
    const out = new Float64Array(dim);
    const col = order[which];
    if (col === undefined) return out; // one dimension: no second axis
    for (let j = 0; j < k; j++) {
      const w = vectors[j]![col]!;
      const u = block[j]!;
      for (let i = 0; i < dim; i++) out[i] = out[i]! + w * u[i]!;
    }
    fixSign(out);
    return out;
  };
  const share = (x: number | undefined) => (total > 0 && x !== undefined ? Math.max(0, Math.min(1, x / total)) : 0);
  return { dim, mean, axes: [axis(0), axis(1)], explained: [share(values[order[0]!]), share(values[order[1]!])] };
}

/** Project n rows onto the two axes: x, y interleaved (Float32Array of 2n). */
export function projectPca2d(model: Pca2d, rows: Float32Array, n: number): Float32Array {
  const { dim, mean, axes } = model;
  if (rows.length < n * dim) throw new Error(`expected ${n} rows of ${dim} numbers`);
  const out = new Float32Array(2 * n);
  const [u, v] = axes;
  for (let r = 0; r < n; r++) {
    let x = 0;
    let y = 0;
    for (let i = 0; i < dim; i++) {
      const d = rows[r * dim + i]! - mean[i]!;
      x += d * u[i]!;
      y += d * v[i]!;
    }
    out[2 * r] = x;
    out[2 * r + 1] = y;
  }
  return out;
}
