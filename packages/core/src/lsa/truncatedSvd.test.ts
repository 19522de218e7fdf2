// The randomised truncated SVD: a matrix with known singular values (built as U S Vᵀ from two Householder
// reflections), and a larger sparse low-rank-plus-noise matrix checked against the exact eigenvalues of AᵀA.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seededRandom';
import { csrTimesDense, denseTimes, gram, transposeCsr, type CsrMatrix } from './sparse';
import { symmetricEigen } from './symmetricEigen';
import { truncatedSvd } from './truncatedSvd';

/** The n × n Householder reflection I - 2 u uᵀ / (uᵀu), row-major. */
function householder(u: number[]): Float64Array {
  const n = u.length;
  const uu = u.reduce((s, x) => s + x * x, 0);
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = (i === j ? 1 : 0) - (2 * u[i]! * u[j]!) / uu;
  return h;
}

function denseToCsr(d: Float64Array, rows: number, cols: number): CsrMatrix {
  const rowStart = new Int32Array(rows + 1);
  const col: number[] = [];
  const value: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (d[r * cols + c] !== 0) {
        col.push(c);
        value.push(d[r * cols + c]!);
      }
    }
    rowStart[r + 1] = col.length;
  }
  return { rows, cols, rowStart, col: Int32Array.from(col), value: Float64Array.from(value) };
}

function transposeDense(d: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = d[r * cols + c]!;
  return t;
}

function expectOrthonormalColumns(basis: Float64Array, n: number, k: number, tolerance: number): void {
  const g = gram(basis, n, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expect(Math.abs(g[i * k + j]! - (i === j ? 1 : 0))).toBeLessThan(tolerance);
}

describe('truncatedSvd', () => {
  // A (6 × 5) = U S Vᵀ, U and V orthogonal, S = diag(5, 4, 3, 2, 1): its singular values are 5 4 3 2 1.
  const u = householder([1, 2, -1, 0.5, 3, -2]);
  const v = householder([2, -1, 1, 1, 0.5]);
  const s = [5, 4, 3, 2, 1];
  const us = new Float64Array(6 * 5);
  for (let r = 0; r < 6; r++) for (let c = 0; c < 5; c++) us[r * 5 + c] = u[r * 6 + c]! * s[c]!;
  const dense = denseTimes(us, 6, 5, transposeDense(v, 5, 5), 5);
  const a = denseToCsr(dense, 6, 5);

  it('finds known singular values, descending, with orthonormal right singular vectors', async () => {
    const svd = await truncatedSvd(a, 3);
    expect(svd.k).toBe(3);
    expect([...svd.singularValues].map((x) => Math.round(x * 1e9) / 1e9)).toEqual([5, 4, 3]);
    expectOrthonormalColumns(svd.basis, 5, 3, 1e-10);
    // Each column is ± the matching column of V.
    for (let j = 0; j < 3; j++) {
      let dot = 0;
      for (let i = 0; i < 5; i++) dot += svd.basis[i * 3 + j]! * v[i * 5 + j]!;
      expect(Math.abs(dot)).toBeCloseTo(1, 10);
    }
  });

  it('reconstructs the matrix at full rank: A = (A W) Wᵀ', async () => {
    const svd = await truncatedSvd(a, 10);
    expect(svd.k).toBe(5);
    const aw = csrTimesDense(a, svd.basis, 5);
    const back = denseTimes(aw, 6, 5, transposeDense(svd.basis, 5, 5), 5);
    for (let i = 0; i < dense.length; i++) expect(Math.abs(back[i]! - dense[i]!)).toBeLessThan(1e-10);
  });

  it('drops components beyond the numerical rank', async () => {
    // Rank 2: the third row is the sum of the first two.
    const svd = await truncatedSvd(denseToCsr(Float64Array.of(1, 0, 2, 0, 1, 1, 1, 1, 3), 3, 3), 3);
    expect(svd.k).toBe(2);
  });

  it('matches the exact top singular values of a sparse low-rank-plus-noise matrix', async () => {
    const [m, n, rank] = [300, 120, 6];
    const rand = seededRandom(9);
    const d = new Float64Array(m * n);
    const left = Array.from({ length: rank }, () => Array.from({ length: m }, () => (rand() < 0.3 ? rand() : 0)));
    const right = Array.from({ length: rank }, () => Array.from({ length: n }, () => (rand() < 0.3 ? rand() : 0)));
    for (let q = 0; q < rank; q++)
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) d[i * n + j] = d[i * n + j]! + (rank - q) * left[q]![i]! * right[q]![j]!;
    for (let i = 0; i < d.length; i++) if (rand() < 0.02) d[i] = d[i]! + 0.1 * rand();
    const a = denseToCsr(d, m, n);
    const exact = symmetricEigen(gram(d, m, n), n)
      .values.slice(0, rank)
      .map((x) => Math.sqrt(x));
    const svd = await truncatedSvd(a, rank, { seed: 3 });
    for (let j = 0; j < rank; j++) expect(Math.abs(svd.singularValues[j]! - exact[j]!) / exact[j]!).toBeLessThan(1e-6);
    expectOrthonormalColumns(svd.basis, n, rank, 1e-9);
    // The columns of A W are orthogonal with norms σ (W holds right singular vectors).
    const h = gram(csrTimesDense(a, svd.basis, rank), m, rank);
    for (let i = 0; i < rank; i++) {
      for (let j = 0; j < rank; j++) {
        const want = i === j ? svd.singularValues[i]! ** 2 : 0;
        expect(Math.abs(h[i * rank + j]! - want)).toBeLessThan(1e-6 * svd.singularValues[0]! ** 2);
      }
    }
    // Same input and seed: the same result, bit for bit.
    const again = await truncatedSvd(a, rank, { seed: 3 });
    expect(again.basis).toEqual(svd.basis);
  });

  it('transposes CSR', () => {
    const t = transposeCsr(a);
    const back = transposeCsr(t);
    expect(back).toEqual(a);
    expect(t.rows).toBe(5);
  });
});
