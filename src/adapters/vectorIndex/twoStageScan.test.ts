import { describe, expect, it } from 'vitest';
import { ExactIndex, INT8_SLACK, int8StrideFor, quantizeInt8 } from './exactIndex';
import { dotAt } from './vectorMath';
import { createInt8Kernel, int8KernelBytes } from './scanKernel';
import type { IndexItem, SearchHit } from './vectorIndex';
import { mulberry32, randomItems, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { cosineSimilarity } from '@openbook/core/similarity';

/** Reference: cosine in float64 against every item, sorted by score desc then id asc. */
function naiveTopK(all: IndexItem[], query: Float32Array, k: number): SearchHit[] {
  return all
    .map((it) => ({ id: it.id, score: cosineSimilarity(it.vector, query) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, k);
}
function expectSameHits(got: SearchHit[], want: SearchHit[]): void {
  expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
  got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 5));
}
/** The two-stage index (from any size) and the f32-only one, built on the same items. */
async function pair(data: IndexItem[], options: { boundScale?: number; relaxed?: boolean } = {}) {
  const two = new ExactIndex({ twoStageFrom: 0, ...options });
  const f32 = new ExactIndex({ twoStageFrom: Number.POSITIVE_INFINITY });
  await Promise.all([two.build(data), f32.build(data)]);
  return { two, f32 };
}
/** A cluster: `n` vectors within a small angle of `center`, so that many scores are close. */
function cluster(center: Float32Array, n: number, spread: number, seed: number, prefix: string): IndexItem[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const noise = randomUnitVector(rand, center.length);
    return { id: `${prefix}${i}`, vector: center.map((x, j) => x + spread * noise[j]!) };
  });
}

describe('int8 kernel', () => {
  it('computes exact integer dot products, extreme values included, over all rows and over slots', () => {
    expect(WebAssembly.validate(int8KernelBytes())).toBe(true);
    const dim = 200;
    const stride = int8StrideFor(dim);
    expect(stride).toBe(256);
    const n = 300;
    const kernel = createInt8Kernel(n * stride + stride * 2 + n * 8)!;
    const buffer = kernel.memory.buffer;
    const rows = new Int8Array(buffer, 0, n * stride);
    const rand = mulberry32(1);
    const value = () => (rand() < 0.3 ? (rand() < 0.5 ? -127 : 127) : Math.floor(rand() * 255) - 127);
    for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) rows[r * stride + i] = value();
    const queryAt = n * stride;
    const query = new Int16Array(buffer, queryAt, stride);
    for (let i = 0; i < dim; i++) query[i] = value();
    const outAt = queryAt + stride * 2;
    const want = (r: number) => {
      let s = 0;
      for (let i = 0; i < dim; i++) s += rows[r * stride + i]! * query[i]!;
      return s;
    };
    kernel.scanAll(0, queryAt, outAt, n, stride);
    expect(Array.from(new Int32Array(buffer, outAt, n))).toEqual(Array.from({ length: n }, (_, r) => want(r)));
    const slots = [5, 0, 299, 17];
    const slotsAt = outAt + n * 4;
    new Int32Array(buffer, slotsAt, slots.length).set(slots);
    kernel.scanSlots(0, queryAt, outAt, slotsAt, slots.length, stride);
    expect(Array.from(new Int32Array(buffer, outAt, slots.length))).toEqual(slots.map(want));
  });
});

