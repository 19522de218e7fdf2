import { describe, expect, it } from 'vitest';
import { bothEndsOrder, distinctPositions, orderBothEnds, placeAt, positionIndex } from './contextOrder';

describe('placeAt', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  it('moves the chosen item to the first, middle or last position, the others keeping their order', () => {
    expect(placeAt(items, 0, 'first')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(placeAt(items, 0, 'middle')).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(placeAt(items, 0, 'last')).toEqual(['b', 'c', 'd', 'e', 'a']);
    expect(placeAt(items, 3, 'first')).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect(placeAt(items, 4, 'middle')).toEqual(['a', 'b', 'e', 'c', 'd']);
  });
  it('takes the lower middle of an even count', () => {
    expect(positionIndex('middle', 4)).toBe(1);
    expect(placeAt(['a', 'b', 'c', 'd'], 3, 'middle')).toEqual(['a', 'd', 'b', 'c']);
  });
  it('returns a copy, and the items unchanged for an index out of range', () => {
    const out = placeAt(items, 9, 'first');
    expect(out).toEqual(items);
    expect(out).not.toBe(items);
    expect(placeAt(items, -1, 'last')).toEqual(items);
    expect(placeAt([], 0, 'middle')).toEqual([]);
  });
});

describe('distinctPositions', () => {
  it('names only the positions that are different places', () => {
    expect(distinctPositions(0)).toEqual([]);
    expect(distinctPositions(1)).toEqual(['first']);
    expect(distinctPositions(2)).toEqual(['first', 'last']);
    expect(distinctPositions(3)).toEqual(['first', 'middle', 'last']);
    expect(distinctPositions(10)).toEqual(['first', 'middle', 'last']);
  });
});

describe('best first and last', () => {
  it('puts ranks 1 and 2 at the ends and the weakest in the middle', () => {
    expect(bothEndsOrder(5)).toEqual([0, 2, 4, 3, 1]);
    expect(bothEndsOrder(4)).toEqual([0, 2, 3, 1]);
    expect(orderBothEnds([1, 2, 3, 4, 5, 6])).toEqual([1, 3, 5, 6, 4, 2]);
  });
  it('leaves one or two items as they are, and is a permutation', () => {
    expect(orderBothEnds([])).toEqual([]);
    expect(orderBothEnds(['x'])).toEqual(['x']);
    expect(orderBothEnds(['x', 'y'])).toEqual(['x', 'y']);
    for (let n = 0; n < 12; n++) expect([...bothEndsOrder(n)].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
  });
});
