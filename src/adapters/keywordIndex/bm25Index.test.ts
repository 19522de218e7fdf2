// The app's fast BM25 engine against MiniSearch, the reference: on seeded random corpora in English and
// Chinese, with filters, removals, replacements and additions after the build, both must return the same
// top-k ids with the same scores (to float tolerance: they differ only in how avgdl is rounded).
import { describe, expect, it } from 'vitest';
import { SAMPLE_DOCUMENTS } from '../../content/sampleCorpus';
import { mulberry32 } from '@openbook/core/testing/seededRandom';
import { Bm25Index, decodeSlotGaps, encodeSlotGaps } from './bm25Index';
import type { KeywordDoc, KeywordHit } from './keywordIndex';
import { MiniSearchIndex } from './miniSearchIndex';
import { countTerms } from '@openbook/core/retrieval/termCounts';
import { SAVED_KEYWORD_INDEX_VERSION } from '@openbook/core/retrieval/savedKeywordIndex';
import { RAW_KEYWORD_ANALYSIS } from '@openbook/core/retrieval/keywordAnalysis';

const ENGLISH = 'the a of and to in is it that tea green black coffee lava volcano ash rock heat water leaf cup brew pot steam cold hot river stone'.split(' ');
const CHINESE = SAMPLE_DOCUMENTS.filter((d) => /[\u4e00-\u9fff]/.test(d.text))
  .flatMap((d) => d.text.split(/[。！？\n]/))
  .filter((s) => s.trim().length > 4);

function randomText(rand: () => number): string {
  const parts: string[] = [];
  const count = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < count; i++) {
    if (rand() < 0.5) {
      // English words, skewed towards the first (common) ones, with repeats.
      const words = 2 + Math.floor(rand() * 12);
      for (let j = 0; j < words; j++) parts.push(ENGLISH[Math.floor(ENGLISH.length * rand() * rand())]!);
    } else {
      const sentence = CHINESE[Math.floor(rand() * CHINESE.length)]!;
      const from = Math.floor(rand() * sentence.length * 0.5);
      parts.push(sentence.slice(from, from + 3 + Math.floor(rand() * 30)));
    }
  }
  return parts.join(rand() < 0.5 ? ' ' : '，');
}

function randomQuery(rand: () => number, docs: KeywordDoc[]): string {
  if (rand() < 0.3) return randomText(rand);
  // A piece of an existing chunk, so that queries match.
  const text = docs[Math.floor(rand() * docs.length)]?.text ?? 'tea';
  const from = Math.floor(rand() * text.length * 0.7);
  return text.slice(from, from + 2 + Math.floor(rand() * 12));
}

/** Same hits: scores equal to 1e-9 (relative) position by position, ids equal except within a near-tie. */
function expectSameHits(fast: KeywordHit[], reference: KeywordHit[], context: string): void {
  expect(fast.length, context).toBe(reference.length);
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
  for (let i = 0; i < reference.length; i++) {
    const f = fast[i]!;
    const r = reference[i]!;
    expect(close(f.score, r.score), `${context}: score #${i} ${f.score} vs ${r.score}`).toBe(true);
    if (f.id !== r.id) {
      // Only a near-tie (scores equal but for rounding) may order two chunks differently.
      const tied = reference.some((o, j) => j !== i && o.id === f.id && close(o.score, r.score));
      expect(tied, `${context}: #${i} is ${f.id}, MiniSearch has ${r.id}`).toBe(true);
    }
  }
}

async function compare(fast: Bm25Index, mini: MiniSearchIndex, rand: () => number, docs: KeywordDoc[], label: string): Promise<number> {
  await mini.vacuum(); // a clean MiniSearch (see MiniSearchIndex.vacuum)
  expect(fast.status().size).toBe(mini.status().size);
  let nonEmpty = 0;
  for (let q = 0; q < 15; q++) {
    const query = randomQuery(rand, docs);
    const k = 1 + Math.floor(rand() * 12);
    const options = rand() < 0.4 ? { allowedIds: docs.filter(() => rand() < 0.3).map((d) => d.id) } : undefined;
    const a = fast.search(query, k, options);
    const b = mini.search(query, k, options);
    expect(a.tokens).toEqual(b.tokens);
    expectSameHits(a.hits, b.hits, `${label} query ${JSON.stringify(query)} k ${k}${options ? ' filtered' : ''}`);
    if (b.hits.length > 0) nonEmpty++;
  }
  return nonEmpty;
}