describe('the stage-1 bound', () => {
  const bound = (q: Float32Array, v: Float32Array) => {
    const dim = q.length;
    const q8 = new Int8Array(dim);
    const v8 = new Int8Array(dim);
    const [sq, rq] = quantizeInt8(q, 0, dim, q8, 0);
    const [sv, rv, wv] = quantizeInt8(v, 0, dim, v8, 0);
    let dot8 = 0;
    for (let i = 0; i < dim; i++) dot8 += q8[i]! * v8[i]!;
    let qn = 0;
    for (let i = 0; i < dim; i++) qn += q[i]! * q[i]!;
    const error = Math.abs(dotAt(v, 0, q, dim) - sq * sv * dot8);
    return { error, bound: Math.sqrt(qn) * rv + rq * wv + INT8_SLACK, rv };
  };

  it('holds for many random pairs, and is nearly reached when the query points along a residual', () => {
    const rand = mulberry32(2);
    for (const dim of [384, 1024, 7]) {
      for (let i = 0; i < 2000; i++) {
        const { error, bound: b } = bound(randomUnitVector(rand, dim), randomUnitVector(rand, dim));
        expect(error).toBeLessThanOrEqual(b);
      }
    }
    // q along v's own residual v - s_v v8: the term q.(v - s_v v8) equals r_v, so the bound (which must
    // cover that term) cannot be halved.
    let worst = 0;
    for (let i = 0; i < 200; i++) {
      const v = randomUnitVector(rand, 384);
      const v8 = new Int8Array(384);
      const [sv] = quantizeInt8(v, 0, 384, v8, 0);
      const residual = v.map((x, j) => x - sv * v8[j]!);
      let norm = 0;
      for (const x of residual) norm += x * x;
      const q = residual.map((x) => x / Math.sqrt(norm));
      const { error, bound: b } = bound(q, v);
      expect(error).toBeLessThanOrEqual(b);
      worst = Math.max(worst, error / b);
    }
    expect(worst).toBeGreaterThan(0.5);
  });

  it('matters: with the bound shrunk a hundred-fold the two-stage scan misses true top-k rows', async () => {
    // One loose cluster (close scores near the top), queries near its centre.
    const center = randomUnitVector(mulberry32(3), 384);
    const data = cluster(center, 4000, 0.6, 4, 'c');
    const full = new ExactIndex({ twoStageFrom: 0 });
    const shrunk = new ExactIndex({ twoStageFrom: 0, boundScale: 0.01 });
    await Promise.all([full.build(data), shrunk.build(data)]);
    let wrong = 0;
    for (let q = 0; q < 20; q++) {
      const query = cluster(center, 1, 0.3, 100 + q, 'q')[0]!.vector;
      const want = naiveTopK(data, query, 10);
      expectSameHits((await full.search(query, 10)).hits, want);
      const hits = (await shrunk.search(query, 10)).hits;
      expect(shrunk.lastScan?.scan).toBe('int8');
      if (hits.map((h) => h.id).join() !== want.map((h) => h.id).join()) wrong++;
    }
    expect(wrong).toBeGreaterThan(0);
  });
});

// The first stage on the int8 kernel (where relaxed SIMD is missing); the relaxed kernel's tests are in
// relaxedScan.test.ts. (The int8 kernel's 8-bit query gives tighter bounds: fewer rows re-scored.)
const INT8 = { relaxed: false } as const;

