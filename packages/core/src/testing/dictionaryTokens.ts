// The plain definition of the dictionary-script tokens (tokenize.ts), for the tokeniser's tests: segment
// each run with ICU, then per stretch of consecutive Han / kana words, the bigrams of its characters (code
// points) except those that already are a two-character word, after its words.

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+$/u;

/** The dictionary-script tokens of text (the runs joined by line breaks): ICU's words, then each stretch's bigrams. */
export function dictionaryTokens(text: string): string[] {
  const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
  const out: string[] = [];
  let chars: string[] = [];
  let pairs = new Set<number>();
  const flush = () => {
    if (chars.length > 2) for (let i = 0; i + 1 < chars.length; i++) if (!pairs.has(i)) out.push(chars[i]! + chars[i + 1]!);
    chars = [];
    pairs = new Set();
  };
  for (const part of segmenter.segment(text)) {
    if (!part.isWordLike) {
      flush();
      continue;
    }
    out.push(part.segment);
    if (!CJK.test(part.segment)) {
      flush();
      continue;
    }
    const wordChars = [...part.segment];
    if (wordChars.length === 2) pairs.add(chars.length);
    chars.push(...wordChars);
  }
  flush();
  return out;
}
