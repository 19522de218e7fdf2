// Stage 1 of the two-stage scan on two threads (scanThreads.ts), with a real helper on a Node worker thread
// (scanHelperNode.ts): the answers must be the float64 reference's, and the one-thread index's, exactly,
// with ties (duplicate vectors across chunks), filters (allowedSlots subsets spanning chunks), growth of the
// shared memory, and a helper that never comes, fails, or stops answering in the middle of a search.
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ExactIndex, type ScanHelperStarter } from './exactIndex';
import { runningNodeHelpers, startNodeScanHelper } from './scanHelperNode';
import { mergedThreshold } from './scanThreads';
import type { IndexItem, SearchHit } from './vectorIndex';
import { mulberry32, randomUnitVector } from '@openbook/core/testing/seededRandom';
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
  got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 6));
}

/**
 * Random unit vectors where many rows are copies of a few (exact ties, spread over every chunk: chunks are
 * 2,048 rows), with ids that do not sort in slot order, so ties are decided by id across the two threads.
 */
function itemsWithTies(n: number, seed: number): IndexItem[] {
  const rand = mulberry32(seed);
  const shared = Array.from({ length: 5 }, () => randomUnitVector(rand, 384));
  return Array.from({ length: n }, (_, i) => ({
    id: `r${(i * 7919) % n}`,
    vector: rand() < 0.05 ? shared[Math.floor(rand() * shared.length)]! : randomUnitVector(rand, 384),
  }));
}

const opened: ExactIndex[] = [];
async function threadedIndex(items: IndexItem[], helper: ScanHelperStarter = startNodeScanHelper, waitForHelper = true): Promise<ExactIndex> {
  const index = new ExactIndex({ helper, threadsFrom: 4096, twoStageFrom: 0 });
  opened.push(index);
  await index.build(items);
  if (waitForHelper) await index.helperReady();
  return index;
}
afterAll(async () => {
  for (const index of opened) await index.clear();
  expect(runningNodeHelpers.size).toBe(0); // clear() stops the helper
});

describe('mergedThreshold', () => {
  it('is the k-th largest of all the values, whatever the split, with ties and a half with fewer than k rows', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 300; trial++) {
      const k = 1 + Math.floor(rand() * 12);
      const values = Array.from({ length: k + Math.floor(rand() * 40) }, () => Math.floor(rand() * 6) / 4); // many ties
      const cut = Math.floor(rand() * (values.length + 1));
      const heapOf = (part: number[]) => {
        const top = [...part].sort((a, b) => b - a).slice(0, k);
        const heap = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
        heap.set(top.sort((a, b) => a - b));
        return heap;
      };
      const want = [...values].sort((a, b) => b - a)[k - 1];
      expect(mergedThreshold(heapOf(values.slice(0, cut)), heapOf(values.slice(cut)), k)).toBe(want);
    }
  });
});

