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
    expect(tokenize('火山灰。RAG检索')).toEqual(['火山灰', '火山', '山灰', 'rag', '检索']);
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
