import { describe, expect, it } from 'vitest';
import { queryTokens, tokenize } from './tokenize';

describe('tokenize', () => {
  it('splits English into lower-cased words, without punctuation or a possessive s', () => {
    expect(tokenize("RAG's answers: Tea, green-tea and 3.14!")).toEqual(['rag', 'answers', 'tea', 'green', 'tea', 'and', '3.14']);
  });

  it('folds full-width Latin letters to ASCII', () => {
    expect(tokenize('ＲＡＧ Ｔｅａ')).toEqual(['rag', 'tea']);
  });

  it('splits Chinese into words and adds the bigrams of each run that are not already words', () => {
    // ICU: 熔岩|的|温度; bigrams of the run 熔岩的温度: 熔岩 (a word), 岩的, 的温, 温度 (a word).
    expect(tokenize('熔岩的温度')).toEqual(['熔岩', '的', '温度', '岩的', '的温']);
  });

  it('ends a CJK run at punctuation and at Latin words', () => {
    expect(tokenize('火山灰。RAG检索')).toEqual(['rag', '火山灰', '火山', '山灰', '检索']);
  });

  it('splits Japanese (kanji and kana) too', () => {
    const tokens = tokenize('東京都に住んでいます');
    expect(tokens).toContain('東京');
    expect(tokens).toContain('都');
    expect(tokens).toContain('ます');
  });

  it('gives a query its distinct tokens only', () => {
    expect(queryTokens('tea TEA tea?')).toEqual(['tea']);
    expect(queryTokens('。，!')).toEqual([]);
  });
});

describe('tokenize agrees with Intl.Segmenter outside CJK', () => {
  it('gives the words the segmenter gives on English and other spaced scripts', () => {
    const text = "Don't stop: e-mail U.S.A. 3.14 1,200 café naïve Привет мир 안녕하세요 세계 under_score x2";
    const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
    const reference = [...segmenter.segment(text.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
    expect(tokenize(text)).toEqual(reference);
  });

  it('splits Thai with the segmenter, without bigrams', () => {
    const tokens = tokenize('ภาษาไทยง่ายนิดเดียว');
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join('')).toBe('ภาษาไทยง่ายนิดเดียว');
  });
});
