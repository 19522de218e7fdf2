// Highlighting the question's keyword tokens in a chunk, in English and Chinese, as the tokeniser reads them.
import { describe, expect, it } from 'vitest';
import { highlightSpans, splitBySpans } from './highlight';

const marked = (text: string, question: string) =>
  splitBySpans(text, highlightSpans(text, question))
    .filter((p) => p.marked)
    .map((p) => p.text);

describe('highlightSpans', () => {
  it('marks whole English words, in any case, not parts of words', () => {
    expect(marked('Lava is hot. Hotter lava flows; LAVA cools.', 'How hot is lava?')).toEqual(['Lava', 'is', 'hot', 'lava', 'LAVA']);
  });

  it('keeps a possessive word and a word joined by a period whole', () => {
    expect(marked("The volcano's lava, see U.S.A. maps", 'volcano usa u.s.a')).toEqual(["volcano's", 'U.S.A']);
  });

  it('matches full-width letters as their normal form, with offsets into the original text', () => {
    const text = 'ＲＡＧ works';
    expect(highlightSpans(text, 'what is rag')).toEqual([{ start: 0, end: 3 }]);
  });

  it('marks Chinese words and bigrams the keyword search matches', () => {
    expect(marked('熔岩的温度很高，火山喷发时熔岩流出。', '熔岩的温度有多高？')).toEqual(['熔岩的温度', '熔岩']);
    // a bigram inside a longer word still matches, as BM25 matches it
    expect(marked('检索增强生成把检索到的分块放进提示词。', '增强')).toEqual(['增强']);
  });

  it('finds nothing for an empty question, punctuation or no shared word', () => {
    expect(highlightSpans('Lava is hot.', '')).toEqual([]);
    expect(highlightSpans('Lava is hot.', '?!')).toEqual([]);
    expect(highlightSpans('Lava is hot.', 'tea')).toEqual([]);
  });
});

describe('splitBySpans', () => {
  it('cuts the text into pieces that join back into it', () => {
    const text = 'a lava b';
    const pieces = splitBySpans(text, [{ start: 2, end: 6 }]);
    expect(pieces).toEqual([
      { text: 'a ', marked: false },
      { text: 'lava', marked: true },
      { text: ' b', marked: false },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(splitBySpans('', [])).toEqual([{ text: '', marked: false }]);
  });
});
