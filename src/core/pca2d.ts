// The two principal components of a set of vectors, for the embedding map. Only the top two are needed,
// so instead of a full eigendecomposition of the d x d covariance (ml-pca takes ~5-20 s for 2,000 x 384
// here) this runs block power iteration on two vectors, never forming the covariance: each round is two
// passes over the data (n x d), about 10 ms for 5,000 x 384. A final Rayleigh-Ritz step orders the two
// directions by variance; signs are fixed (largest coordinate positive) so the picture is reproducible.
// Pure: rows are one Float32Array, row i at [i * dim, (i + 1) * dim).

export interface Pca2d {
  dim: number;
  mean: Float64Array;
  /** The first and second principal directions (unit length). */
  axes: [Float64Array, Float64Array];
  /** Share of the total variance along each axis (0..1). */
  explained: [number, number];
}

/** A small seeded PRNG (mulberry32), so a given seed always gives the same start and the same picture. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dotF64(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function normalize(v: Float64Array): number {
  const len = Math.sqrt(dotF64(v, v));
  if (len > 0) for (let i = 0; i < v.length; i++) v[i] = v[i]! / len;
  return len;
}

/** a -= (a . b) b, for unit b. */
function removeComponent(a: Float64Array, b: Float64Array): void {
  const d = dotF64(a, b);
  for (let i = 0; i < a.length; i++) a[i] = a[i]! - d * b[i]!;
}

/** (C u, C v) where C is the covariance of the centred rows (without forming C). */
function covTimes(rows: Float32Array, n: number, mean: Float64Array, u: Float64Array, v: Float64Array): [Float64Array<ArrayBuffer>, Float64Array<ArrayBuffer>] {
  const dim = mean.length;
  const cu = new Float64Array(dim);
  const cv = new Float64Array(dim);
  const mu = dotF64(mean, u);
  const mv = dotF64(mean, v);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    let pu = -mu;
    let pv = -mv;
    for (let i = 0; i < dim; i++) {
      const x = rows[o + i]!;
      pu += x * u[i]!;
      pv += x * v[i]!;
    }
    for (let i = 0; i < dim; i++) {
      const x = rows[o + i]! - mean[i]!;
      cu[i] = cu[i]! + x * pu;
      cv[i] = cv[i]! + x * pv;
    }
  }
  const scale = 1 / Math.max(1, n - 1);
  for (let i = 0; i < dim; i++) {
    cu[i] = cu[i]! * scale;
    cv[i] = cv[i]! * scale;
  }
  return [cu, cv];
}

function fixSign(v: Float64Array): void {
  let at = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(v[at]!) + 1e-12) at = i;
  if (v[at]! < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
}

/**
 * Fit the top two principal components of n rows of `dim` floats. `maxIterations` bounds the power
 * iteration (it stops earlier once the two directions settle).
 */
export function fitPca2d(rows: Float32Array, n: number, dim: number, options: { seed?: number; maxIterations?: number } = {}): Pca2d {
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

  const rand = seededRandom(options.seed ?? 1);
  let u = Float64Array.from({ length: dim }, () => rand() - 0.5);
  let v = Float64Array.from({ length: dim }, () => rand() - 0.5);
  normalize(u);
  removeComponent(v, u);
  normalize(v);
  const maxIterations = options.maxIterations ?? 300;
  for (let it = 0; it < maxIterations && dim > 1; it++) {
    const [cu, cv] = covTimes(rows, n, mean, u, v);
    if (normalize(cu) === 0) break; // no variance at all
    removeComponent(cv, cu);
    if (normalize(cv) === 0) {
      // Only one direction has variance: any unit vector orthogonal to it will do.
      cv.fill(0);
      cv[Math.abs(cu[0]!) < 0.9 ? 0 : 1] = 1;
      removeComponent(cv, cu);
      normalize(cv);
    }
    // Settled when the new plane is the old one (up to rounding).
    const change = 2 - Math.abs(dotF64(cu, u)) - Math.abs(dotF64(cv, v));
    const planeChange = Math.abs(dotF64(cu, v)) + Math.abs(dotF64(cv, u));
    u = cu;
    v = cv;
    if (change < 1e-10 && planeChange < 1e-5) break;
  }
  // Rayleigh-Ritz: the 2 x 2 covariance within the plane, diagonalised.
  const [cu, cv] = covTimes(rows, n, mean, u, v);
  const a = dotF64(u, cu);
  const b = dotF64(u, cv);
  const c = dotF64(v, cv);
  const theta = 0.5 * Math.atan2(2 * b, a - c);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const first = u.map((x, i) => cos * x + sin * v[i]!);
  const second = u.map((x, i) => -sin * x + cos * v[i]!);
  const l1 = a * cos * cos + 2 * b * sin * cos + c * sin * sin;
  const l2 = a * sin * sin - 2 * b * sin * cos + c * cos * cos;
  const ordered: [Float64Array, Float64Array] = l1 >= l2 ? [first, second] : [second, first];
  const variances = l1 >= l2 ? [l1, l2] : [l2, l1];
  fixSign(ordered[0]);
  fixSign(ordered[1]);
  const share = (x: number) => (total > 0 ? Math.max(0, Math.min(1, x / total)) : 0);
  return { dim, mean, axes: ordered, explained: [share(variances[0]!), share(variances[1]!)] };
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
