// The two-stage scan's first stage on relaxed SIMD (i32x4.relaxed_dot_i8x16_i7x16_add_s) against the int8
// kernel it falls back to, the f32 scan, the plain JS scan and a float64 reference: the same ids and the
// same scores, on random and adversarial data (ties, extreme values, zero vectors). Also the kernels'
// bounds and collect functions against the same passes written in JS.
import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '@openbook/core/similarity';
import { mulberry32, randomItems, randomUnitVector } from '@openbook/core/testing/seededRandom';
import { ExactIndex, f32AtLeast, int8StrideFor } from './exactIndex';
import { createInt8Kernel, createRelaxedInt8Kernel, type Int8Kernel, relaxedSimdAvailable } from './scanKernel';
import type { IndexItem, SearchHit } from './vectorIndex';

/** Reference: cosine in float64 against every item, sorted by score desc then id asc. */
function naiveTopK(all: IndexItem[], query: Float32Array, k: number): SearchHit[] {
  return all
    .map((it) => ({ id: it.id, score: cosineSimilarity(it.vector, query) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, k);
}

/** The four engines on the same items: relaxed first stage, int8 first stage, f32 SIMD scan, plain JS. */
async function engines(data: IndexItem[]) {
  const relaxed = new ExactIndex({ twoStageFrom: 0 });
  const int8 = new ExactIndex({ twoStageFrom: 0, relaxed: false });
  const f32 = new ExactIndex({ twoStageFrom: Number.POSITIVE_INFINITY });
  const js = new ExactIndex({ simd: false });
  await Promise.all([relaxed.build(data), int8.build(data), f32.build(data), js.build(data)]);
  return { relaxed, int8, f32, js };
}

/**
 * Search all four; they must return the same hits (ids and float64 scores, exactly), within 1e-6 of the
 * float64 reference (`reference: false` where the data's own rounding to f32 decides the order). Returns
 * how the relaxed and the int8 index scanned.
 */
async function expectSame(e: Awaited<ReturnType<typeof engines>>, data: IndexItem[], query: Float32Array, k: number, reference = true) {
  const q = query;
  const want = (await e.f32.search(q, k)).hits;
  expect((await e.relaxed.search(q, k)).hits).toEqual(want);
  expect((await e.int8.search(q, k)).hits).toEqual(want);
  expect((await e.js.search(q, k)).hits).toEqual(want);
  if (reference) {
    const truth = naiveTopK(data, query, k);
    expect(want.map((h) => h.id)).toEqual(truth.map((h) => h.id));
    want.forEach((h, i) => expect(Math.abs(h.score - truth[i]!.score)).toBeLessThanOrEqual(1e-6));
  }
  return { relaxed: e.relaxed.lastScan!, int8: e.int8.lastScan! };
}

describe('relaxed SIMD here', () => {
  it('is detected in this Node (V8 ships it, as Chromium does), and the index uses it unless told not to', async () => {
    expect(relaxedSimdAvailable()).toBe(true);
    const { relaxed, int8 } = await engines(randomItems(50, 16, 1));
    expect(relaxed.relaxedScan).toBe(true);
    expect(int8.relaxedScan).toBe(false);
  });
});

describe('relaxed int8 kernel', () => {
  it('computes exact integer dot products with the query bytes at both ends of [0, 127] and rows at ±127', () => {
    const dim = 200;
    const stride = int8StrideFor(dim);
    const n = 300;
    const kernel = createRelaxedInt8Kernel(n * stride + stride + n * 8)!;
    expect(kernel.relaxed).toBe(true);
    const buffer = kernel.memory.buffer;
    const rows = new Int8Array(buffer, 0, n * stride);
    const rand = mulberry32(2);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < dim; i++) rows[r * stride + i] = rand() < 0.4 ? (rand() < 0.5 ? -127 : 127) : Math.floor(rand() * 255) - 127;
    }
    const queryAt = n * stride;
    const query = new Uint8Array(buffer, queryAt, stride);
    for (let i = 0; i < dim; i++) query[i] = rand() < 0.4 ? (rand() < 0.5 ? 0 : 127) : Math.floor(rand() * 128);
    const outAt = queryAt + stride;
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

describe('f32AtLeast (the per-row norms are stored as f32, rounded up)', () => {
  it('gives the smallest f32 not below x', () => {
    const rand = mulberry32(11);
    for (const x of [0, 1, 0.1, 1e-30, 3e38, ...Array.from({ length: 1000 }, () => rand() * 2)]) {
      const f = f32AtLeast(x);
      expect(Math.fround(f)).toBe(f);
      expect(f).toBeGreaterThanOrEqual(x);
      // The f32 just below f is below x: f is the smallest.
      const below = new Float32Array([f]);
      new Uint32Array(below.buffer)[0]! -= f > 0 ? 1 : 0;
      if (f > 0) expect(below[0]!).toBeLessThan(x);
    }
  });
});

describe('bounds and collect (both kernels)', () => {
  /** The same passes in JS: the k-th largest lower bound, the upper bounds, the rows that reach it. */
  function reference(
    dots: Int32Array,
    slots: Int32Array | null,
    meta: Float32Array,
    k: number,
    p: { sq: number; qn: number; rq: number; slack: number; corr: number },
  ) {
    const upper: number[] = [];
    const lows: number[] = [];
    for (let i = 0; i < dots.length; i++) {
      const m = (slots ? slots[i]! : i) * 4;
      const a = p.sq * meta[m]! * (dots[i]! - p.corr * meta[m + 3]!);
      const e = p.qn * meta[m + 1]! + p.rq * meta[m + 2]! + p.slack;
      upper.push(a + e);
      lows.push(a - e);
    }
    lows.sort((x, y) => y - x);
    const bound = k <= lows.length ? lows[k - 1]! : Number.NEGATIVE_INFINITY;
    return { bound, upper, rows: upper.flatMap((u, i) => (u >= bound ? [i] : [])) };
  }

  it.each([
    ['int8', () => createInt8Kernel(1 << 20)],
    ['relaxed', () => createRelaxedInt8Kernel(1 << 20)],
  ] as const)('%s: the same threshold, upper bounds and rows as in JS, with ties, slots, k from 1 to past the count', (_, make) => {
    const kernel = make() as Int8Kernel;
    const buffer = kernel.memory.buffer;
    const rand = mulberry32(3);
    const slotsCount = 400;
    const metaAt = 0;
    const meta = new Float32Array(buffer, metaAt, slotsCount * 4);
    for (let s = 0; s < slotsCount; s++) {
      meta[s * 4] = 1e-3 * (1 + rand());
      meta[s * 4 + 1] = 0.01 * rand();
      meta[s * 4 + 2] = 1 - 0.01 * rand();
      meta[s * 4 + 3] = Math.floor(rand() * 2000) - 1000;
    }
    for (const count of [0, 1, 37, 300]) {
      for (const withSlots of [false, true]) {
        for (const k of [1, 7, 50, 400]) {
          // Few distinct dots: many rows tie on the same bounds.
          const dots = Int32Array.from({ length: count }, () => (rand() < 0.3 ? 5000 : Math.floor(rand() * 20000) - 10000));
          const slots = withSlots ? Int32Array.from({ length: count }, () => Math.floor(rand() * slotsCount)) : null;
          const p = { sq: 2e-3, qn: 1, rq: 0.02, slack: 1e-9, corr: kernel.relaxed ? 64 : 0 };
          const dotsAt = 16384;
          const slotsAt = dotsAt + 4096;
          const upperAt = slotsAt + 4096;
          const heapAt = upperAt + 8192;
          const outAt = heapAt + 8192;
          new Int32Array(buffer, dotsAt, count).set(dots);
          if (slots) new Int32Array(buffer, slotsAt, count).set(slots);
          const heapSize = Math.min(k, 1000);
          new Float64Array(buffer, heapAt, heapSize).fill(Number.NEGATIVE_INFINITY);
          const bound = kernel.bounds(dotsAt, slots ? slotsAt : 0, count, metaAt, upperAt, heapAt, heapSize, p.sq, p.qn, p.rq, p.slack, p.corr);
          const want = reference(dots, slots, meta, heapSize, p);
          expect(bound).toBe(count === 0 ? Number.NEGATIVE_INFINITY : want.bound);
          expect(Array.from(new Float64Array(buffer, upperAt, count))).toEqual(want.upper);
          const n = kernel.collect(upperAt, count, bound, outAt);
          expect(Array.from(new Int32Array(buffer, outAt, n))).toEqual(want.rows);
        }
      }
    }
  });
});

describe('ExactIndex with a relaxed first stage', () => {
  it('returns exactly the int8, f32 and JS scans’ hits on random vectors with duplicates (ties), also filtered', async () => {
    const base = randomItems(6000, 384, 4);
    const data = [...base, ...base.slice(0, 200).map((it, i) => ({ id: `d${i}`, vector: it.vector }))];
    const e = await engines(data);
    const rand = mulberry32(5);
    const allowed = data.filter((_, i) => i % 2 === 0).map((d) => d.id);
    const allowedSet = new Set(allowed);
    let relaxedScans = 0;
    for (let q = 0; q < 12; q++) {
      const query = q % 3 === 0 ? base[q * 11]!.vector : randomUnitVector(rand, 384);
      for (const k of [1, 10, 50]) {
        const scans = await expectSame(e, data, query, k);
        if (scans.relaxed.scan === 'int8') {
          expect(scans.relaxed.relaxed).toBe(true);
          relaxedScans++;
        }
        if (scans.int8.scan === 'int8') expect(scans.int8.relaxed).toBe(false);
      }
      const want = (await e.f32.search(query, 10, { allowedIds: allowed })).hits;
      expect((await e.relaxed.search(query, 10, { allowedIds: allowed })).hits).toEqual(want);
      expect(e.relaxed.lastScan?.searched).toBe(allowed.length);
      expect((await e.int8.search(query, 10, { allowedIds: allowed })).hits).toEqual(want);
      expect(want.map((h) => h.id)).toEqual(
        naiveTopK(
          data.filter((d) => allowedSet.has(d.id)),
          query,
          10,
        ).map((h) => h.id),
      );
    }
    // k = 1 and 10 always take two stages here; k = 50 may re-score too many rows and scan f32 instead.
    expect(relaxedScans).toBeGreaterThanOrEqual(24);
  });

  it('stays exact on adversarial vectors: extreme values, one dominant coordinate, all-equal magnitudes, zero vectors', async () => {
    const dim = 384;
    const rand = mulberry32(6);
    const data: IndexItem[] = [];
    // Vectors of ±1 only: every coordinate quantises to ±127 (rows) and ±63 (the query: bytes 1 and 127,
    // both ends of the range relaxed SIMD reads exactly).
    for (let i = 0; i < 800; i++) data.push({ id: `sign${i}`, vector: Float32Array.from({ length: dim }, () => (rand() < 0.5 ? -1 : 1)) });
    // One dominant coordinate, the rest tiny (they quantise to 0): the residual carries the difference.
    for (let i = 0; i < 800; i++) {
      const v = Float32Array.from({ length: dim }, () => (rand() - 0.5) * 1e-3);
      v[i % dim] = rand() < 0.5 ? -1 : 1;
      data.push({ id: `spike${i}`, vector: v });
    }
    // Huge and tiny magnitudes (normalised on the way in), negations of stored vectors, exact duplicates.
    for (let i = 0; i < 800; i++) {
      const scale = i % 2 === 0 ? 1e30 : 1e-30;
      const v = randomUnitVector(rand, dim).map((x) => x * scale);
      data.push({ id: `mag${i}`, vector: v });
      if (i % 4 === 0) data.push({ id: `neg${i}`, vector: v.map((x) => -x) });
      if (i % 8 === 0) data.push({ id: `dup${i}`, vector: v });
    }
    // Zero vectors (score 0 for every query: ties) and plain random rows.
    for (let i = 0; i < 300; i++) data.push({ id: `zero${i}`, vector: new Float32Array(dim) });
    data.push(...randomItems(3000, dim, 7, 'r'));
    const e = await engines(data);
    const queries: Float32Array[] = [
      data[3]!.vector, // a ±1 vector
      data[900]!.vector, // a spike
      data.find((d) => d.id === 'mag8')!.vector, // huge, with a negation and a duplicate stored
      Float32Array.from({ length: dim }, (_, i) => (i === 5 ? 1 : 0)), // one-hot
      Float32Array.from({ length: dim }, (_, i) => (i % 2 === 0 ? 1e-38 : -1e-38)), // near the f32 floor
      ...Array.from({ length: 4 }, () => randomUnitVector(rand, dim)),
    ];
    let relaxedScans = 0;
    for (const query of queries) {
      for (const k of [1, 10, 40]) {
        const s = await expectSame(e, data, query, k);
        if (s.relaxed.scan === 'int8' && s.relaxed.relaxed) relaxedScans++;
      }
    }
    // Most of these 27 searches take the relaxed two-stage path (a few re-score too many rows: f32 scan).
    expect(relaxedScans).toBeGreaterThanOrEqual(18);
    // A zero query: every score is 0, every row ties; the f32 scan answers, ids ascending.
    const zero = await expectSame(e, data, new Float32Array(dim), 5, false);
    expect(zero.relaxed.scan).toBe('f32');
    const firstIds = data
      .map((d) => d.id)
      .sort()
      .slice(0, 3);
    expect((await e.relaxed.search(new Float32Array(dim), 3)).hits.map((h) => h.id)).toEqual(firstIds);
  });

  it('keeps the per-row numbers in step through growth, removal and replacement', async () => {
    const data = randomItems(6000, 384, 8);
    const relaxed = new ExactIndex({ twoStageFrom: 0 });
    const js = new ExactIndex({ simd: false });
    for (let i = 0; i < data.length; i += 701) {
      await relaxed.add(data.slice(i, i + 701));
      await js.add(data.slice(i, i + 701));
    }
    const removed = data.filter((_, i) => i % 5 === 2).map((d) => d.id);
    await Promise.all([relaxed.remove(removed), js.remove(removed)]);
    const replacement = { id: 'c3', vector: randomUnitVector(mulberry32(9), 384) };
    await Promise.all([relaxed.add([replacement]), js.add([replacement])]);
    const rand = mulberry32(10);
    for (let q = 0; q < 6; q++) {
      const query = q === 0 ? replacement.vector : randomUnitVector(rand, 384);
      expect((await relaxed.search(query, 10)).hits).toEqual((await js.search(query, 10)).hits);
      expect(relaxed.lastScan).toMatchObject({ scan: 'int8', relaxed: true });
    }
  });
});
