import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25Index';
import type { KeywordIndex } from './keywordIndex';
import { MiniSearchIndex } from './miniSearchIndex';

// Both engines on hand-computed cases: MiniSearch (the reference) and Bm25Index (the app's engine).

// BM25+ as MiniSearch computes it: idf = ln(1 + (N - df + 0.5) / (df + 0.5)),
// term = idf * (δ + tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl))), k1 = 1.2, b = 0.7, δ = 0.5;
// a chunk's length dl is its number of DISTINCT tokens (MiniSearch's choice); a chunk's score is the sum
// over the query terms it contains times how many of them it contains.
const docs = [
  { id: 'a', text: 'Tea tea green' }, // dl 2 (tea, green)
  { id: 'b', text: 'green coffee' }, // dl 2
  { id: 'c', text: 'black coffee beans' }, // dl 3
];
// N = 3, avgdl = 7 / 3; for dl 2: k1 (1 - b + b dl / avgdl) = 1.2 (0.3 + 0.7 * 6 / 7) = 1.08.
const idfTea = Math.log(1 + 2.5 / 1.5); // df 1
const idfGreen = Math.log(1 + 1.5 / 2.5); // df 2
const norm2 = 1.08;

describe.each([
  ['MiniSearchIndex', () => new MiniSearchIndex()],
  ['Bm25Index', () => new Bm25Index()],
] as Array<[string, () => KeywordIndex]>)('%s (BM25)', (_name, create) => {
  it('scores an English query as hand-computed BM25+', () => {
    const index = create();
    index.build(docs);
    const { hits } = index.search('tea', 10);
    expect(hits.map((h) => h.id)).toEqual(['a']);
    expect(hits[0]!.score).toBeCloseTo(idfTea * (0.5 + (2 * 2.2) / (2 + norm2)), 10);

    const two = index.search('green tea', 10).hits;
    const aScore = 2 * (idfTea * (0.5 + (2 * 2.2) / (2 + norm2)) + idfGreen * (0.5 + 2.2 / (1 + norm2)));
    const bScore = idfGreen * (0.5 + 2.2 / (1 + norm2));
    expect(two.map((h) => h.id)).toEqual(['a', 'b']);
    expect(two[0]!.score).toBeCloseTo(aScore, 10);
    expect(two[1]!.score).toBeCloseTo(bScore, 10);
  });

  it('finds Chinese text by its words, and by bigrams where a word is part of a longer one', () => {
    const index = create();
    index.build([
      { id: 'lava', text: '火山喷发时，熔岩的温度可达一千二百摄氏度。' },
      { id: 'ash', text: '熔岩和火山灰层层堆积，慢慢形成了高耸的山。' },
      { id: 'tea', text: '绿茶的叶子采摘后很快加热。' },
    ]);
    expect(index.search('熔岩的温度有多高？', 3).hits[0]!.id).toBe('lava');
    // ICU keeps 火山灰 as one word; its bigram 火山 lets the query 火山 find it.
    expect(
      index
        .search('火山', 3)
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(['ash', 'lava']);
    expect(index.search('咖啡', 3).hits).toEqual([]);
  });

  it('returns k hits that pass the filter, not k hits filtered afterwards', () => {
    const index = create();
    index.build(docs);
    const all = index.search('coffee green', 1);
    expect(all.hits.map((h) => h.id)).toEqual(['b']);
    const filtered = index.search('coffee green', 1, { allowedIds: ['a', 'c'] });
    expect(filtered.hits).toHaveLength(1);
    expect(['a', 'c']).toContain(filtered.hits[0]!.id);
    expect(index.search('coffee', 5, { allowedIds: [] }).hits).toEqual([]);
  });

  it('breaks ties by id and cuts at k', () => {
    const index = create();
    index.build([
      { id: 'z', text: 'same words here' },
      { id: 'm', text: 'same words here' },
      { id: 'a', text: 'same words here' },
    ]);
    expect(index.search('same', 2).hits.map((h) => h.id)).toEqual(['a', 'm']);
  });

  it('removes, replaces and clears documents', () => {
    const index = create();
    index.build(docs);
    expect(index.remove(['a', 'unknown']).size).toBe(2);
    expect(index.search('tea', 5).hits).toEqual([]);
    index.add([{ id: 'b', text: 'tea now' }]);
    expect(index.status().size).toBe(2);
    expect(index.search('tea', 5).hits.map((h) => h.id)).toEqual(['b']);
    expect(index.search('green', 5).hits).toEqual([]);
    expect(index.clear().size).toBe(0);
    expect(index.search('coffee', 5).hits).toEqual([]);
  });
});
