// The dense symmetric eigen-solver: a hand-checked 2 × 2 case and random matrices (A v = λ v, V orthonormal).
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seededRandom';
import { symmetricEigen } from './symmetricEigen';

describe('symmetricEigen', () => {
  it('solves [[2, 1], [1, 2]]: eigenvalues 3 and 1, vectors (1, 1)/√2 and (1, -1)/√2', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0]! * vectors[2]!).toBeCloseTo(0.5, 12); // same sign: (1, 1)
    expect(vectors[1]! * vectors[3]!).toBeCloseTo(-0.5, 12); // opposite signs: (1, -1)
  });

  it.each([1, 3, 17, 60])('decomposes a random symmetric matrix of %i rows', (n) => {
    const rand = seededRandom(n);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rand() - 0.5;
    const { values, vectors } = symmetricEigen(a, n);
    for (let j = 1; j < n; j++) expect(values[j]!).toBeLessThanOrEqual(values[j - 1]!);
    let residual = 0;
    let orthogonality = 0;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += a[i * n + k]! * vectors[k * n + j]!;
        residual = Math.max(residual, Math.abs(av - values[j]! * vectors[i * n + j]!));
        let dot = 0;
        for (let k = 0; k < n; k++) dot += vectors[k * n + i]! * vectors[k * n + j]!;
        orthogonality = Math.max(orthogonality, Math.abs(dot - (i === j ? 1 : 0)));
      }
    }
    expect(residual).toBeLessThan(1e-12);
    expect(orthogonality).toBeLessThan(1e-12);
  });

  it('handles a zero matrix and repeated eigenvalues', () => {
    expect([...symmetricEigen(new Float64Array(9), 3).values]).toEqual([0, 0, 0]);
    const { values } = symmetricEigen(Float64Array.of(5, 0, 0, 0, 5, 0, 0, 0, 1), 3);
    expect([...values]).toEqual([5, 5, 1]);
  });
});
