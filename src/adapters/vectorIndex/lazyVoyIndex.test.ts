// LazyVoyIndex: the exact scan until a search asks for Voy, then a VoyIndex (real voy-search wasm, loaded
// in Node by loadVoyNode.ts) made from the same items; a factory that fails leaves the exact scan answering.
import { describe, expect, it, vi } from 'vitest';
import { randomItems, randomUnitVector, mulberry32 } from '@openbook/core/testing/seededRandom';
import { ExactIndex } from './exactIndex';
import { INT8_SLICE, LazyVoyIndex, type WorkerIndex } from './lazyVoyIndex';
import { loadVoyNode } from './loadVoyNode';
import type { IndexStatus } from './vectorIndex';
import { VoyIndex } from './voyIndex';

const quiet = { onVoyError: () => undefined };
const makeVoy = (): Promise<WorkerIndex> => Promise.resolve(new VoyIndex({ loadVoy: () => loadVoyNode(), ...quiet }));

describe('LazyVoyIndex', () => {
  const data = randomItems(500, 64, 7, 'c');
  const query = randomUnitVector(mulberry32(99), 64);

  it('answers with the exact scan and never makes Voy while Voy is not asked for', async () => {
    const createVoy = vi.fn(makeVoy);
    const index = new LazyVoyIndex(createVoy);
    expect(await index.build(data)).toEqual({ size: 500, dimension: 64, engine: 'exact', fallbackReason: null });
    const reference = new ExactIndex();
    await reference.build(data);
    const want = await reference.search(query, 10);
    const byDefault = await index.search(query, 10);
    const exact = await index.search(query, 10, { engine: 'exact' });
    expect(byDefault.engine).toBe('exact');
    expect(byDefault.hits).toEqual(want.hits);
    expect(exact.hits).toEqual(want.hits);
    await index.add(randomItems(3, 64, 8, 'extra'));
    await index.remove(['c1']);
    expect(index.status().size).toBe(502);
    expect(index.counts()).toEqual({ ids: 502, distinctVectors: null, voyItems: null });
    expect(index.vectorsOf(['c2', 'nope'])[1]).toBeNull();
    expect(createVoy).not.toHaveBeenCalled();
    expect(index.voyLoaded).toBe(false);
  });

  it('makes Voy from the same items on the first search that asks for it, once, and tells the build listener', async () => {
    const createVoy = vi.fn(makeVoy);
    const index = new LazyVoyIndex(createVoy);
    const heard: IndexStatus[] = [];
    await index.build(data, undefined, (s) => heard.push(s));
    const before = await index.search(query, 10);
    const viaVoy = await index.search(query, 10, { engine: 'voy' });
    expect(createVoy).toHaveBeenCalledTimes(1);
    expect(viaVoy.engine).toBe('voy');
    expect(viaVoy.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id));
    viaVoy.hits.forEach((h, i) => expect(h.score).toBeCloseTo(before.hits[i]!.score, 6));
    expect(heard.at(-1)).toEqual({ size: 500, dimension: 64, engine: 'voy', fallbackReason: null });
    expect(index.counts()).toEqual({ ids: 500, distinctVectors: 500, voyItems: 500 });
    // From now on everything goes to the VoyIndex, which also answers exact searches.
    await index.add(randomItems(2, 64, 9, 'late'));
    expect((await index.search(query, 5, { engine: 'voy' })).engine).toBe('voy');
    expect((await index.search(query, 5, { engine: 'exact' })).engine).toBe('exact');
    expect(index.status()).toEqual({ size: 502, dimension: 64, engine: 'voy', fallbackReason: null });
    expect(createVoy).toHaveBeenCalledTimes(1);
  });

  it('keeps answering exactly, says voy-failed, and tries again later when Voy cannot be made', async () => {
    const createVoy = vi.fn<() => Promise<WorkerIndex>>().mockRejectedValueOnce(new Error('chunk failed')).mockImplementation(makeVoy);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const index = new LazyVoyIndex(createVoy);
    await index.build(data);
    const want = await index.search(query, 10, { engine: 'exact' });
    const failed = await index.search(query, 10, { engine: 'voy' });
    expect(failed).toMatchObject({ engine: 'exact', fallbackReason: 'voy-failed', hits: want.hits });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    const again = await index.search(query, 10, { engine: 'voy' });
    expect(again.engine).toBe('voy');
    expect(createVoy).toHaveBeenCalledTimes(2);
  });
});

