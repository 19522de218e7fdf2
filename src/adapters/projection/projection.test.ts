import { describe, expect, it } from 'vitest';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { Projector, type Rows } from './projection';

/** Two clusters of unit vectors around two directions. */
function clusters(n: number, dim: number, seed: number): Rows {
  const rand = mulberry32(seed);
  const centres = [randomUnitVector(rand, dim), randomUnitVector(rand, dim)];
  const data = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    const noise = randomUnitVector(rand, dim);
    const c = centres[r % 2]!;
    for (let i = 0; i < dim; i++) data[r * dim + i] = c[i]! + 0.3 * noise[i]!;
  }
  return { data, n, dim };
}

const dist = (c: Float32Array, a: number, b: number) => Math.hypot(c[2 * a]! - c[2 * b]!, c[2 * a + 1]! - c[2 * b + 1]!);

describe('Projector', () => {
  it('UMAP: the same vectors and seed give the same picture; the clusters come apart; progress is reported', () => {
    const rows = clusters(60, 24, 3);
    const stages: string[] = [];
    const a = new Projector('umap').fit(rows, 7, (stage) => stages.push(stage));
    const b = new Projector('umap').fit(rows, 7);
    expect(a.coords).toEqual(b.coords);
    expect(new Projector('umap').fit(rows, 8).coords).not.toEqual(a.coords);
    expect(stages[0]).toBe('neighbours');
    expect(stages.at(-1)).toBe('layout');
    // Same-cluster neighbours are closer than other-cluster ones, on average.
    let same = 0;
    let other = 0;
    for (let i = 0; i < 20; i++) {
      same += dist(a.coords, i, i + 2);
      other += dist(a.coords, i, i + 1);
    }
    expect(same).toBeLessThan(other);
  });

  it('places extra points the same way each time (UMAP transform, PCA projection), near their twins', () => {
    const rows = clusters(40, 16, 4);
    for (const method of ['umap', 'pca'] as const) {
      const projector = new Projector(method);
      const { coords } = projector.fit(rows, 1);
      const extra: Rows = { data: rows.data.slice(0, 16), n: 1, dim: 16 };
      const first = projector.transform(extra);
      projector.transform({ data: rows.data.slice(16, 48), n: 2, dim: 16 });
      expect(projector.transform(extra)).toEqual(first);
      if (method === 'pca') {
        expect(first[0]).toBeCloseTo(coords[0]!, 5);
        expect(first[1]).toBeCloseTo(coords[1]!, 5);
      }
      expect(() => projector.transform({ data: new Float32Array(3), n: 1, dim: 3 })).toThrow('dimension mismatch');
    }
  });

  it('PCA reports the variance shares; UMAP refuses too few points', () => {
    const rows = clusters(30, 8, 5);
    const { explained } = new Projector('pca').fit(rows, 1);
    expect(explained![0]).toBeGreaterThan(explained![1]);
    expect(explained![0] + explained![1]).toBeLessThanOrEqual(1);
    expect(() => new Projector('umap').fit({ data: rows.data.slice(0, 16), n: 2, dim: 8 }, 1)).toThrow('UMAP needs at least 3 points');
  });
});
