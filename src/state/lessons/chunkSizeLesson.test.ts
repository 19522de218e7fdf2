// The chunk-size lesson's claim, checked on the sample corpus with the evaluation's own pieces: keyword
// search (BM25, default analysis and headers) at the lesson's chunk sizes finds the answer in the top 2
// for a different share of the sample questions.
import { expect, it } from 'vitest';
import { SAMPLE_DOCUMENTS, SAMPLE_QUESTIONS } from '../../content/sampleCorpus';
import { chunkDocument } from '@openbook/core/chunkers/index';
import { markdownSections } from '@openbook/core/markdownStructure';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS } from '@openbook/core/retrieval/keywordAnalysis';
import { indexedText } from '@openbook/core/retrieval/contextualHeader';
import { relevanceMatcher } from '@openbook/core/evaluation/relevance';
import { chunkSizeComparison } from '@openbook/core/lessons/chunkSizeComparison';
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import { Bm25Index } from '../../adapters/keywordIndex/bm25Index';

function hitRate(chunking: ChunkerSettings, k: number): number {
  const chunks = SAMPLE_DOCUMENTS.flatMap((d) =>
    chunkDocument(
      { id: d.name, name: d.name, kind: d.kind, text: d.text, structure: d.kind === 'markdown' ? { sections: markdownSections(d.text) } : {} },
      chunking,
    ),
  );
  const byId = new Map(chunks.map((c) => [c.id, c]));
  const index = new Bm25Index(DEFAULT_KEYWORD_ANALYSIS);
  index.build(chunks.map((c) => ({ id: c.id, text: indexedText(c, c.docId, DEFAULT_KEYWORD_HEADERS) })));
  const found = SAMPLE_QUESTIONS.filter((q) => {
    const relevant = relevanceMatcher(q);
    return index.search(q.question, k).hits.some((h) => relevant({ documentName: byId.get(h.id)!.docId, text: byId.get(h.id)!.text }));
  });
  return found.length / SAMPLE_QUESTIONS.length;
}

it('the lesson’s three chunk sizes give three different hit rates on the sample questions', () => {
  const configs = chunkSizeComparison(() => 'id');
  const rates = configs.map((c) => hitRate(c.chunking!, c.topK as number));
  expect(rates.slice(0, 3)).toEqual([0.5, 0.9, 1]);
});

it('at 200 characters a heading ends a chunk; the overlap carries it into the next, without overlap its section starts the next without it', () => {
  const doc = SAMPLE_DOCUMENTS.find((d) => d.name === 'what-is-rag.md')!;
  const heading = '## Why it reduces hallucination';
  const chunked = (overlap: number) =>
    chunkDocument(
      { id: doc.name, name: doc.name, kind: doc.kind, text: doc.text, structure: { sections: markdownSections(doc.text) } },
      { kind: 'recursive', chunkSize: 200, overlap },
    );
  for (const [overlap, carried] of [
    [50, true],
    [0, false],
  ] as const) {
    const chunks = chunked(overlap);
    const at = chunks.findIndex((c) => c.text.trimEnd().endsWith(heading));
    expect(at, `overlap ${overlap}`).toBeGreaterThan(-1);
    expect(chunks[at + 1]!.text).toContain('A hallucination is');
    expect(chunks[at + 1]!.text.includes(heading), `overlap ${overlap}`).toBe(carried);
  }
});
