import { describe, expect, it } from 'vitest';
import type { Chunk } from './types';
import { countUnindexed, unindexedCounter } from './unindexedCount';

const chunk = (docId: string, index: number, text: string): Chunk => ({ id: `${docId}#${index}`, docId, index, start: 0, end: text.length, text });

describe('unindexed chunks', () => {
  const a = [chunk('a', 0, 'lava'), chunk('a', 1, 'ash')];
  const b = [chunk('b', 0, 'tea'), chunk('b', 1, 'leaf'), chunk('b', 2, 'kettle')];
  const indexed = new Map([...a, ...b.slice(0, 2)].map((c) => [c.id, c]));

  it('counts chunks the index lacks or holds with another text, and not those it holds as they are', () => {
    expect(countUnindexed(a, indexed)).toBe(0);
    expect(countUnindexed(b, indexed)).toBe(1);
    // The same chunk as another object (e.g. made again with the same settings) is indexed.
    expect(countUnindexed([{ ...a[0]! }], indexed)).toBe(0);
    expect(countUnindexed([{ ...a[0]!, text: 'magma' }], indexed)).toBe(1);
    expect(countUnindexed(a, new Map())).toBe(2);
  });

  it('counts a list once per index, and a new list or a new index again', () => {
    const count = unindexedCounter();
    let looked = 0;
    const watched = new Map(indexed);
    const get = watched.get.bind(watched);
    watched.get = (id) => {
      looked++;
      return get(id);
    };
    expect(count([a, b], watched)).toBe(1);
    expect(looked).toBe(5);
    // A redraw with the same lists and index looks nothing up.
    expect(count([a, b], watched)).toBe(1);
    expect(looked).toBe(5);
    // Document b chunked again: only its new list is counted.
    const b2 = [chunk('b', 0, 'tea'), chunk('b', 1, 'oolong')];
    expect(count([a, b2], watched)).toBe(1);
    expect(looked).toBe(7);
    // Another index: every list again.
    const all = new Map([...a, ...b, ...b2].map((c) => [c.id, c]));
    expect(count([a, b2], all)).toBe(0);
    // (That index holds b#1 as "oolong": b's first list has it as "leaf".)
    expect(count([a, b], all)).toBe(1);
    expect(count([], all)).toBe(0);
  });
});
