// A build shared with tokeniser workers must leave the same index as a one-thread build: same size, and
// the same hits with the same scores for every query. The tokenisers here run in-process (the app's run in
// Web Workers, the benchmark's in worker_threads); what crosses is the same counted form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countTerms, type TermCounts } from '@openbook/core/retrieval/termCounts';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../content/sampleCorpus';
import { mulberry32 } from '@openbook/core/testing/seededRandom';
import { Bm25Index } from './bm25Index';
import type { KeywordDoc } from './keywordIndex';
import { buildInParallel, splitByLength, type KeywordBuildTarget, type KeywordTokenizer } from './parallelBuild';

const SENTENCES = SAMPLE_DOCUMENTS.flatMap((d) => d.text.split(/(?<=[.!?。！？])\s*/)).filter((s) => s.trim().length > 5);

function corpus(n: number, seed: number): KeywordDoc[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const parts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => SENTENCES[Math.floor(rand() * SENTENCES.length)]!);
    return { id: `c${i}`, text: parts.join(' ') };
  });
}

/** An in-process index as the build's target (as keywordIndex.worker.ts exposes it), counting addCounted calls. */
function targetOf(index: Bm25Index): KeywordBuildTarget & { countedCalls: number } {
  const target = {
    countedCalls: 0,
    build: (docs: KeywordDoc[]) => index.build(docs),
    add: (docs: KeywordDoc[]) => index.add(docs),
    addCounted: (ids: string[], counts: TermCounts) => {
      target.countedCalls++;
      return index.addCounted(ids, counts);
    },
    reindex: () => index.reindex(),
  };
  return target;
}

// Through structuredClone, as between threads.
const tokenizer: KeywordTokenizer = { countTerms: async (texts) => structuredClone(countTerms(texts)) };
const failing: KeywordTokenizer = { countTerms: () => Promise.reject(new Error('worker died')) };
const malformed: KeywordTokenizer = { countTerms: async (texts) => ({ ...countTerms(texts), terms: [] }) };

function expectSameIndex(parallel: Bm25Index, serial: Bm25Index, docs: KeywordDoc[]): void {
  expect(parallel.status()).toEqual(serial.status());
  const rand = mulberry32(7);
  const queries = [...SAMPLE_QUESTIONS.map((q) => q.question), ...Array.from({ length: 30 }, () => docs[Math.floor(rand() * docs.length)]!.text.slice(0, 40))];
  for (const query of queries) {
    const a = parallel.search(query, 10);
    const b = serial.search(query, 10);
    expect(a.hits, query).toEqual(b.hits);
  }
}

describe('splitByLength', () => {
  it('cuts docs into contiguous parts, in order, whose lengths follow the weights', () => {
    const docs = Array.from({ length: 100 }, (_, i) => ({ id: `d${i}`, text: 'x'.repeat(100) }));
    const parts = splitByLength(docs, [1, 1, 2]);
    expect(parts.map((p) => p.length)).toEqual([25, 25, 50]);
    expect(parts.flat()).toEqual(docs);
  });

  it('keeps every doc exactly once for any lengths and weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 500 }), { maxLength: 60 }),
        fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (lengths, weights) => {
          const docs = lengths.map((l, i) => ({ id: `d${i}`, text: 'y'.repeat(l) }));
          const parts = splitByLength(docs, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.flat()).toEqual(docs);
        },
      ),
    );
  });
});

describe('buildInParallel', () => {
  const docs = corpus(1500, 11);

  it('leaves the same index as a one-thread build, with one, two or three tokenisers', async () => {
    const serial = new Bm25Index();
    serial.build(docs);
    for (const count of [1, 2, 3]) {
      const parallel = new Bm25Index();
      const target = targetOf(parallel);
      await buildInParallel(
        docs,
        target,
        Array.from({ length: count }, () => tokenizer),
      );
      expect(target.countedCalls).toBe(count); // each tokeniser's part really came counted
      expectSameIndex(parallel, serial, docs);
    }
  });

  it('replaces what the index held before', async () => {
    const index = new Bm25Index();
    index.build(corpus(50, 99).map((d) => ({ ...d, id: `old-${d.id}` })));
    await buildInParallel(docs, targetOf(index), [tokenizer]);
    const serial = new Bm25Index();
    serial.build(docs);
    expectSameIndex(index, serial, docs);
  });

  it('tokenises the part of a tokeniser that failed, or sent malformed counts, itself', async () => {
    const serial = new Bm25Index();
    serial.build(docs);
    for (const bad of [failing, malformed]) {
      const parallel = new Bm25Index();
      const target = targetOf(parallel);
      await buildInParallel(docs, target, [tokenizer, bad]);
      expect(target.countedCalls).toBe(bad === failing ? 1 : 2);
      expectSameIndex(parallel, serial, docs);
    }
  });

  it('handles fewer chunks than workers, and none', async () => {
    const one = [{ id: 'a', text: 'lava is hot 熔岩的温度' }];
    const index = new Bm25Index();
    expect((await buildInParallel(one, targetOf(index), [tokenizer, tokenizer, tokenizer])).size).toBe(1);
    expect(index.search('lava', 5).hits.map((h) => h.id)).toEqual(['a']);
    expect(index.search('温度', 5).hits.map((h) => h.id)).toEqual(['a']);
    expect((await buildInParallel([], targetOf(index), [tokenizer])).size).toBe(0);
  });
});