describe('LazyVoyIndex staged build', () => {
  const data = randomItems(300, 32, 11, 's');
  const query = randomUnitVector(mulberry32(5), 32);

  it('indexes parts beside the index that answers, which changes only at the commit, as build() of them would', async () => {
    const index = new LazyVoyIndex(makeVoy);
    const old = randomItems(20, 32, 12, 'old');
    await index.build(old);
    await index.stage(data.slice(0, 100), true);
    await index.stage(data.slice(100));
    // Meanwhile the old index answers, whole.
    expect(index.status().size).toBe(20);
    expect((await index.search(query, 3)).hits.every((h) => h.id.startsWith('old'))).toBe(true);
    const progress: Array<[number, number]> = [];
    expect(await index.commitStaged((done, total) => progress.push([done, total]))).toEqual({
      size: 300,
      dimension: 32,
      engine: 'exact',
      fallbackReason: null,
    });
    expect(progress).toEqual([[300, 300]]);
    const reference = new ExactIndex();
    await reference.build(data);
    expect((await index.search(query, 10)).hits).toEqual((await reference.search(query, 10)).hits);
  });

  it('is searchable at the commit, before the int8 copy of its rows is made in turns after it, with the same hits', async () => {
    const big = randomItems(INT8_SLICE + 2000, 32, 18, 'b'); // two turns; the two-stage scan runs from 5k rows
    const index = new LazyVoyIndex(makeVoy);
    await index.stage(big.slice(0, 3000), true);
    await index.stage(big.slice(3000));
    await index.commitStaged();
    expect(index.int8Pending).toBe(big.length); // (the turns start after the commit's own turn)
    const reference = new ExactIndex();
    await reference.build(big);
    const want = (await reference.search(query, 10)).hits;
    expect((await index.search(query, 10)).hits).toEqual(want);
    await index.int8Ready();
    expect(index.int8Pending).toBe(0);
    expect((await index.search(query, 10)).hits).toEqual(want);
  });

  it('forgets a dropped stage, and a fresh first part drops what an unfinished stage held', async () => {
    const index = new LazyVoyIndex(makeVoy);
    await index.build(data);
    await index.stage(randomItems(5, 32, 13, 'gone'), true);
    await index.dropStaged();
    expect(index.status().size).toBe(300);
    await index.stage(randomItems(5, 32, 14, 'stale'), true);
    await index.stage(randomItems(7, 32, 15, 'new'), true);
    await index.commitStaged();
    expect(index.status().size).toBe(7);
    expect(index.vectorsOf(['stale0', 'new0']).map((v) => v !== null)).toEqual([false, true]);
  });

  it('rejects a part of another dimension, leaving the index that answers as it was', async () => {
    const index = new LazyVoyIndex(makeVoy);
    await index.build(data);
    await index.stage(randomItems(3, 32, 16, 'a'), true);
    await expect(index.stage(randomItems(3, 16, 17, 'b'))).rejects.toThrow();
    expect(index.status().size).toBe(300);
  });

  it('once Voy is in use, the commit builds it from the staged items', async () => {
    const index = new LazyVoyIndex(makeVoy);
    await index.build(data);
    await index.search(query, 3, { engine: 'voy' });
    expect(index.voyLoaded).toBe(true);
    await index.stage(data.slice(0, 50), true);
    const status = await index.commitStaged();
    expect(status.size).toBe(50);
    expect((await index.search(query, 5, { engine: 'voy' })).hits.every((h) => Number(h.id.slice(1)) < 50)).toBe(true);
  });
});
