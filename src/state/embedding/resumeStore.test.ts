import { describe, expect, it } from 'vitest';
import type { Chunk } from '@openbook/core/types';
import { describeInterruptedRun } from './resumeStore';

const chunk = (docId: string, index: number): Chunk => ({
  id: `${docId}#${index}`,
  docId,
  index,
  start: index * 10,
  end: index * 10 + 10,
  text: `${docId} text ${index}`,
});
const chunks = [chunk('a', 0), chunk('a', 1), chunk('b', 0), chunk('b', 1), chunk('b', 2)];

describe('describeInterruptedRun', () => {
  it('counts the chunks that have a vector and names the documents still incomplete', () => {
    const withVector = new Set(['a text 0', 'a text 1', 'b text 0']);
    const run = describeInterruptedRun(
      'm',
      'wasm',
      chunks,
      (t) => withVector.has(t),
      () => false,
      (id) => `${id}.txt`,
    );
    expect(run).toEqual({ modelId: 'm', device: 'wasm', done: 3, total: 5, documents: [{ id: 'b', name: 'b.txt', done: 1, total: 3 }] });
  });

  it('is nothing when every chunk is in the index, or when no chunk got a vector', () => {
    expect(
      describeInterruptedRun(
        'm',
        'wasm',
        chunks,
        () => true,
        () => true,
        (id) => id,
      ),
    ).toBeNull();
    expect(
      describeInterruptedRun(
        'm',
        'wasm',
        chunks,
        () => false,
        () => false,
        (id) => id,
      ),
    ).toBeNull();
  });
});
