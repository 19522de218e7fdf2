// VoyIndex against the real voy-search wasm (loaded in Node by loadVoyNode.ts) and against ExactIndex.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ExactIndex } from './exactIndex';
import { loadVoyNode } from './loadVoyNode';
import type { IndexItem, SearchHit } from './vectorIndex';
import { mulberry32, randomItems, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { cosineSimilarity } from '@openbook/core/similarity';
import { VoyIndex, type VoyConstructor, type VoyLike, type VoyResource } from './voyIndex';

const items = (n: number, dim: number, seed: number, prefix = 'c'): IndexItem[] => randomItems(n, dim, seed, prefix);
const cosine = cosineSimilarity;
/** Float64 reference: every item's cosine, sorted by score desc then id asc. */
function naiveTopK(all: IndexItem[], query: Float32Array, k: number): SearchHit[] {
  return all
    .map((it) => ({ id: it.id, score: cosine(it.vector, query) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, k);
}
function expectDescending(hits: SearchHit[]): void {
  for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
}
/** Same ids in the same order, same scores (both engines score with the same stored floats). */
async function expectSameAsExact(voy: VoyIndex, exact: ExactIndex, query: Float32Array, k: number) {
  const got = await voy.search(query, k);
  const want = await exact.search(query, k);
  expect(got.engine).toBe('voy');
  expect(got.hits).toEqual(want.hits);
  return got.hits;
}
const quiet = { onVoyError: () => undefined };

describe('VoyIndex on voy-search (384 dims)', () => {
  const data = items(3000, 384, 42);
  let voy: VoyIndex;
  let exact: ExactIndex;

  beforeAll(async () => {
    voy = new VoyIndex({ loadVoy: () => loadVoyNode(), ...quiet });
    exact = new ExactIndex();
    await Promise.all([voy.build(data), exact.build(data)]);
  });

  it('uses Voy and has every vector in it', () => {
    expect(voy.status()).toEqual({ size: 3000, dimension: 384, engine: 'voy', fallbackReason: null });
    expect(voy.counts()).toEqual({ ids: 3000, distinctVectors: 3000, voyItems: 3000 });
  });

  it('returns the same top-10 as the exact scan (ids and scores), with true cosine scores, best first', async () => {
    const rand = mulberry32(7);
    for (let q = 0; q < 60; q++) {
      const query = randomUnitVector(rand, 384);
      const hits = await expectSameAsExact(voy, exact, query, 10);
      expect(hits).toHaveLength(10);
      expectDescending(hits);
      if (q % 4 !== 0) continue; // the float64 reference is slow; a sample of the queries is enough
      const reference = naiveTopK(data, query, 10);
      expect(hits.map((h) => h.id)).toEqual(reference.map((h) => h.id));
      hits.forEach((h, i) => expect(h.score).toBeCloseTo(reference[i]!.score, 6));
    }
  });

  it('also agrees for queries close to stored vectors, for other k, and reports timing', async () => {
    const rand = mulberry32(8);
    for (let q = 0; q < 20; q++) {
      const base = data[Math.floor(rand() * data.length)]!.vector;
      const noise = randomUnitVector(rand, 384);
      const query = base.map((x, i) => x + 0.05 * noise[i]!);
      const hits = await expectSameAsExact(voy, exact, query, 1 + (q % 25));
      expect(hits[0]!.score).toBeGreaterThan(0.9);
    }
    const result = await voy.search(randomUnitVector(rand, 384), 5000);
    expect(result.hits).toHaveLength(3000); // k above the size: everything, sorted
    expectDescending(result.hits);
    expect(result.tookMs).toBeGreaterThanOrEqual(0);
    expect((await voy.search(randomUnitVector(rand, 384), 0)).hits).toEqual([]); // Voy itself panics on k = 0
  });

  it('rejects a dimension mismatch with a clear error and stays usable', async () => {
    await expect(voy.add(items(3, 100, 1, 'x'))).rejects.toThrow('dimension mismatch: index has 384, got 100');
    await expect(voy.search(new Float32Array(100), 3)).rejects.toThrow('dimension mismatch: index has 384, got 100');
    await expect(voy.build([...items(2, 384, 1, 'p'), ...items(2, 512, 1, 'q')])).rejects.toThrow('dimension mismatch: index has 384, got 512');
    expect(voy.status()).toEqual({ size: 3000, dimension: 384, engine: 'voy', fallbackReason: null });
    await expectSameAsExact(voy, exact, randomUnitVector(mulberry32(9), 384), 10);
  });
});

describe('VoyIndex with identical vectors', () => {
  const others = items(2000, 384, 5);
  const dup = randomUnitVector(mulberry32(77), 384);
  const dupItems = Array.from({ length: 100 }, (_, i) => ({ id: `dup${String(i).padStart(3, '0')}`, vector: dup }));
  const dup2 = randomUnitVector(mulberry32(78), 384);
  const dup2Items = Array.from({ length: 40 }, (_, i) => ({ id: `twin${i}`, vector: new Float32Array(dup2) }));
  // Interleave so the copies do not arrive in one block.
  const data: IndexItem[] = [];
  for (let i = 0; i < others.length; i++) {
    data.push(others[i]!);
    if (i < dupItems.length) data.push(dupItems[i]!);
    if (i < dup2Items.length) data.push(dup2Items[i]!);
  }
  let voy: VoyIndex;
  let exact: ExactIndex;

  beforeAll(async () => {
    voy = new VoyIndex({ loadVoy: () => loadVoyNode(), batchSize: 700, ...quiet });
    exact = new ExactIndex();
    await Promise.all([voy.build(data), exact.build(data)]);
  });

  it('builds without a panic: one Voy item per distinct vector', () => {
    expect(voy.status()).toEqual({ size: 2140, dimension: 384, engine: 'voy', fallbackReason: null });
    expect(voy.counts()).toEqual({ ids: 2140, distinctVectors: 2002, voyItems: 2002 });
  });

  it('returns all copies with equal scores when they are nearest, and respects k', async () => {
    const near = dup.map((x, i) => x + 0.01 * (i % 7 === 0 ? 1 : -0.2));
    for (const k of [1, 10, 99, 100, 101, 150]) {
      const hits = await expectSameAsExact(voy, exact, near, k);
      expect(hits).toHaveLength(k);
      const copies = hits.filter((h) => h.id.startsWith('dup'));
      expect(copies).toHaveLength(Math.min(k, 100));
      expect(new Set(copies.map((h) => h.score)).size).toBe(1);
      expect(copies[0]!.score).toBeCloseTo(cosine(dup, near), 6);
      expectDescending(hits);
    }
    const top = await voy.search(dup, 10);
    expect(top.hits.map((h) => h.id)).toEqual(dupItems.slice(0, 10).map((d) => d.id)); // ties: by id
    expect(top.hits[0]!.score).toBeCloseTo(1, 6);
  });

  it('keeps results right through remove and add, including removing some copies', async () => {
    const rand = mulberry32(21);
    const check = async () => {
      for (let q = 0; q < 8; q++) await expectSameAsExact(voy, exact, randomUnitVector(rand, 384), 10);
      await expectSameAsExact(voy, exact, dup, 120);
      await expectSameAsExact(voy, exact, dup2, 50);
    };
    const both = async (op: (index: VoyIndex | ExactIndex) => Promise<unknown>) => {
      await op(voy);
      await op(exact);
    };

    // Some copies go: the vector stays in Voy.
    const someCopies = dupItems.filter((_, i) => i % 3 !== 0).map((d) => d.id);
    await both((ix) => ix.remove(someCopies));
    expect(voy.counts()).toMatchObject({ ids: 2140 - someCopies.length, distinctVectors: 2002, voyItems: 2002 });
    expect((await voy.search(dup, 100)).hits.filter((h) => h.id.startsWith('dup'))).toHaveLength(34);
    await check();

    // The rest of them: now the vector leaves Voy.
    const restCopies = dupItems.filter((_, i) => i % 3 === 0).map((d) => d.id);
    await both((ix) => ix.remove(restCopies));
    expect(voy.counts()).toMatchObject({ ids: 2040, distinctVectors: 2001, voyItems: 2001 });
    expect((await voy.search(dup, 10)).hits.some((h) => h.id.startsWith('dup'))).toBe(false);
    await check();

    // Plain removals, an unknown id, and a repeated id.
    const gone = others.filter((_, i) => i % 10 === 0).map((d) => d.id);
    await both((ix) => ix.remove([...gone, 'nope', gone[0]!]));
    expect(voy.counts()).toMatchObject({ ids: 1840, distinctVectors: 1801, voyItems: 1801 });
    await check();

    // Adds: new vectors, new copies of an existing vector, copies of a removed one, a replaced id.
    const fresh = items(300, 384, 99, 'new');
    const moreTwins = Array.from({ length: 5 }, (_, i) => ({ id: `twin-extra${i}`, vector: new Float32Array(dup2) }));
    const back = [{ id: 'dup-back', vector: dup }];
    const replaced = [{ id: others[1]!.id, vector: randomUnitVector(rand, 384) }];
    await both((ix) => ix.add([...fresh, ...moreTwins, ...back, ...replaced]));
    expect(voy.counts()).toMatchObject({ ids: 2146, distinctVectors: 2102, voyItems: 2102 });
    expect((await voy.search(dup2, 45)).hits.every((h) => h.id.startsWith('twin'))).toBe(true);
    expect((await voy.search(replaced[0]!.vector, 1)).hits[0]!.id).toBe(others[1]!.id);
    await check();

    // Replacing a copy's vector moves it out of its group.
    await both((ix) => ix.add([{ id: 'twin0', vector: randomUnitVector(rand, 384) }]));
    expect((await voy.search(dup2, 44)).hits.map((h) => h.id)).not.toContain('twin0');
    await check();
  });
});

describe('VoyIndex build', () => {
  it('adds in batches and reports progress', async () => {
    const add = vi.fn<(r: VoyResource) => void>();
    const Real = await loadVoyNode();
    class Counting {
      private inner = new Real();
      add(r: VoyResource) {
        add(r);
        this.inner.add(r);
      }
      remove(r: VoyResource) {
        this.inner.remove(r);
      }
      search(q: Float32Array, k: number) {
        return this.inner.search(q, k);
      }
      size() {
        return this.inner.size();
      }
    }
    const voy = new VoyIndex({ Voy: Counting as unknown as VoyConstructor, batchSize: 400, ...quiet });
    const progress: Array<[number, number]> = [];
    const data = items(1000, 64, 3);
    const status = await voy.build(data, (done, total) => progress.push([done, total]));
    expect(status.engine).toBe('voy');
    expect(add.mock.calls.map(([r]) => r.embeddings.length)).toEqual([400, 400, 200]);
    expect(progress).toEqual([
      [0, 1000],
      [400, 1000],
      [800, 1000],
      [1000, 1000],
    ]);
    // A rebuild replaces everything.
    const again = items(10, 64, 4, 'r');
    await voy.build(again);
    expect(voy.counts()).toEqual({ ids: 10, distinctVectors: 10, voyItems: 10 });
    expect((await voy.search(again[3]!.vector, 1)).hits[0]).toMatchObject({ id: 'r3' });
  });
});

describe('VoyIndex over 768 dimensions', () => {
  it('answers with the exact engine (Voy would truncate) and gives correct results', async () => {
    const loader = vi.fn(() => loadVoyNode());
    const voy = new VoyIndex({ loadVoy: loader, ...quiet });
    const data = items(600, 1024, 12);
    const status = await voy.build(data);
    expect(status).toEqual({ size: 600, dimension: 1024, engine: 'exact', fallbackReason: 'dimension-over-768' });
    expect(loader).not.toHaveBeenCalled();
    const rand = mulberry32(13);
    for (let q = 0; q < 10; q++) {
      const query = randomUnitVector(rand, 1024);
      const result = await voy.search(query, 10);
      expect(result.engine).toBe('exact');
      const reference = naiveTopK(data, query, 10);
      expect(result.hits.map((h) => h.id)).toEqual(reference.map((h) => h.id));
      result.hits.forEach((h, i) => expect(h.score).toBeCloseTo(reference[i]!.score, 6));
    }
    await expect(voy.add(items(1, 768, 1, 'z'))).rejects.toThrow('dimension mismatch: index has 1024, got 768');
    await voy.remove(data.slice(0, 300).map((d) => d.id));
    const query = randomUnitVector(rand, 1024);
    expect((await voy.search(query, 5)).hits).toEqual(naiveTopK(data.slice(300), query, 5).map((h) => ({ id: h.id, score: expect.closeTo(h.score, 6) })));
    // After clear, a smaller dimension goes back to Voy.
    await voy.clear();
    expect(voy.status()).toEqual({ size: 0, dimension: null, engine: 'voy', fallbackReason: null });
    await voy.add(items(50, 384, 14));
    expect(voy.status()).toMatchObject({ engine: 'voy', dimension: 384, fallbackReason: null });
    expect(loader).toHaveBeenCalledTimes(1);
  });
});

describe('VoyIndex when Voy fails', () => {
  it('falls back to the exact engine on a real Voy panic and keeps answering correctly', async () => {
    // 33+ DISTINCT vectors that share one coordinate value also make kiddo panic (it splits the first
    // bucket on axis 0). Use a fresh wasm instance: a panicked one stays broken.
    const errors: unknown[] = [];
    const voy = new VoyIndex({ loadVoy: () => loadVoyNode({ fresh: true }), onVoyError: (e) => errors.push(e) });
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined); // Rust's panic hook
    const rand = mulberry32(31);
    const data = Array.from({ length: 200 }, (_, i) => {
      const v = randomUnitVector(rand, 64);
      v[0] = 0; // the same first coordinate everywhere
      return { id: `s${i}`, vector: v };
    });
    const status = await voy.build(data);
    consoleError.mockRestore();
    expect(status).toEqual({ size: 200, dimension: 64, engine: 'exact', fallbackReason: 'voy-failed' });
    expect(String(errors[0])).toMatch(/unreachable/);
    expect(voy.counts()).toEqual({ ids: 200, distinctVectors: 0, voyItems: null });
    const query = randomUnitVector(rand, 64);
    const result = await voy.search(query, 7);
    expect(result.engine).toBe('exact');
    expect(result.hits.map((h) => h.id)).toEqual(naiveTopK(data, query, 7).map((h) => h.id));
    // Later changes keep working on the exact engine.
    await voy.remove(['s0', 's1']);
    await voy.add([{ id: 'n', vector: query }]);
    expect((await voy.search(query, 1)).hits[0]).toMatchObject({ id: 'n' });
    expect(voy.status()).toMatchObject({ size: 199, engine: 'exact', fallbackReason: 'voy-failed' });
  });

  it('falls back when Voy throws during a search, during add, or cannot be loaded', async () => {
    const Real = await loadVoyNode();
    const makeFlaky = (failOn: 'search' | 'add'): VoyConstructor =>
      class implements VoyLike {
        private inner = new Real();
        private adds = 0;
        add(r: VoyResource) {
          if (failOn === 'add' && ++this.adds > 1) throw new Error('`unwrap_throw` failed');
          this.inner.add(r);
        }
        remove(r: VoyResource) {
          this.inner.remove(r);
        }
        search(q: Float32Array, k: number) {
          if (failOn === 'search') throw new WebAssembly.RuntimeError('unreachable');
          return this.inner.search(q, k);
        }
        size() {
          return this.inner.size();
        }
      };
    const data = items(500, 32, 17);
    const query = randomUnitVector(mulberry32(18), 32);
    const reference = naiveTopK(data, query, 10).map((h) => h.id);

    const bySearch = new VoyIndex({ Voy: makeFlaky('search'), ...quiet });
    expect((await bySearch.build(data)).engine).toBe('voy');
    const r1 = await bySearch.search(query, 10);
    expect(r1.engine).toBe('exact');
    expect(r1.hits.map((h) => h.id)).toEqual(reference);
    expect(bySearch.status().fallbackReason).toBe('voy-failed');

    const byAdd = new VoyIndex({ Voy: makeFlaky('add'), batchSize: 100, ...quiet });
    expect(await byAdd.build(data)).toMatchObject({ size: 500, engine: 'exact', fallbackReason: 'voy-failed' });
    expect((await byAdd.search(query, 10)).hits.map((h) => h.id)).toEqual(reference);

    const noLoad = new VoyIndex({ loadVoy: () => Promise.reject(new Error('no wasm')), ...quiet });
    expect(await noLoad.build(data)).toMatchObject({ size: 500, engine: 'exact', fallbackReason: 'voy-failed' });
    expect((await noLoad.search(query, 10)).hits.map((h) => h.id)).toEqual(reference);
    expect(String(noLoad.lastVoyError)).toMatch(/no wasm/);
  });
});

describe('VoyIndex building Voy in the background', () => {
  const data = items(1200, 64, 77);
  const queries = () => {
    const rand = mulberry32(78);
    return Array.from({ length: 10 }, () => randomUnitVector(rand, 64));
  };

  it('answers exactly at once, then from Voy, with the same results, and says when Voy is ready', async () => {
    const index = new VoyIndex({ loadVoy: () => loadVoyNode({ fresh: true }), batchSize: 100, backgroundBuildFrom: 500, ...quiet });
    const later = vi.fn();
    const status = await index.build(data, undefined, later);
    expect(status).toMatchObject({ size: 1200, engine: 'exact', fallbackReason: 'voy-building' });
    const during = await Promise.all(queries().map((q) => index.search(q, 10)));
    expect(during.every((r) => r.engine === 'exact')).toBe(true);

    const ready = await index.settled();
    expect(ready).toMatchObject({ engine: 'voy', fallbackReason: null });
    expect(later).toHaveBeenCalledTimes(1);
    expect(later.mock.calls[0]![0]).toMatchObject({ engine: 'voy', fallbackReason: null, size: 1200 });
    expect(index.counts()).toMatchObject({ ids: 1200, voyItems: 1200 });
    const after = await Promise.all(queries().map((q) => index.search(q, 10)));
    after.forEach((r, i) => {
      expect(r.engine).toBe('voy');
      expect(r.hits).toEqual(during[i]!.hits);
    });
  });

  it('keeps removals and additions made while Voy fills, and a clear stops it', async () => {
    const index = new VoyIndex({ loadVoy: () => loadVoyNode({ fresh: true }), batchSize: 100, backgroundBuildFrom: 500, ...quiet });
    await index.build(data);
    const removed = data.slice(0, 300).map((item) => item.id);
    await index.remove(removed);
    const extra = items(50, 64, 79, 'x');
    await index.add(extra);
    await index.settled();
    const exact = new ExactIndex();
    await exact.build([...data.slice(300), ...extra]);
    expect(index.counts()).toMatchObject({ ids: 950, voyItems: 950 });
    for (const q of queries()) await expectSameAsExact(index, exact, q, 10);

    await index.build(data);
    await index.clear();
    expect(await index.settled()).toMatchObject({ size: 0 });
    expect(index.counts().voyItems ?? 0).toBe(0);
  });
});

describe('VoyIndex agreement with the exact scan on random vectors', () => {
  it('same top-k (ids and scores) with duplicates, at 384 dims from Voy and at 1024 dims from the exact scan', async () => {
    for (const dim of [384, 1024]) {
      const base = items(1500, dim, dim);
      // Duplicates: 40 copies of one vector and pairs of copies of others, interleaved.
      const copies = Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, vector: new Float32Array(base[3]!.vector) }));
      const pairs = base.slice(100, 160).map((it) => ({ id: `p-${it.id}`, vector: new Float32Array(it.vector) }));
      const data = [...base, ...copies, ...pairs].sort((a, b) => hashString(a.id) - hashString(b.id));
      const voy = new VoyIndex({ loadVoy: () => loadVoyNode(), ...quiet });
      const exact = new ExactIndex();
      await Promise.all([voy.build(data), exact.build(data)]);
      const wantEngine = dim <= 768 ? 'voy' : 'exact';
      expect(voy.status().engine).toBe(wantEngine);
      const rand = mulberry32(dim + 1);
      const queries = [base[3]!.vector, base[120]!.vector, ...Array.from({ length: 20 }, () => randomUnitVector(rand, dim))];
      for (const query of queries) {
        for (const k of [1, 10, 45]) {
          const got = await voy.search(query, k);
          expect(got.engine).toBe(wantEngine);
          expect(got.fallbackReason ?? null).toBe(dim <= 768 ? null : 'dimension-over-768');
          expect(got.hits).toEqual((await exact.search(query, k)).hits);
        }
      }
    }
  });
});

