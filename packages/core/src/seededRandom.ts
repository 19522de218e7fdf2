// A small seeded PRNG (mulberry32): the same seed always gives the same numbers in [0, 1). The embedding
// map uses it so that the same data and seed give the same picture; tests and fixtures use it too.
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
