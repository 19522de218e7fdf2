import { describe, expect, it } from 'vitest';
import { analyze, analyzedQueryTokens, DEFAULT_KEYWORD_ANALYSIS, isStopWord, RAW_KEYWORD_ANALYSIS, sanitizeKeywordAnalysis } from './keywordAnalysis';
import { countTerms, tokensOf } from './termCounts';

const STEM = { stopWords: false, stemming: true };
const BOTH = { stopWords: true, stemming: true };

describe('keyword analysis', () => {
  it('drops English stop words from a question, keeping its content words', () => {
    expect(analyzedQueryTokens('How do I measure retrieval quality with MRR?', { stopWords: true, stemming: false })).toEqual([
      'measure',
      'retrieval',
      'quality',
      'mrr',
    ]);
    expect(analyzedQueryTokens('How do I measure retrieval quality with MRR?', RAW_KEYWORD_ANALYSIS)).toEqual([
      'how',
      'do',
      'i',
      'measure',
      'retrieval',
      'quality',
      'with',
      'mrr',
    ]);
  });

  it('drops Chinese stop words (whole words), keeping the content words and bigrams', () => {
    const raw = analyze('这是一个关于检索的问题，我们在这里讨论', RAW_KEYWORD_ANALYSIS);
    const kept = analyze('这是一个关于检索的问题，我们在这里讨论', DEFAULT_KEYWORD_ANALYSIS);
    for (const stop of ['这', '是', '的', '在']) {
      expect(raw).toContain(stop);
      expect(kept).not.toContain(stop);
    }
    for (const word of ['检索', '问题', '讨论']) expect(kept).toContain(word);
    expect(isStopWord('的')).toBe(true);
    expect(isStopWord('模型')).toBe(false);
  });

  it('stems English words when asked, and leaves Chinese and numbers alone', () => {
    expect(analyze('Chunks chunking chunked', STEM)).toEqual(['chunk', 'chunk', 'chunk']);
    expect(analyze('Chunks chunking chunked', RAW_KEYWORD_ANALYSIS)).toEqual(['chunks', 'chunking', 'chunked']);
    expect(analyze('embeddings 向量 3.14', STEM).sort()).toEqual(['3.14', 'embed', '向量']);
    expect(analyze('the embeddings of the chunks', BOTH)).toEqual(['embed', 'chunk']);
  });

  it('counts terms under an analysis (what the keyword index holds)', () => {
    const counts = countTerms(['The chunks and the chunking'], BOTH);
    expect(tokensOf(counts, 0).sort()).toEqual(['chunk', 'chunk']);
    expect(tokensOf(countTerms(['The chunks']), 0).sort()).toEqual(['chunks', 'the']);
  });

  it('makes a stored analysis safe', () => {
    expect(sanitizeKeywordAnalysis(null)).toEqual(DEFAULT_KEYWORD_ANALYSIS);
    expect(sanitizeKeywordAnalysis({ stopWords: false, stemming: 'yes' })).toEqual({ stopWords: false, stemming: DEFAULT_KEYWORD_ANALYSIS.stemming });
  });
});