describe('VoyIndex search options', () => {
  const data = items(2500, 96, 31);
  let voy: VoyIndex;
  let exact: ExactIndex;
  beforeAll(async () => {
    voy = new VoyIndex({ loadVoy: () => loadVoyNode(), ...quiet });
    exact = new ExactIndex();
    await Promise.all([voy.build(data), exact.build(data)]);
  });

  it('answers with the engine asked for: Voy by default, the exact scan on request, same hits', async () => {
    const query = randomUnitVector(mulberry32(1), 96);
    const byVoy = await voy.search(query, 10, { engine: 'voy' });
    const byDefault = await voy.search(query, 10);
    const byExact = await voy.search(query, 10, { engine: 'exact' });
    expect([byVoy.engine, byDefault.engine, byExact.engine]).toEqual(['voy', 'voy', 'exact']);
    expect(byExact.fallbackReason).toBeNull(); // chosen, not a fallback
    expect(byVoy.hits).toEqual(byExact.hits);
    expect(byDefault.hits).toEqual(byExact.hits);
  });

  it('filters inside the search with an exact scan of the allowed ids, and says so', async () => {
    const rand = mulberry32(2);
    const allowed = data.filter((_, i) => i % 11 === 5).map((d) => d.id);
    const allowedSet = new Set(allowed);
    for (let q = 0; q < 5; q++) {
      const query = randomUnitVector(rand, 96);
      const result = await voy.search(query, 10, { allowedIds: allowed });
      expect(result.engine).toBe('exact');
      expect(result.fallbackReason).toBe('filtered');
      expect(result.hits).toHaveLength(10);
      expect(result.hits.every((h) => allowedSet.has(h.id))).toBe(true);
      expect(result.hits).toEqual(
        naiveTopK(
          data.filter((d) => allowedSet.has(d.id)),
          query,
          10,
        ).map((h, i) => ({ id: h.id, score: result.hits[i]!.score })),
      );
      expect(result.hits).toEqual((await exact.search(query, 10, { allowedIds: allowed })).hits);
      // The exact engine chosen with a filter: the same, and no fallback to explain.
      const chosen = await voy.search(query, 10, { allowedIds: allowed, engine: 'exact' });
      expect(chosen.fallbackReason).toBeNull();
      expect(chosen.hits).toEqual(result.hits);
    }
  });
});

