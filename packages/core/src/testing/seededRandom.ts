// Deterministic random numbers for tests, fixture models and benchmarks (the app itself never uses them, and
// the production export leaves this folder out).

import { seededRandom } from '../seededRandom';

/** mulberry32: a small, fast seeded PRNG returning numbers in [0, 1) (../seededRandom.ts). */
export const mulberry32 = seededRandom;

/** A random direction: Gaussian components (Box-Muller), L2-normalised. */
export function randomUnitVector(rand: () => number, dim: number): Float32Array {
  const v = new Float32Array(dim);
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    v[i] = g;
    norm += g * g;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < dim; i++) v[i] = v[i]! / norm;
  return v;
}

/** n items with ids `${prefix}0`, `${prefix}1`, … and random unit vectors. */
export function randomItems(n: number, dim: number, seed: number, prefix = 'c'): { id: string; vector: Float32Array }[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, vector: randomUnitVector(rand, dim) }));
}