describe('ExactIndex two-stage scan (int8 kernel)', () => {
  it('returns exactly what the f32 scan and the float64 reference return, on random vectors with duplicates', async () => {
    const base = randomItems(5000, 384, 5);
    // Duplicates under other ids (equal scores, ties broken by id), some of them identical to top rows.
    const data = [...base, ...base.slice(0, 300).map((it, i) => ({ id: `d${i}`, vector: it.vector }))];
    const { two, f32 } = await pair(data, INT8);
    const rand = mulberry32(6);
    for (let q = 0; q < 15; q++) {
      // Every third query is a stored vector, so its duplicates tie at the top.
      const query = q % 3 === 0 ? base[q * 7]!.vector : randomUnitVector(rand, 384);
      for (const k of [1, 10, 50]) {
        const a = await two.search(query, k);
        expect(two.lastScan?.scan).toBe('int8');
        expect(two.lastScan!.rescored).toBeLessThan(data.length * 0.05);
        expect(a.hits).toEqual((await f32.search(query, k)).hits); // same ids, same float64 scores
        expectSameHits(a.hits, naiveTopK(data, query, k));
      }
    }
  });

  it('filters with allowedIds, handles k larger than the index, and works at 1024 dims', async () => {
    for (const dim of [384, 1024]) {
      const data = randomItems(6000, dim, 7);
      const { two, f32 } = await pair(data, INT8);
      const allowed = data.filter((_, i) => i % 3 === 2).map((d) => d.id);
      const allowedSet = new Set(allowed);
      const rand = mulberry32(8);
      const scans = new Set<string>();
      for (let q = 0; q < 6; q++) {
        const query = randomUnitVector(rand, dim);
        const all = await two.search(query, 10);
        scans.add(two.lastScan!.scan);
        expect(all.hits).toEqual((await f32.search(query, 10)).hits);
        expectSameHits(all.hits, naiveTopK(data, query, 10));
        const filtered = await two.search(query, 10, { allowedIds: allowed });
        expect(two.lastScan?.searched).toBe(allowed.length);
        scans.add(two.lastScan!.scan);
        expect(filtered.hits).toEqual((await f32.search(query, 10, { allowedIds: allowed })).hits);
        expectSameHits(
          filtered.hits,
          naiveTopK(
            data.filter((d) => allowedSet.has(d.id)),
            query,
            10,
          ),
        );
      }
      // At 384 dims stage 2 stays small; at 1024 the int8 bound is wider next to the spread of random
      // scores, so some searches (2,000 rows) fall back to the f32 scan.
      if (dim === 384) expect([...scans]).toEqual(['int8']);
      else expect(scans.has('int8')).toBe(true);
    }
    const rand = mulberry32(9);
    const small = randomItems(40, 1024, 9);
    const tiny = new ExactIndex({ twoStageFrom: 0, ...INT8 });
    await tiny.build(small);
    const query = randomUnitVector(rand, 1024);
    const hits = (await tiny.search(query, 100)).hits;
    expect(hits).toHaveLength(40);
    expectSameHits(hits, naiveTopK(small, query, 100));
  });

  it('stays exact on clustered vectors with many close scores, falling back to the f32 scan when stage 2 would be too big', async () => {
    const rand = mulberry32(10);
    const centers = Array.from({ length: 4 }, () => randomUnitVector(rand, 384));
    // Loose clusters (cosines around 0.7 with their centre) and one very tight one (near-ties far below
    // the int8 resolution), plus background noise.
    const data = [
      ...centers.slice(0, 3).flatMap((c, i) => cluster(c, 1500, 1, 20 + i, `k${i}-`)),
      ...cluster(centers[3]!, 800, 1e-2, 30, 't'),
      ...randomItems(2000, 384, 31, 'r'),
    ];
    const { two, f32 } = await pair(data, INT8);
    const js = new ExactIndex({ simd: false });
    await js.build(data);
    const scans = new Set<string>();
    for (let q = 0; q < 12; q++) {
      const center = centers[q % 4]!;
      const query = q < 4 ? center : cluster(center, 1, 0.3, 40 + q, 'q')[0]!.vector;
      for (const k of [10, 40]) {
        const a = await two.search(query, k);
        scans.add(two.lastScan!.scan);
        expect(a.hits).toEqual((await f32.search(query, k)).hits);
        expect(a.hits).toEqual((await js.search(query, k)).hits);
        // (Inside the tight cluster, scores differ by less than the f32 storage of the normalised vectors
        // can tell apart, for every engine here; the plain-JS scan over the stored rows is the reference.)
        if (q % 4 !== 3) expectSameHits(a.hits, naiveTopK(data, query, k));
      }
    }
    // Loose clusters go through stage 2; a query at the tight cluster's centre would re-score all 800 of
    // it (over 5% of 8,300 rows), so the f32 scan answers that one.
    expect([...scans].sort()).toEqual(['f32', 'int8']);
  });

  it('keeps the int8 copy in step through growth, removal (moving the last slot), replacement and clear', async () => {
    const data = randomItems(3000, 384, 11);
    const two = new ExactIndex({ twoStageFrom: 0, ...INT8 });
    for (let i = 0; i < data.length; i += 97) await two.add(data.slice(i, i + 97));
    const removed = new Set(data.filter((_, i) => i % 4 === 1).map((d) => d.id));
    await two.remove([...removed]);
    const replacement = { id: 'c2', vector: randomUnitVector(mulberry32(12), 384) };
    await two.add([replacement]);
    const live = data.filter((d) => !removed.has(d.id)).map((d) => (d.id === 'c2' ? replacement : d));
    const rand = mulberry32(13);
    for (let q = 0; q < 8; q++) {
      const query = q === 0 ? replacement.vector : randomUnitVector(rand, 384);
      expectSameHits((await two.search(query, 10)).hits, naiveTopK(live, query, 10));
      expect(two.lastScan?.scan).toBe('int8');
    }
    await two.clear();
    const again = randomItems(500, 16, 14);
    await two.add(again);
    const query = randomUnitVector(rand, 16);
    expectSameHits((await two.search(query, 5)).hits, naiveTopK(again, query, 5));
    expect(two.lastScan?.scan).toBe('int8');
  });

  it('makes the int8 rows of rows put by putStaged later, answering on the f32 scan until then, the same hits throughout', async () => {
    const data = randomItems(2000, 64, 21);
    const index = new ExactIndex({ twoStageFrom: 0, ...INT8 });
    index.putStaged(data.slice(0, 1200));
    index.putStaged(data.slice(1200));
    expect(index.int8Pending).toBe(2000);
    const reference = new ExactIndex({ twoStageFrom: 0, ...INT8 });
    await reference.build(data);
    const rand = mulberry32(22);
    const queries = Array.from({ length: 4 }, () => randomUnitVector(rand, 64));
    const check = async (scan: 'f32' | 'int8') => {
      for (const query of queries) {
        const hits = (await index.search(query, 10)).hits;
        expect(index.lastScan?.scan).toBe(scan);
        expect(hits).toEqual((await reference.search(query, 10)).hits); // same ids, same float64 scores
        expectSameHits(hits, naiveTopK(data, query, 10));
      }
    };
    await check('f32');
    expect(index.quantizePending(700)).toBe(1300);
    await check('f32'); // (not until every row has its int8 copy)
    expect(index.quantizePending()).toBe(0);
    expect(index.int8Pending).toBe(0);
    await check('int8');
  });

  it('putStaged checks each row as it writes it: NaN or Infinity throws, as does another dimension before anything is written', () => {
    const index = new ExactIndex({ twoStageFrom: 0, ...INT8 });
    const good = randomItems(10, 8, 28);
    const nan = { id: 'nan', vector: new Float32Array(8).fill(Number.NaN) };
    const inf = { id: 'inf', vector: new Float32Array(8).fill(Number.POSITIVE_INFINITY) };
    expect(() => index.putStaged([...good, nan])).toThrow('vector for "nan" contains NaN or Infinity');
    expect(() => index.putStaged([inf])).toThrow('vector for "inf" contains NaN or Infinity');
    const before = index.size;
    expect(() => index.putStaged([...randomItems(3, 8, 29, 'x'), { id: 'short', vector: new Float32Array(4) }])).toThrow('dimension mismatch');
    expect(index.size).toBe(before);
  });

  it('catches up on pending int8 rows before a removal moves a row or a putMany, and stays exact', async () => {
    const data = randomItems(1500, 32, 23);
    const index = new ExactIndex({ twoStageFrom: 0, ...INT8 });
    index.putMany(data.slice(0, 1000));
    index.putStaged(data.slice(1000));
    // A replacement of a row that has its int8 copy, while later rows wait: it is quantised again at once.
    const replaced = { id: 'c3', vector: randomUnitVector(mulberry32(24), 32) };
    index.putStaged([replaced]);
    expect(index.int8Pending).toBe(500);
    const removed = new Set(data.filter((_, i) => i % 3 === 0 && i !== 3).map((d) => d.id));
    await index.remove([...removed]);
    expect(index.int8Pending).toBe(0);
    const live = data.filter((d) => !removed.has(d.id)).map((d) => (d.id === 'c3' ? replaced : d));
    const rand = mulberry32(25);
    for (const query of [replaced.vector, randomUnitVector(rand, 32), randomUnitVector(rand, 32)]) {
      expectSameHits((await index.search(query, 10)).hits, naiveTopK(live, query, 10));
      expect(index.lastScan?.scan).toBe('int8');
    }
    index.putStaged(randomItems(50, 32, 26, 'late'));
    expect(index.int8Pending).toBe(50);
    await index.add(randomItems(5, 32, 27, 'now'));
    expect(index.int8Pending).toBe(0);
  });

  it('uses the f32 scan below the size where two stages pay off, and for a zero query', async () => {
    const data = randomItems(1000, 32, 15);
    const index = new ExactIndex(); // default: two stages from 5,000 rows
    await index.build(data);
    const query = randomUnitVector(mulberry32(16), 32);
    expectSameHits((await index.search(query, 10)).hits, naiveTopK(data, query, 10));
    expect(index.lastScan?.scan).toBe('f32');
    const two = new ExactIndex({ twoStageFrom: 0, ...INT8 });
    await two.build(data);
    const zero = await two.search(new Float32Array(32), 3);
    expect(two.lastScan?.scan).toBe('f32');
    expect(zero.hits.map((h) => h.id)).toEqual(['c0', 'c1', 'c10']);
  });
});