describe('VoyIndex size limit', () => {
  it('does not use Voy past maxVoyItems, says why, and uses it again once removals bring the index under it', async () => {
    const data = items(900, 32, 41);
    const index = new VoyIndex({ loadVoy: () => loadVoyNode({ fresh: true }), maxVoyItems: 600, batchSize: 100, ...quiet });
    const exact = new ExactIndex();
    const later = vi.fn();
    expect(await index.build(data.slice(0, 500), undefined, later)).toEqual({ size: 500, dimension: 32, engine: 'voy', fallbackReason: null, voyLimit: 600 });
    // Growing past the limit: Voy is dropped.
    expect(await index.add(data.slice(500))).toMatchObject({ size: 900, engine: 'exact', fallbackReason: 'too-large', voyLimit: 600 });
    expect(index.counts().voyItems).toBeNull();
    await exact.build(data);
    const query = randomUnitVector(mulberry32(42), 32);
    const tooLarge = await index.search(query, 10);
    expect(tooLarge).toMatchObject({ engine: 'exact', fallbackReason: 'too-large' });
    expect(tooLarge.hits).toEqual((await exact.search(query, 10)).hits);
    // A build past the limit never starts Voy.
    expect(await index.build(data, undefined, later)).toMatchObject({ engine: 'exact', fallbackReason: 'too-large' });
    expect(later).not.toHaveBeenCalled();
    // Back under it: Voy is filled again in the background, and the last build's listener hears it.
    const gone = data.slice(0, 350).map((d) => d.id);
    expect(await index.remove(gone)).toMatchObject({ size: 550, engine: 'exact', fallbackReason: 'voy-building' });
    expect(await index.settled()).toMatchObject({ size: 550, engine: 'voy', fallbackReason: null });
    expect(index.counts()).toMatchObject({ ids: 550, voyItems: 550 });
    expect(later).toHaveBeenCalledTimes(1);
    expect(later.mock.calls[0]![0]).toMatchObject({ size: 550, engine: 'voy', fallbackReason: null });
    await exact.remove(gone);
    for (const q of [query, randomUnitVector(mulberry32(43), 32)]) await expectSameAsExact(index, exact, q, 10);
  });
});

/** A stable shuffle key. */
function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