describe('Bm25Index agrees with MiniSearch', () => {
  it('on random English and Chinese corpora, with filters, removals, replacements and additions', async () => {
    let nonEmpty = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const rand = mulberry32(seed);
      const n = 5 + Math.floor(rand() * 120);
      let docs: KeywordDoc[] = Array.from({ length: n }, (_, i) => ({ id: `d${Math.floor(rand() * n * 2)}-${i % 7}`, text: randomText(rand) }));
      const fast = new Bm25Index();
      const mini = new MiniSearchIndex();
      fast.build(docs);
      mini.build(docs);
      docs = [...new Map(docs.map((d) => [d.id, d])).values()];
      nonEmpty += await compare(fast, mini, rand, docs, `seed ${seed} built`);

      // Remove some (and an unknown id), replace some, add new ones: twice, so that slots get compacted.
      for (let round = 0; round < 2; round++) {
        const gone = docs.filter(() => rand() < 0.35).map((d) => d.id);
        fast.remove([...gone, 'unknown']);
        mini.remove([...gone, 'unknown']);
        docs = docs.filter((d) => !gone.includes(d.id));
        const changed = [
          ...docs.filter(() => rand() < 0.2).map((d) => ({ id: d.id, text: randomText(rand) })),
          ...Array.from({ length: Math.floor(rand() * 20) }, (_, i) => ({ id: `new${round}-${i}`, text: randomText(rand) })),
        ];
        fast.add(changed);
        mini.add(changed);
        docs = [...new Map([...docs, ...changed].map((d) => [d.id, d])).values()];
        nonEmpty += await compare(fast, mini, rand, docs, `seed ${seed} round ${round}`);
      }
    }
    expect(nonEmpty).toBeGreaterThan(300); // the queries did find things
  });

  it('when the chunks added since are merged into the inverted index, and through a saved copy', async () => {
    let nonEmpty = 0;
    for (let seed = 21; seed <= 28; seed++) {
      const rand = mulberry32(seed);
      const n = 20 + Math.floor(rand() * 100);
      let docs: KeywordDoc[] = Array.from({ length: n }, (_, i) => ({ id: `d${i}`, text: randomText(rand) }));
      const fast = new Bm25Index();
      const mini = new MiniSearchIndex();
      fast.build(docs);
      mini.build(docs);
      // A few removed (fewer than a quarter: no compaction), some added and replaced: dead slots in the
      // inverted index and among the forward lists, then merged.
      const gone = docs.filter(() => rand() < 0.1).map((d) => d.id);
      const changed = [
        ...docs.filter((d) => !gone.includes(d.id) && rand() < 0.05).map((d) => ({ id: d.id, text: randomText(rand) })),
        ...Array.from({ length: 5 + Math.floor(rand() * 10) }, (_, i) => ({ id: `new-${i}`, text: randomText(rand) })),
      ];
      fast.remove(gone);
      mini.remove(gone);
      fast.add(changed);
      mini.add(changed);
      fast.remove(changed.slice(-2).map((d) => d.id));
      mini.remove(changed.slice(-2).map((d) => d.id));
      docs = [...new Map([...docs.filter((d) => !gone.includes(d.id)), ...changed.slice(0, -2)].map((d) => [d.id, d])).values()];
      nonEmpty += await compare(fast, mini, rand, docs, `seed ${seed} pending`);
      fast.reindex();
      nonEmpty += await compare(fast, mini, rand, docs, `seed ${seed} merged`);
      const copy = new Bm25Index();
      copy.loadSaved(fast.toSaved('k'), 'k');
      nonEmpty += await compare(copy, mini, rand, docs, `seed ${seed} saved and loaded`);
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('with term counts beyond 255 and 65,535 in a chunk', async () => {
    const docs: KeywordDoc[] = [
      { id: 'a', text: 'lava rock '.repeat(10) },
      { id: 'b', text: 'lava '.repeat(300) + 'tea' },
      { id: 'c', text: 'rock '.repeat(70_000) + 'lava' },
      { id: 'd', text: 'tea lava' },
    ];
    const fast = new Bm25Index();
    const mini = new MiniSearchIndex();
    // Added one by one: the counts outgrow their arrays after the first chunks are indexed.
    fast.build(docs.slice(0, 1));
    mini.build(docs.slice(0, 1));
    for (const doc of docs.slice(1)) {
      fast.add([doc]);
      mini.add([doc]);
      for (const query of ['lava', 'rock', 'tea lava rock']) expectSameHits(fast.search(query, 4).hits, mini.search(query, 4).hits, `${doc.id}: ${query}`);
      fast.reindex();
      for (const query of ['lava', 'rock', 'tea lava rock'])
        expectSameHits(fast.search(query, 4).hits, mini.search(query, 4).hits, `${doc.id} merged: ${query}`);
    }
    expect(fast.toSaved('k').tf).toContain(70_000);
  });

  it('removes everything and starts again', () => {
    const fast = new Bm25Index();
    fast.build([
      { id: 'a', text: 'tea' },
      { id: 'b', text: 'tea coffee' },
    ]);
    expect(fast.remove(['a', 'b']).size).toBe(0);
    expect(fast.search('tea', 5).hits).toEqual([]);
    fast.add([{ id: 'c', text: 'coffee' }]);
    expect(fast.search('coffee tea', 5).hits.map((h) => h.id)).toEqual(['c']);
  });
});

describe('Bm25Index saved copies', () => {
  it("loads an index saved before postings were held once (each chunk's terms in first-seen order), with the same scores", () => {
    const rand = mulberry32(9);
    const docs: KeywordDoc[] = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, text: randomText(rand) }));
    // What the earlier engine saved: its forward lists, i.e. the chunks' term counts as countTerms makes them.
    const old = {
      version: SAVED_KEYWORD_INDEX_VERSION,
      key: 'k',
      analysis: RAW_KEYWORD_ANALYSIS,
      ids: docs.map((d) => d.id),
      ...countTerms(docs.map((d) => d.text)),
    };
    const loaded = new Bm25Index();
    loaded.loadSaved(old, 'k');
    const built = new Bm25Index();
    built.build(docs);
    for (let q = 0; q < 40; q++) {
      const query = randomQuery(rand, docs);
      expect(loaded.search(query, 10).hits, query).toEqual(built.search(query, 10).hits);
    }
    // Saved again, it holds the same chunks and counts (an indexed chunk's terms now in term order).
    const again = loaded.toSaved('k');
    expect(again.ids).toEqual(old.ids);
    expect(again.terms).toEqual(old.terms);
    expect(Array.from(again.start)).toEqual(Array.from(old.start));
    for (let i = 0; i < docs.length; i++) {
      const pairs = (s: { termIds: Int32Array; tf: Int32Array }, from: number, to: number) =>
        Array.from(s.termIds.subarray(from, to), (t, j) => `${t}:${s.tf[from + j]}`).sort();
      expect(pairs(again, again.start[i]!, again.start[i + 1]!)).toEqual(pairs(old, old.start[i]!, old.start[i + 1]!));
    }
  });
});

