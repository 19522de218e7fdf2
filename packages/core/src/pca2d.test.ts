import { describe, expect, it } from 'vitest';
import { PCA } from 'ml-pca';
import { fitPca2d, projectPca2d, seededRandom, symmetricEigen } from './pca2d';

/** n rows of dim numbers: Gaussian with decreasing spread along random orthogonal-ish directions. */
function structured(n: number, dim: number, seed: number): Float32Array {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const rows = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) rows[r * dim + i] = gauss() * (i === 3 ? 6 : i === 7 ? 3 : 1) + (i === 0 ? 5 : 0);
  return rows;
}

const toArrays = (rows: Float32Array, n: number, dim: number) => Array.from({ length: n }, (_, r) => Array.from(rows.subarray(r * dim, (r + 1) * dim)));

describe('fitPca2d', () => {
  it('finds the same two principal directions and variance shares as ml-pca', () => {
    const [n, dim] = [400, 24];
    const rows = structured(n, dim, 5);
    const model = fitPca2d(rows, n, dim);
    const reference = new PCA(toArrays(rows, n, dim), { center: true, scale: false });
    const eigen = reference.getEigenvectors();
    for (const axis of [0, 1]) {
      const want = eigen.getColumn(axis);
      const got = model.axes[axis]!;
      const cos = want.reduce((s, x, i) => s + x * got[i]!, 0);
      expect(Math.abs(cos)).toBeGreaterThan(0.9999);
      expect(model.explained[axis]).toBeCloseTo(reference.getExplainedVariance()[axis]!, 4);
    }
    // Projections match up to the sign of each axis.
    const mine = projectPca2d(model, rows, n);
    const theirs = reference.predict(toArrays(rows, n, dim), { nComponents: 2 });
    for (const axis of [0, 1]) {
      const sign = Math.sign(mine[axis]!) === Math.sign(theirs.get(0, axis)) ? 1 : -1;
      for (let r = 0; r < n; r += 37) expect(mine[2 * r + axis]!).toBeCloseTo(sign * theirs.get(r, axis), 3);
    }
  });

  it('is reproducible: same data and seed, same numbers', () => {
    const rows = structured(300, 16, 9);
    const a = projectPca2d(fitPca2d(rows, 300, 16, { seed: 4 }), rows, 300);
    const b = projectPca2d(fitPca2d(rows, 300, 16, { seed: 4 }), rows, 300);
    expect(a).toEqual(b);
  });

  it('copes with one row, identical rows, one varying direction and one dimension', () => {
    const one = fitPca2d(new Float32Array([1, 2, 3]), 1, 3);
    expect(Array.from(projectPca2d(one, new Float32Array([1, 2, 3]), 1))).toEqual([0, 0]);
    const same = new Float32Array(30).fill(0.5);
    expect(Array.from(projectPca2d(fitPca2d(same, 10, 3), same, 10)).every((x) => x === 0)).toBe(true);
    const line = new Float32Array([0, 0, 1, 0, 2, 0, 3, 0]); // varies along x only
    const model = fitPca2d(line, 4, 2);
    expect(Math.abs(model.axes[0]![0]!)).toBeCloseTo(1, 6);
    expect(model.explained[0]).toBeCloseTo(1, 6);
    const p = projectPca2d(model, line, 4);
    expect(Math.abs(p[6]! - p[0]!)).toBeCloseTo(3, 5);
    expect(() => fitPca2d(new Float32Array(0), 0, 3)).toThrow();
    const flat = fitPca2d(new Float32Array([1, 2, 3]), 3, 1);
    expect(flat.explained[0]).toBeCloseTo(1, 6);
  });

  it('captures nearly all the variance of the true top two even without a gap between eigenvalues', () => {
    // Isotropic noise: every direction has about the same variance, the hardest case for iteration.
    const [n, dim] = [300, 40];
    const rand = seededRandom(11);
    const rows = Float32Array.from({ length: n * dim }, () => rand() - 0.5);
    const reference = new PCA(toArrays(rows, n, dim), { center: true, scale: false }).getExplainedVariance();
    const model = fitPca2d(rows, n, dim);
    expect(model.explained[0]).toBeGreaterThanOrEqual(model.explained[1]);
    expect(model.explained[0] + model.explained[1]).toBeGreaterThan(0.95 * (reference[0]! + reference[1]!));
    expect(model.explained[0] + model.explained[1]).toBeLessThanOrEqual(reference[0]! + reference[1]! + 1e-9);
  });
});

describe('symmetricEigen', () => {
  it('diagonalises a symmetric matrix', () => {
    const m = [
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 5],
    ];
    const { values, vectors } = symmetricEigen(m);
    for (let c = 0; c < 3; c++) {
      for (let r = 0; r < 3; r++) {
        const mv = m[r]!.reduce((s, x, j) => s + x * vectors[j]![c]!, 0);
        expect(mv).toBeCloseTo(values[c]! * vectors[r]![c]!, 9);
      }
    }
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 9);
  });
});
