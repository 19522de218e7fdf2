import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dictionaryTokens } from '../testing/dictionaryTokens';
import { mulberry32 } from '../testing/seededRandom';
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

describe('tokenize: CJK bigrams', () => {
  // The plain definition (testing/dictionaryTokens.ts).
  const reference = dictionaryTokens;

  it('are the bigrams of each stretch of Han and kana words, astral characters included', () => {
    const rand = mulberry32(5);
    const alphabet = [...'熔岩的温度火山灰东京都に住んでいますカタカナー々〆𠀀𠀁𩸽ภาษาไทย', '。', '\n'];
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const n = 1 + Math.floor(rand() * 30);
      for (let j = 0; j < n; j++) text += alphabet[Math.floor(rand() * alphabet.length)];
      expect(tokenize(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});

describe('tokenize: the run scan', () => {
  // The regular expression the scan in tokenize follows (tokenize.ts, RUN): the words outside the dictionary
  // scripts must be exactly its matches, less an English possessive 's.
  const DICT_CHAR = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
  const W = String.raw`(?:(?![${DICT_CHAR}])[\p{L}\p{M}\p{N}_])`;
  const RUNS = new RegExp(String.raw`[${DICT_CHAR}]+|${W}+(?:['’.]${W}+|,\p{N}+)*`, 'gu');
  const DICT_START = new RegExp(`^[${DICT_CHAR}]`, 'u');
  const reference = (text: string) =>
    (text.normalize('NFKC').toLowerCase().match(RUNS) ?? [])
      .filter((run) => !DICT_START.test(run))
      .map((run) => (run.length > 2 && /['’]s$/.test(run) ? run.slice(0, -2) : run));

  it('finds the words the regular expression finds, on random mixes of tricky characters', () => {
    // Letters, digits (ASCII, Thai, Han 〇), the joiners and near-joiners, marks, a surrogate pair, lone surrogates.
    const pieces = ['a', 'S', 's', 'é', '1', '٣', '๕', '〇', "'", '’', '.', ',', '_', '-', ' ', '\u0301', 'ß', 'ﬁ', 'Ａ', '𝐀', '\ud835', '\udc00', 'ä'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const expected = reference(text);
        const tokens = tokenize(text); // those words, then the dictionary-script ones (here from 〇 and ๕)
        expect(tokens.slice(0, expected.length)).toEqual(expected);
        expect(tokens.slice(expected.length).every((token) => DICT_START.test(token))).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
