// Truncated SVD of a sparse matrix A (m × n, CSR) by randomised subspace iteration (Halko, Martinsson and
// Tropp 2011), returning the top k right singular vectors (the n-dimensional basis W, n × k) and the
// singular values. Only products of A and Aᵀ with dense blocks of l = k + OVERSAMPLE columns are formed;
// AᵀA is never built.
//
//   Z ← Ω (n × l, seeded uniform noise)
//   repeat POWER_ITERATIONS times:  Z ← Aᵀ(A Z), then re-orthonormalised (except after the last)
//   Rayleigh-Ritz of AᵀA on span(Z):  G = ZᵀZ, Y = A Z, H = YᵀY; solve H c = λ G c
//   W = Z · (the top k solutions c, G-orthonormal), σ = √λ
// The generalised problem is solved by whitening: G = P D Pᵀ, T = P D^-½ (directions with D below
// 1e-10 · max D dropped: they are where Z is rank-deficient, e.g. fewer rows than l), then the eigen-
// decomposition of Tᵀ H T. So W's columns are orthonormal without an n × l² Gram-Schmidt pass, and W is
// formed by one n × l × k product. Components whose σ is below 1e-7 σ₁ (A's numerical rank is smaller
// than k) are dropped too, so fewer than k may come back. Each column's sign is fixed (its largest
// entry positive). The same A, k and seed give the same W, bit for bit.
import { seededRandom } from '../seededRandom';
import { csrTimesDense, denseTimes, gram, transposeCsr, type CsrMatrix } from './sparse';
import { symmetricEigen } from './symmetricEigen';

/** Extra columns beyond k: they absorb the tail of the spectrum so that the top k come out accurately. */
export const OVERSAMPLE = 16;
/** Applications of AᵀA to the random block before the Rayleigh-Ritz step. */
export const POWER_ITERATIONS = 1;

export interface TruncatedSvd {
  /** How many components came back (≤ the k asked for). */
  k: number;
  /** n × k, row-major: row t is term t's coordinates; orthonormal columns (A's right singular vectors). */
  basis: Float64Array;
  /** k singular values, descending. */
  singularValues: Float64Array;
}

export interface TruncatedSvdOptions {
  seed?: number;
  /** Called between the heavy steps (each a pass over A or an l × l eigenproblem); may throw to stop. */
  checkpoint?: (done: number, total: number) => Promise<void>;
}

/** How many checkpoints truncatedSvd calls (the total it reports). */
export function svdSteps(): number {
  return 2 * POWER_ITERATIONS + 4;
}

/**
 * Whitening transform of the columns of Z from their Gram matrix G (l × l): T (l × r) with Tᵀ G T = I,
 * dropping the directions where G is (numerically) singular.
 */
function whitening(g: Float64Array, l: number): { t: Float64Array; r: number } {
  const { values, vectors } = symmetricEigen(g, l);
  const top = values[0] ?? 0;
  let r = 0;
  while (r < l && values[r]! > top * 1e-10 && values[r]! > 0) r++;
  const t = new Float64Array(l * r);
  for (let j = 0; j < r; j++) {
    const s = 1 / Math.sqrt(values[j]!);
    for (let i = 0; i < l; i++) t[i * r + j] = vectors[i * l + j]! * s;
  }
  return { t, r };
}

/** Mᵀ X M for symmetric X (l × l) and M (l × r). */
function congruence(x: Float64Array, l: number, m: Float64Array, r: number): Float64Array {
  const xm = denseTimes(x, l, l, m, r); // l × r
  const out = new Float64Array(r * r);
  for (let i = 0; i < l; i++) {
    for (let a = 0; a < r; a++) {
      const mia = m[i * r + a]!;
      if (mia === 0) continue;
      for (let b = 0; b < r; b++) out[a * r + b] = out[a * r + b]! + mia * xm[i * r + b]!;
    }
  }
  for (let a = 0; a < r; a++) for (let b = 0; b < a; b++) out[a * r + b] = out[b * r + a] = (out[a * r + b]! + out[b * r + a]!) / 2;
  return out;
}

/** The top k right singular vectors and singular values of A (see the header). */
export async function truncatedSvd(a: CsrMatrix, k: number, options: TruncatedSvdOptions = {}): Promise<TruncatedSvd> {
  const n = a.cols;
  const m = a.rows;
  const want = Math.max(0, Math.min(k, m, n));
  if (want === 0) return { k: 0, basis: new Float64Array(0), singularValues: new Float64Array(0) };
  const l = Math.min(want + OVERSAMPLE, n);
  const total = svdSteps();
  let step = 0;
  const checkpoint = async () => {
    step++;
    await options.checkpoint?.(step, total);
  };

  const at = transposeCsr(a);
  const rand = seededRandom(options.seed ?? 1);
  let z = new Float64Array(n * l);
  for (let i = 0; i < z.length; i++) z[i] = rand() - 0.5;
  const y = new Float64Array(m * l);
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    csrTimesDense(a, z, l, y);
    await checkpoint();
    csrTimesDense(at, y, l, z);
    await checkpoint();
    if (it < POWER_ITERATIONS - 1) {
      const { t, r } = whitening(gram(z, n, l), l);
      // Keep l columns: pad with zero columns if Z lost rank (they are dropped again at the end).
      const zt = denseTimes(z, n, l, t, r);
      z = new Float64Array(n * l);
      for (let row = 0; row < n; row++) z.set(zt.subarray(row * r, (row + 1) * r), row * l);
    }
  }
  // Rayleigh-Ritz.
  csrTimesDense(a, z, l, y);
  await checkpoint();
  const { t, r } = whitening(gram(z, n, l), l);
  await checkpoint();
  const h = congruence(gram(y, m, l), l, t, r);
  await checkpoint();
  const { values, vectors } = symmetricEigen(h, r);
  const top = Math.sqrt(Math.max(0, values[0] ?? 0));
  let kept = 0;
  while (kept < Math.min(want, r) && Math.sqrt(Math.max(0, values[kept]!)) > top * 1e-7) kept++;
  // W = Z · (T · E_k): l × kept coefficients, then one n × l × kept product.
  const e = new Float64Array(r * kept);
  for (let i = 0; i < r; i++) for (let j = 0; j < kept; j++) e[i * kept + j] = vectors[i * r + j]!;
  const basis = denseTimes(z, n, l, denseTimes(t, l, r, e, kept), kept);
  for (let j = 0; j < kept; j++) {
    let at = 0;
    for (let i = 1; i < n; i++) if (Math.abs(basis[i * kept + j]!) > Math.abs(basis[at * kept + j]!)) at = i;
    if (basis[at * kept + j]! < 0) for (let i = 0; i < n; i++) basis[i * kept + j] = -basis[i * kept + j]!;
  }
  const singularValues = new Float64Array(kept);
  for (let j = 0; j < kept; j++) singularValues[j] = Math.sqrt(Math.max(0, values[j]!));
  await checkpoint();
  return { k: kept, basis, singularValues };
}
