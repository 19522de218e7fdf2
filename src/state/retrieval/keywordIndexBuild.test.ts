// A large keyword build sends its chunks, ids and texts to the workers packed (packedDocs.ts), never as
// 100k objects or strings (a structured clone of each would stall the page), and builds the same index.
import { describe, expect, it, vi } from 'vitest';
import { countTerms, type TermCounts } from '@openbook/core/retrieval/termCounts';
import { DEFAULT_KEYWORD_ANALYSIS } from '@openbook/core/retrieval/keywordSettings';
import { Bm25Index } from '../../adapters/keywordIndex/bm25Index';
import { unpackKeywordDocs, unpackStrings, type PackedKeywordDocs, type PackedStrings } from '../../adapters/keywordIndex/packedDocs';
import type { KeywordDoc } from '../../adapters/keywordIndex/keywordIndex';

/** Whether each message's payload came as an array (unpacked). */
const sentArrays: boolean[] = [];

/** How many times a build let the tokenisers go (they are ended then, unless another build uses them). */
let released = 0;

vi.mock('../runtime/workers', () => ({
  // Two tokenisers, through structuredClone as between threads.
  getKeywordTokenizers: async () =>
    [0, 1].map(() => ({
      api: {
        countTerms: async (texts: string[] | PackedStrings, analysis?: Parameters<typeof countTerms>[1]) => {
          sentArrays.push(Array.isArray(texts));
          return structuredClone(countTerms(unpackStrings(structuredClone(texts)), analysis));
        },
      },
      terminate() {},
    })),
  releaseKeywordTokenizers: () => void released++,
}));

const { buildKeywordIndex, PARALLEL_MIN_CHARS } = await import('./keywordIndexBuild');

describe('buildKeywordIndex', () => {
  it('sends a large build packed to the index worker and the tokenisers, and builds what one thread builds', async () => {
    const words = 'lava magma volcano ash crater tea leaf oolong steep kettle river delta flood 火山 熔岩 茶叶 河流'.split(' ');
    const docs: KeywordDoc[] = Array.from({ length: 4000 }, (_, i) => ({
      id: `c${i}`,
      text: Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ') + ` n${i % 50}`,
    }));
    expect(docs.reduce((n, d) => n + d.text.length, 0)).toBeGreaterThanOrEqual(PARALLEL_MIN_CHARS);
    const index = new Bm25Index();
    const target = {
      setAnalysis: (a: typeof DEFAULT_KEYWORD_ANALYSIS) => index.setAnalysis(a),
      build: (d: KeywordDoc[] | PackedKeywordDocs) => (sentArrays.push(Array.isArray(d)), index.build(unpackKeywordDocs(structuredClone(d)))),
      add: (d: KeywordDoc[]) => index.add(d),
      addCounted: (ids: string[] | PackedStrings, counts: TermCounts) => (
        sentArrays.push(Array.isArray(ids)), index.addCounted(unpackStrings(structuredClone(ids)), counts)
      ),
      reindex: () => index.reindex(),
    };
    await buildKeywordIndex(target, docs, DEFAULT_KEYWORD_ANALYSIS);
    // build, two tokenisers, two addCounted
    expect(sentArrays).toEqual([false, false, false, false, false]);
    expect(released).toBe(1); // the tokenisers, once the build is done
    const serial = new Bm25Index();
    serial.setAnalysis(DEFAULT_KEYWORD_ANALYSIS);
    serial.build(docs);
    expect(index.status()).toEqual(serial.status());
    for (const query of ['lava tea', '火山 河流', 'n7 kettle']) expect(index.search(query, 10).hits).toEqual(serial.search(query, 10).hits);
  });
});