describe('Bm25Index memory', () => {
  it('holds each posting once, in 5 bytes (slot and a narrow count), once built', () => {
    const rand = mulberry32(5);
    const docs: KeywordDoc[] = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, text: randomText(rand) }));
    const index = new Bm25Index();
    index.build(docs.slice(0, 1000));
    index.add(docs.slice(1000)); // grown, then merged
    index.reindex();
    const saved = index.toSaved('k');
    const postings = saved.termIds.length;
    const perSlot = 1 + 4; // live, length
    const perTerm = 2 * 4 + 4; // df (grown by doubling), the start of its postings
    expect(postings).toBeGreaterThan(docs.length * 5);
    expect(index.heldBytes()).toBeLessThanOrEqual(postings * 5 + docs.length * perSlot + saved.terms.length * perTerm + 64);
  });
});

describe('posting slots as varint gaps', () => {
  it('decode to the slots encoded, for gaps of one to five bytes and empty terms', () => {
    const rand = mulberry32(11);
    const lists: number[][] = [[], [0], [0, 1, 2, 3], [127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, 2_000_000_000], []];
    for (let t = 0; t < 50; t++) {
      let slot = Math.floor(rand() * 1000);
      lists.push(Array.from({ length: Math.floor(rand() * 40) }, () => (slot += 1 + Math.floor(rand() ** 4 * 3_000_000))));
    }
    const postStart = new Int32Array(lists.length + 1);
    lists.forEach((l, t) => (postStart[t + 1] = postStart[t]! + l.length));
    const postSlot = Int32Array.from(lists.flat());
    const [byteStart, bytes] = encodeSlotGaps(postStart, postSlot, lists.length);
    expect(Array.from(decodeSlotGaps(postStart, byteStart, bytes, lists.length))).toEqual(lists.flat());
    // Gaps 127, 1, 16255, 1, 2080767, 1, 266338303, 1, 1731564544: 1 + 1 + 2 + 1 + 3 + 1 + 4 + 1 + 5 bytes.
    expect(byteStart[4]! - byteStart[3]!).toBe(19);
  });

  it('keep a built index of short chunks under 3 bytes a posting', () => {
    const rand = mulberry32(5);
    const docs: KeywordDoc[] = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, text: randomText(rand) }));
    const index = new Bm25Index();
    index.build(docs);
    const saved = index.toSaved('k');
    const postings = saved.termIds.length;
    const perSlot = 1 + 4; // live, length
    const perTerm = 2 * 4 + 4 + 4; // df (grown by doubling), the start of its counts and of its slots' bytes
    expect(index.heldBytes()).toBeLessThanOrEqual(postings * 3 + docs.length * perSlot + saved.terms.length * perTerm + 64);
  });
});
