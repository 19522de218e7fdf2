import { describe, expect, it } from 'vitest';
import { packKeywordDocs, packStrings, unpackKeywordDocs, unpackStrings } from './packedDocs';

describe('packed keyword docs', () => {
  it('come back as they were, empty texts, emoji and Chinese included', () => {
    const docs = [
      { id: 'a#0', text: 'Lava flows' },
      { id: 'a#1', text: '' },
      { id: 'b#0', text: '熔岩的温度 🌋 hot' },
      { id: '', text: 'no id' },
    ];
    const packed = packKeywordDocs(docs);
    expect(packed.idEnds).toHaveLength(4);
    expect(unpackKeywordDocs(packed)).toEqual(docs);
    expect(unpackKeywordDocs(packKeywordDocs([]))).toEqual([]);
  });

  it('pass unpacked docs through, and refuse ends that do not fit their strings', () => {
    const docs = [{ id: 'x', text: 'y' }];
    expect(unpackKeywordDocs(docs)).toBe(docs);
    const packed = packKeywordDocs([...docs, { id: 'z', text: 'zz' }]);
    expect(() => unpackKeywordDocs({ ...packed, texts: 'yz' })).toThrow(/do not fit/);
    expect(() => unpackKeywordDocs({ ...packed, idEnds: new Uint32Array([3, 2]) })).toThrow(/do not fit/);
    expect(() => unpackKeywordDocs({ ...packed, textEnds: new Uint32Array([3]) })).toThrow(/do not fit/);
  });

  it('pack strings into one, and back as they were; refuse ends that do not fit', () => {
    const strings = ['Lava flows', '', '熔岩的温度 🌋 hot', 'x'];
    const packed = packStrings(strings);
    expect(packed.joined).toBe(strings.join(''));
    expect([...packed.ends]).toEqual([10, 10, 22, 23]);
    expect(unpackStrings(packed)).toEqual(strings);
    expect(unpackStrings(packStrings([]))).toEqual([]);
    expect(unpackStrings(strings)).toBe(strings);
    expect(() => unpackStrings({ ...packed, joined: 'short' })).toThrow(/do not fit/);
    expect(() => unpackStrings({ ...packed, ends: new Uint32Array([5, 3, 22, 23]) })).toThrow(/do not fit/);
  });
});
