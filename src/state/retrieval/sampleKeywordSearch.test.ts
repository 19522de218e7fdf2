// The issue-14 example: keyword search for "How do I measure retrieval quality with MRR?" over the sample
// corpus, chunked with the app's default settings, must rank the one document about MRR first with the
// default keyword analysis (stop words left out). Without it, common words ("how", "do", "i", "with") win.
import { describe, expect, it } from 'vitest';
import { SAMPLE_DOCUMENTS } from '../../content/sampleCorpus.ts';
import { chunkDocument } from '@openbook/core/chunkers/index';
import { DEFAULT_CHUNKER_SETTINGS } from '@openbook/core/chunkers/settings';
import { markdownSections } from '@openbook/core/markdownStructure';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS, RAW_KEYWORD_ANALYSIS, type KeywordAnalysis } from '@openbook/core/retrieval/keywordAnalysis';
import { Bm25Index } from '../../adapters/keywordIndex/bm25Index.ts';
import { indexedText } from '@openbook/core/retrieval/contextualHeader';

const chunks = SAMPLE_DOCUMENTS.flatMap((d) =>
  chunkDocument(
    { id: d.name, name: d.name, kind: d.kind, text: d.text, structure: d.kind === 'markdown' ? { sections: markdownSections(d.text) } : {} },
    DEFAULT_CHUNKER_SETTINGS.recursive,
  ),
);

function search(query: string, analysis: KeywordAnalysis, headers = false) {
  const index = new Bm25Index(analysis);
  index.build(chunks.map((c) => ({ id: c.id, text: indexedText(c, c.docId, headers) })));
  return index.search(query, 5);
}

const MRR_QUESTION = 'How do I measure retrieval quality with MRR?';

describe('keyword search over the sample corpus', () => {
  it('ranks the MRR document first for the MRR question with the default settings (stop words, stemming, headers)', () => {
    const { hits, tokens } = search(MRR_QUESTION, DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS);
    expect(tokens).toEqual(['measur', 'retriev', 'qualiti', 'mrr']);
    expect(hits[0]!.id.startsWith('evaluating-retrieval.md#')).toBe(true);
  });

  it('did not without stop words left out (the symptom of the issue)', () => {
    const { hits } = search(MRR_QUESTION, RAW_KEYWORD_ANALYSIS);
    expect(hits[0]!.id.startsWith('evaluating-retrieval.md#')).toBe(false);
  });

  it('changes the BM25 scores when stemming is switched on', () => {
    const plain = search('chunking embeddings', { stopWords: true, stemming: false });
    const stemmed = search('chunking embeddings', { stopWords: true, stemming: true });
    expect(stemmed.tokens).toEqual(['chunk', 'embed']);
    expect(stemmed.hits.map((h) => h.score)).not.toEqual(plain.hits.map((h) => h.score));
  });

  it('with contextual headers, finds chunks by their document title and section', () => {
    // "hit rate" is in the heading of the MRR section: with headers, each chunk under it matches.
    const plain = search('Evaluating retrieval hit rate', DEFAULT_KEYWORD_ANALYSIS);
    const headed = search('Evaluating retrieval hit rate', DEFAULT_KEYWORD_ANALYSIS, true);
    const fromEval = (r: typeof plain) => r.hits.filter((h) => h.id.startsWith('evaluating-retrieval.md#')).length;
    expect(fromEval(headed)).toBeGreaterThan(fromEval(plain));
  });
});
