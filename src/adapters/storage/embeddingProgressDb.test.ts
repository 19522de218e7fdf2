import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { EmbeddingProgressDb } from './embeddingProgressDb';

const vec = (...xs: number[]) => new Float32Array(xs);
let n = 0;
const freshDb = () => new EmbeddingProgressDb(`progress-test-${n++}`);

describe('EmbeddingProgressDb', () => {
  it('gives back every saved batch, in order, as vectors per text', async () => {
    const db = freshDb();
    expect(await db.load()).toBeNull();
    await db.addBatch('m', 'wasm', ['a', 'b'], [vec(1, 0), vec(0, 1)]);
    await db.addBatch('m', 'wasm', ['c'], [vec(0.5, 0.5)]);
    const saved = await db.load();
    expect(saved?.modelId).toBe('m');
    expect(saved?.device).toBe('wasm');
    expect(saved?.texts).toEqual(['a', 'b', 'c']);
    expect(saved?.vectors.map((v) => [...v])).toEqual([
      [1, 0],
      [0, 1],
      [0.5, 0.5],
    ]);
  });

  it('never mixes models or devices: a batch of another one replaces the saved progress', async () => {
    const db = freshDb();
    await db.addBatch('m', 'wasm', ['a'], [vec(1, 0)]);
    await db.addBatch('other', 'wasm', ['a'], [vec(0, 1, 0)]);
    const saved = await db.load();
    expect(saved?.modelId).toBe('other');
    expect(saved?.vectors.map((v) => [...v])).toEqual([[0, 1, 0]]);
    await db.addBatch('other', 'webgpu', ['b'], [vec(1, 1, 1)]);
    expect((await db.load())?.texts).toEqual(['b']);
  });

  it('is empty after clear', async () => {
    const db = freshDb();
    await db.addBatch('m', 'wasm', ['a'], [vec(1)]);
    await db.clear();
    expect(await db.load()).toBeNull();
  });

  it('leaves out batches changed outside the app, and vectors with NaN or zeros', async () => {
    const name = `progress-test-${n++}`;
    const db = new EmbeddingProgressDb(name);
    await db.addBatch('m', 'wasm', ['a', 'b', 'c'], [vec(1, 0), vec(NaN, 1), vec(0, 0)]);
    const raw = new Dexie(name);
    raw.version(1).stores({ batches: '++seq' });
    await raw.table('batches').add({ modelId: 'm', device: 'wasm', dimension: 2, texts: null, vectors: new ArrayBuffer(8) });
    await raw.table('batches').add({ modelId: 'm', device: 'wasm', dimension: 2, texts: ['d'], vectors: 'not bytes' });
    raw.close();
    const saved = await db.load();
    expect(saved?.texts).toEqual(['a']);
    expect(saved?.vectors.map((v) => [...v])).toEqual([[1, 0]]);
  });

  it('says that a run finished unsaved (and why) until the batches are cleared or a new run saves one', async () => {
    const db = freshDb();
    await db.addBatch('m', 'wasm', ['a'], [vec(1, 0)]);
    expect((await db.load())?.unsaved).toBeUndefined();
    await db.markUnsaved('m', 'wasm', 'quota');
    expect((await db.load())?.unsaved).toBe('quota');
    // A note about another model's run does not describe these batches.
    await db.markUnsaved('other', 'wasm', 'failed');
    expect((await db.load())?.unsaved).toBeUndefined();
    await db.markUnsaved('m', 'wasm', 'failed');
    expect((await db.load())?.unsaved).toBe('failed');
    await db.addBatch('m', 'wasm', ['b'], [vec(0, 1)]);
    expect((await db.load())?.unsaved).toBeUndefined();
    await db.markUnsaved('m', 'wasm', 'quota');
    await db.clear();
    await db.addBatch('m', 'wasm', ['c'], [vec(1, 1)]);
    expect((await db.load())?.unsaved).toBeUndefined();
  });
});
