import { describe, expect, it } from 'vitest';
import { ExactIndex } from './exactIndex';
import { buildPacked, buildReusing, flatVectors, packVectors, unpackReusing, unpackVectors } from './storedVectors';

const unit = (...xs: number[]) => {
  const v = Float32Array.from(xs);
  const norm = Math.hypot(...xs);
  return v.map((x) => x / norm);
};

describe('stored vectors', () => {
  it('packs views of shared buffers into one run per buffer and gives back the same items', () => {
    const a = new Float32Array([1, 0, 0, 1, 1, 1]);
    const b = new Float32Array([0, 2, 3, 0]);
    const items = [
      { id: 'x', vector: a.subarray(0, 2) },
      { id: 'y', vector: a.subarray(2, 4) },
      { id: 'z', vector: a.subarray(4, 6) },
      { id: 'w', vector: b.subarray(0, 2) },
      { id: 'v', vector: b.subarray(2, 4) },
    ];
    const packed = packVectors(items);
    expect(packed.ids).toEqual(['x', 'y', 'z', 'w', 'v']);
    expect(packed.runs.map((r) => r.buffer)).toEqual([a.buffer, b.buffer]);
    expect(unpackVectors(packed).map((item) => [item.id, [...item.vector]])).toEqual(items.map((item) => [item.id, [...item.vector]]));
  });

  it('starts a new run where vectors are not one after another', () => {
    const a = new Float32Array([1, 0, 0, 1, 1, 1]);
    const packed = packVectors([
      { id: 'x', vector: a.subarray(0, 2) },
      { id: 'z', vector: a.subarray(4, 6) },
    ]);
    expect(packed.runs.map((r) => [...r])).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it('refuses runs that do not hold one vector per id', () => {
    expect(() => unpackVectors({ ids: ['x', 'y'], runs: [new Float32Array(5)] })).toThrow('5 numbers cannot be 2 vectors');
  });

  it('reads vectors in one flat buffer (null when one is missing) and builds again reusing the ones it holds', async () => {
    const index = new ExactIndex();
    await index.build([
      { id: 'a', vector: unit(1, 0) },
      { id: 'b', vector: unit(0, 1) },
    ]);
    const viewOf = (id: string) => index.vectorOf(id);
    expect([...flatVectors(viewOf, ['b', 'a'])!]).toEqual([0, 1, 1, 0]);
    expect(flatVectors(viewOf, ['a', 'nope'])).toBeNull();

    await buildReusing(index, [
      { id: 'c', from: 'b' },
      { id: 'd', vector: unit(1, 1) },
      { id: 'a2', from: 'a' },
    ]);
    expect(index.size).toBe(3);
    expect([...flatVectors(viewOf, ['c', 'a2'])!]).toEqual([0, 1, 1, 0]);
    expect(index.has('a')).toBe(false);

    await expect(buildReusing(index, [{ id: 'e', from: 'gone' }])).rejects.toThrow('no vector for "gone"');
    expect(index.size).toBe(3); // unchanged
  });

  it('packs ids, one buffer of the vectors the page holds, and the items that reuse a vector the index holds, in their order', async () => {
    const flat = new Float32Array([...unit(1, 1), ...unit(1, -1)]);
    const packed = {
      ids: ['c', 'd', 'a2', 'f'],
      runs: [flat],
      reused: [
        { at: 2, from: 'a' },
        { at: 0, from: 'b' },
      ],
    };
    expect(
      unpackReusing(packed).map((item) => ('from' in item ? `${item.id}<${item.from}` : `${item.id}:${[...item.vector].map((x) => x.toFixed(2))}`)),
    ).toEqual(['c<b', 'd:0.71,0.71', 'a2<a', 'f:0.71,-0.71']);
    // Nothing reused: the plain items.
    expect(unpackReusing({ ids: ['x'], runs: [unit(1, 0)] })).toEqual(unpackVectors({ ids: ['x'], runs: [unit(1, 0)] }));
    expect(() => unpackReusing({ ...packed, runs: [flat.subarray(0, 3)] })).toThrow('3 numbers cannot be 2 vectors');

    const index = new ExactIndex();
    await index.build([
      { id: 'a', vector: unit(1, 0) },
      { id: 'b', vector: unit(0, 1) },
    ]);
    await buildPacked(index, packed);
    expect(index.size).toBe(4);
    expect([...flatVectors((id) => index.vectorOf(id), ['c', 'a2'])!]).toEqual([0, 1, 1, 0]);
    await expect(buildPacked(index, { ids: ['e'], runs: [], reused: [{ at: 0, from: 'gone' }] })).rejects.toThrow('no vector for "gone"');
    expect(index.size).toBe(4); // unchanged
  });
});
