import { describe, expect, it } from 'vitest';
import type { Chunk } from '@openbook/core/types';
import { dropPending, indexedTextIds, pendingVectors } from './pendingVectors';

const chunk = (id: string, text: string): Chunk => ({ id, docId: 'd', index: 0, start: 0, end: text.length, text });

describe('pending vectors', () => {
  it('are kept for one model key and device at a time, until dropped', () => {
    const v = new Float32Array([1, 0]);
    pendingVectors('m', 'wasm').set('lava', v);
    expect(pendingVectors('m', 'wasm').get('lava')).toBe(v);
    // Another device (or model) starts afresh: vectors of one never stand in for another's.
    expect(pendingVectors('m', 'webgpu').has('lava')).toBe(false);
    expect(pendingVectors('m', 'wasm').has('lava')).toBe(false);
    pendingVectors('m', 'wasm').set('lava', v);
    dropPending();
    expect(pendingVectors('m', 'wasm').size).toBe(0);
  });

  it('name, for each text the index holds, the first indexed chunk of that text as embedded', () => {
    const ids = indexedTextIds([chunk('a', 'lava'), chunk('b', 'tea'), chunk('c', 'lava')], (c) => `title\n\n${c.text}`);
    expect([...ids]).toEqual([
      ['title\n\nlava', 'a'],
      ['title\n\ntea', 'b'],
    ]);
  });
});
