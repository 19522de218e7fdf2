import { describe, expect, it } from 'vitest';
import type { Chunk } from '../types';
import { allowedChunkIds, isActiveFilter, passesFilter } from './filter';

const chunk = (docId: string, index: number, pages?: [number, number]): Chunk => ({
  id: `${docId}#${index}`,
  docId,
  index,
  start: 0,
  end: 1,
  text: 'x',
  meta: pages ? { pageStart: pages[0], pageEnd: pages[1] } : undefined,
});

const chunks = [chunk('pdf', 0, [1, 1]), chunk('pdf', 1, [1, 2]), chunk('pdf', 2, [3, 3]), chunk('pdf', 3, [4, 5]), chunk('txt', 0), chunk('md', 0)];

describe('metadata filter', () => {
  it('keeps the chosen documents only', () => {
    expect(allowedChunkIds(chunks, { docIds: ['txt', 'md'] })).toEqual(['txt#0', 'md#0']);
    expect(allowedChunkIds(chunks, { docIds: [] })).toEqual([]);
  });

  it('keeps PDF chunks that touch the page range, and chunks without pages', () => {
    expect(allowedChunkIds(chunks, { pages: { from: 2, to: 4 } })).toEqual(['pdf#1', 'pdf#2', 'pdf#3', 'txt#0', 'md#0']);
    expect(allowedChunkIds(chunks, { docIds: ['pdf'], pages: { from: 3, to: 3 } })).toEqual(['pdf#2']);
  });

  it('a chunk with only pageStart is on that one page', () => {
    const c: Chunk = { ...chunk('pdf', 9), meta: { pageStart: 7 } };
    expect(passesFilter(c, { pages: { from: 7, to: 7 } })).toBe(true);
    expect(passesFilter(c, { pages: { from: 8, to: 9 } })).toBe(false);
  });

  it('knows when a filter restricts nothing', () => {
    expect(isActiveFilter(null)).toBe(false);
    expect(isActiveFilter({})).toBe(false);
    expect(isActiveFilter({ docIds: ['a'] })).toBe(true);
  });
});
