import { describe, expect, it } from 'vitest';
import { ExactIndex, kernelErrorBound, strideFor } from './exactIndex';
import { scanKernelBytes, simdAvailable } from './scanKernel';
import type { IndexItem, SearchHit } from './vectorIndex';
import { mulberry32, randomItems, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { cosineSimilarity } from '@openbook/core/similarity';

const items = (n: number, dim: number, seed: number, prefix = 'c'): IndexItem[] => randomItems(n, dim, seed, prefix);
/** Reference: cosine in float64 against every item, sorted by score desc then id asc. */
function naiveTopK(all: IndexItem[], query: Float32Array, k: number): SearchHit[] {
  const cos = cosineSimilarity;
  return all
    .map((it) => ({ id: it.id, score: cos(it.vector, query) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, k);
}
function expectSameHits(got: SearchHit[], want: SearchHit[]): void {
  expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
  got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 5));
}

describe('ExactIndex', () => {
  it('finds the true top-k by cosine similarity, best first', async () => {
    const data = items(2000, 384, 1);
    const index = new ExactIndex();
    const status = await index.build(data);
    expect(status).toEqual({ size: 2000, dimension: 384, engine: 'exact', fallbackReason: null });
    const rand = mulberry32(99);
    for (let q = 0; q < 12; q++) {
      const query = randomUnitVector(rand, 384);
      const { hits, engine, tookMs } = await index.search(query, 10);
      expect(engine).toBe('exact');
      expect(tookMs).toBeGreaterThanOrEqual(0);
      expectSameHits(hits, naiveTopK(data, query, 10));
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    }
  });

  it('works for any dimension and for k larger than the index', async () => {
    for (const dim of [1, 3, 5, 1024]) {
      const data = items(50, dim, dim);
      const index = new ExactIndex();
      await index.add(data);
      const query = randomUnitVector(mulberry32(7), dim);
      expectSameHits((await index.search(query, 100)).hits, naiveTopK(data, query, 100));
      expect((await index.search(query, 100)).hits).toHaveLength(50);
    }
  });

  it('normalises stored vectors and queries, so scores are cosine even for unnormalised input', async () => {
    const index = new ExactIndex();
    await index.add([
      { id: 'a', vector: new Float32Array([3, 4]) },
      { id: 'b', vector: new Float32Array([0, -2]) },
    ]);
    const { hits } = await index.search(new Float32Array([10, 0]), 2);
    expect(hits[0]!.id).toBe('a');
    expect(hits[0]!.score).toBeCloseTo(0.6, 6);
    expect(hits[1]!.score).toBeCloseTo(0, 6);
  });

  it('breaks ties by id and keeps k', async () => {
    const same = new Float32Array([1, 0, 0]);
    const index = new ExactIndex();
    await index.add(['d', 'b', 'e', 'a', 'c'].map((id) => ({ id, vector: same })));
    await index.add([{ id: 'x', vector: new Float32Array([0, 1, 0]) }]);
    const { hits } = await index.search(same, 3);
    expect(hits.map((h) => h.id)).toEqual(['a', 'b', 'c']);
    expect(new Set(hits.map((h) => h.score)).size).toBe(1);
  });

  it('grows, removes (moving the last slot) and replaces ids correctly', async () => {
    const data = items(1000, 16, 3);
    const index = new ExactIndex();
    for (let i = 0; i < data.length; i += 7) await index.add(data.slice(i, i + 7));
    expect(index.size).toBe(1000);
    const removed = new Set(data.filter((_, i) => i % 3 === 0).map((d) => d.id));
    await index.remove([...removed, 'unknown-id']);
    const replacement = { id: 'c1', vector: randomUnitVector(mulberry32(5), 16) };
    await index.add([replacement]);
    const live = data.filter((d) => !removed.has(d.id)).map((d) => (d.id === 'c1' ? replacement : d));
    expect(index.size).toBe(live.length);
    const rand = mulberry32(11);
    for (let q = 0; q < 10; q++) {
      const query = randomUnitVector(rand, 16);
      expectSameHits((await index.search(query, 20)).hits, naiveTopK(live, query, 20));
    }
    const stored = index.vectorOf('c1')!;
    stored.forEach((x, i) => expect(x).toBeCloseTo(replacement.vector[i]!, 6)); // already unit length
  });

  it('rejects a dimension mismatch and bad vectors without changing anything', async () => {
    const index = new ExactIndex();
    await index.add(items(5, 8, 1));
    await expect(index.add(items(2, 9, 2, 'z'))).rejects.toThrow('dimension mismatch: index has 8, got 9');
    await expect(index.search(new Float32Array(4), 3)).rejects.toThrow('dimension mismatch: index has 8, got 4');
    const bad = new Float32Array(8);
    bad[3] = Number.NaN;
    await expect(index.add([...items(2, 8, 3, 'ok'), { id: 'nan', vector: bad }])).rejects.toThrow(/NaN/);
    expect(index.status().size).toBe(5);
    await expect(index.build([...items(2, 8, 1), ...items(2, 4, 1, 'y')])).rejects.toThrow('dimension mismatch');
    expect(index.status().size).toBe(5);
    expect((await index.search(new Float32Array(8).fill(1), 0)).hits).toEqual([]);
    await index.clear();
    expect(index.status()).toEqual({ size: 0, dimension: null, engine: 'exact', fallbackReason: null });
    await index.add(items(2, 4, 1)); // a new dimension after clear is fine
    expect(index.status().dimension).toBe(4);
  });

  it('scans with the wasm SIMD kernel here, and the JS scan returns exactly the same hits', async () => {
    expect(WebAssembly.validate(scanKernelBytes())).toBe(true);
    expect(simdAvailable()).toBe(true);
    for (const dim of [384, 100, 768, 1024, 7]) {
      const data = items(1500, dim, dim + 1);
      const simd = new ExactIndex();
      const js = new ExactIndex({ simd: false });
      await Promise.all([simd.build(data), js.build(data)]);
      expect(simd.simd).toBe(true);
      expect(js.simd).toBe(false);
      const rand = mulberry32(dim);
      for (let q = 0; q < 6; q++) {
        const query = randomUnitVector(rand, dim);
        const a = await simd.search(query, 10);
        const b = await js.search(query, 10);
        expect(a.hits).toEqual(b.hits); // same ids, same float64 scores
        if (q < 2) expectSameHits(a.hits, naiveTopK(data, query, 10));
      }
    }
    expect(strideFor(384)).toBe(384);
    expect(strideFor(7)).toBe(16);
    expect(kernelErrorBound(384)).toBeLessThan(1e-4);
  });

  it('stays exact among near-ties that the f32 kernel cannot order (float64 re-scoring)', async () => {
    // Many vectors whose cosines with the query differ by less than f32 rounding: the kernel's f32 order
    // among them is noise; the answer must still be the float64 order (then ids).
    const dim = 384;
    const base = randomUnitVector(mulberry32(3), dim);
    const rand = mulberry32(4);
    const data: IndexItem[] = [];
    for (let i = 0; i < 400; i++) {
      const v = new Float32Array(base);
      const j = Math.floor(rand() * dim);
      v[j] = v[j]! + (rand() - 0.5) * 1e-6; // a nudge far below what separates random vectors
      data.push({ id: `t${String(i).padStart(3, '0')}`, vector: v });
    }
    data.push(...items(3000, dim, 5, 'r'));
    const simd = new ExactIndex();
    const js = new ExactIndex({ simd: false });
    await Promise.all([simd.build(data), js.build(data)]);
    for (const k of [1, 5, 10, 50]) {
      const a = (await simd.search(base, k)).hits;
      expect(a).toEqual((await js.search(base, k)).hits);
      expect(a.every((h) => h.id.startsWith('t'))).toBe(true);
    }
  });

  it('filters inside the search: k hits that pass, the best of them, even when they rank low overall', async () => {
    const data = items(5000, 64, 12);
    for (const simd of [true, false]) {
      const index = new ExactIndex({ simd });
      await index.build(data);
      const rand = mulberry32(13);
      for (let q = 0; q < 5; q++) {
        const query = randomUnitVector(rand, 64);
        // Every 7th item, plus unknown and repeated ids, which are ignored.
        const allowed = data.filter((_, i) => i % 7 === 3).map((d) => d.id);
        const { hits } = await index.search(query, 10, { allowedIds: [...allowed, 'nope', allowed[0]!] });
        const allowedSet = new Set(allowed);
        expect(hits).toHaveLength(10);
        expect(hits.every((h) => allowedSet.has(h.id))).toBe(true);
        expectSameHits(
          hits,
          naiveTopK(
            data.filter((d) => allowedSet.has(d.id)),
            query,
            10,
          ),
        );
      }
      const query = randomUnitVector(rand, 64);
      // Fewer allowed than k: all of them, sorted. None allowed: nothing.
      const few = ['c10', 'c20', 'c30'];
      expectSameHits(
        (await index.search(query, 10, { allowedIds: few })).hits,
        naiveTopK(
          data.filter((d) => few.includes(d.id)),
          query,
          10,
        ),
      );
      expect((await index.search(query, 10, { allowedIds: [] })).hits).toEqual([]);
      // After removals, a filter naming removed ids skips them.
      await index.remove(['c10']);
      expect((await index.search(query, 10, { allowedIds: few })).hits.map((h) => h.id).sort()).toEqual(['c20', 'c30']);
    }
  });

  it('keeps its rows through growth of the kernel memory (many small adds) and after clear', async () => {
    const data = items(3000, 384, 21);
    const index = new ExactIndex();
    for (let i = 0; i < data.length; i += 250) {
      await index.add(data.slice(i, i + 250));
      const query = randomUnitVector(mulberry32(i), 384);
      expectSameHits((await index.search(query, 5)).hits, naiveTopK(data.slice(0, i + 250), query, 5));
    }
    await index.clear();
    await index.add(data.slice(0, 10));
    expect(index.size).toBe(10);
    expect(index.simd).toBe(true);
  });
});