describe('ExactIndex stage 1 on two threads', () => {
  it('returns exactly the float64 reference and the one-thread answer, ties and filters included', async () => {
    const items = itemsWithTies(12_000, 11);
    const two = await threadedIndex(items);
    expect(two.threaded).toBe(true);
    const one = new ExactIndex({ twoStageFrom: 0 });
    await one.build(items);
    const rand = mulberry32(12);
    const byId = new Map(items.map((it) => [it.id, it]));
    const copies = new Map<Float32Array, number>();
    for (const it of items) copies.set(it.vector, (copies.get(it.vector) ?? 0) + 1);
    const [duplicated, count] = [...copies].sort((a, b) => b[1] - a[1])[0]!;
    expect(count).toBeGreaterThan(50);
    for (let q = 0; q < 12; q++) {
      // Some queries ARE a duplicated vector: its copies tie at the top, ordered by id.
      const query = q % 3 === 0 ? duplicated : randomUnitVector(rand, 384);
      for (const k of [1, 10, 200]) {
        const got = (await two.search(query, k)).hits;
        // (k = 200 may re-score more than 5% of the rows: then the f32 scan answers, exactly too)
        if (k <= 10 || two.lastScan?.scan === 'int8') expect(two.lastScan).toMatchObject({ scan: 'int8', threads: 2, searched: items.length });
        expectSameHits(got, naiveTopK(items, query, k));
        expect(got).toEqual((await one.search(query, k)).hits);
      }
      // A filter: a random subset spanning every chunk (searched through scanSlots).
      const allowed = items.filter(() => rand() < 0.5).map((it) => it.id);
      const got = (await two.search(query, 10, { allowedIds: allowed })).hits;
      expect(two.lastScan).toMatchObject({ scan: 'int8', threads: 2, searched: allowed.length });
      expectSameHits(
        got,
        naiveTopK(
          allowed.map((id) => byId.get(id)!),
          query,
          10,
        ),
      );
    }
  });

  it('stays exact as the shared memory grows, rows move on removal, and after a rebuild with a new helper', async () => {
    const items = itemsWithTies(6_000, 21);
    const index = await threadedIndex(items);
    const more = itemsWithTies(9_000, 22).map((it) => ({ ...it, id: `m${it.id}` }));
    await index.add(more);
    const removed = new Set(items.filter((_, i) => i % 3 === 0).map((it) => it.id));
    await index.remove([...removed]);
    const live = [...items.filter((it) => !removed.has(it.id)), ...more];
    const rand = mulberry32(23);
    for (let q = 0; q < 5; q++) {
      const query = randomUnitVector(rand, 384);
      expectSameHits((await index.search(query, 10)).hits, naiveTopK(live, query, 10));
      expect(index.lastScan?.threads).toBe(2);
    }
    const helpers = runningNodeHelpers.size;
    await index.build(more); // a new int8 memory: the old helper is stopped, a new one started
    expect(runningNodeHelpers.size).toBe(helpers);
    await index.helperReady();
    const query = randomUnitVector(rand, 384);
    expectSameHits((await index.search(query, 10)).hits, naiveTopK(more, query, 10));
    expect(index.lastScan?.threads).toBe(2);
  });

  it('scans alone when the helper never comes or fails to start', async () => {
    const items = itemsWithTies(8_000, 31);
    const query = randomUnitVector(mulberry32(32), 384);
    const absent = await threadedIndex(items, () => () => undefined, false);
    expect(absent.threaded).toBe(false);
    expectSameHits((await absent.search(query, 10)).hits, naiveTopK(items, query, 10));
    expect(absent.lastScan?.threads).toBe(1);
    const failing = await threadedIndex(
      items,
      (_module, _memory, _control, failed) => {
        failed(new Error('no worker here'));
        return () => undefined;
      },
      false,
    );
    expect(failing.threaded).toBe(false);
    expectSameHits((await failing.search(query, 10)).hits, naiveTopK(items, query, 10));
  });

  it('gives up a helper that takes a chunk and never finishes it, and still answers exactly', async () => {
    // A helper that says it is up, then spins until a query is posted, takes one of its chunks and hangs
    // (until the index stops it). Control slots (scanThreads.ts): 0 word, 2 stop, 3 up, 14 chunks.
    const hanging: ScanHelperStarter = (_module, _memory, control) => {
      const worker = new Worker(
        `const { workerData } = require('node:worker_threads');
         const ctl = new Int32Array(workerData);
         Atomics.store(ctl, 3, 1);
         for (;;) {
           const w = Atomics.load(ctl, 0);
           if (w >>> 7 !== 0 && (w & 127) < ctl[14] && Atomics.compareExchange(ctl, 0, w, w + 1) === w) break;
         }
         while (Atomics.load(ctl, 2) === 0) Atomics.wait(ctl, 2, 0, 20);`,
        { eval: true, workerData: control },
      );
      return () => void worker.terminate();
    };
    const items = itemsWithTies(40_000, 41);
    const index = await threadedIndex(items, hanging);
    expect(index.threaded).toBe(true);
    const rand = mulberry32(42);
    // The helper takes a chunk in the first search where its thread gets the processor while the index's
    // thread is still scanning (on a busy machine perhaps not the first); that search waits for it, gives
    // it up, and scans alone.
    let searches = 0;
    while (index.threaded && searches < 200) {
      const query = randomUnitVector(rand, 384);
      expectSameHits((await index.search(query, 10)).hits, naiveTopK(items, query, 10));
      searches++;
    }
    expect(index.threaded).toBe(false); // given up
    const query = randomUnitVector(rand, 384);
    expectSameHits((await index.search(query, 10)).hits, naiveTopK(items, query, 10));
    expect(index.lastScan?.threads).toBe(1);
  });
});
