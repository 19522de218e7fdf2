// Tokens for keyword search (BM25), in English, Chinese and Japanese alike. Pure: Intl and RegExp only.
//
// The text is NFKC-normalised (full-width Latin and digits become ASCII) and lower-cased, then cut into
// runs: runs of scripts written without spaces (Han, hiragana, katakana, Thai, Lao, Khmer, Myanmar) are
// split into words by Intl.Segmenter (word granularity: ICU's dictionaries), keeping word-like segments;
// everything else is split by the word rules of Unicode's UAX #29 in a regular expression: letters, marks
// and digits, joined across an apostrophe or a period between them (don't, u.s.a, 3.14) and a comma
// between digits (1,200), with an English possessive "'s" dropped. (Intl.Segmenter gives the same words
// there, but is 15–25 times slower, and slower still, worse than linearly, on long texts.)
// ICU's dictionary can split a word it does not know, or a compound, differently in the question and in
// the text; so each run of Han and kana characters longer than two also gives its overlapping character
// bigrams (as Lucene's CJK analyser does), leaving out those that already are a two-character word.

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Characters of scripts written without spaces between words. */
const DICT_CHAR = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
/** A letter, mark, digit or underscore of any other script. */
const WORD_CHAR = String.raw`(?:(?![${DICT_CHAR}])[\p{L}\p{M}\p{N}_])`;
/** A run of dictionary-script characters, or a UAX #29-style word. */
const RUNS = new RegExp(
  String.raw`[${DICT_CHAR}]+|${WORD_CHAR}+(?:['’.]${WORD_CHAR}+|,\p{N}+)*`,
  'gu',
);
const DICT_START = new RegExp(`^[${DICT_CHAR}]`, 'u');
/** Han and kana: the characters that also give bigrams. */
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+$/u;

export function isCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * The words of runs of dictionary-script text, then the bigrams of their Han / kana stretches. The runs
 * are segmented in one call, joined by line breaks (one call per run costs several times more).
 */
function pushDictionaryRuns(runs: string[], out: string[]): void {
  let chars: string[] = [];
  let pairWordsAt = new Set<number>();
  const flush = () => {
    if (chars.length > 2) for (let i = 0; i + 1 < chars.length; i++) if (!pairWordsAt.has(i)) out.push(chars[i]! + chars[i + 1]!);
    if (chars.length > 0) {
      chars = [];
      pairWordsAt = new Set();
    }
  };
  for (const part of segmenter.segment(runs.join('\n'))) {
    if (!part.isWordLike) {
      flush(); // the line break between two runs
      continue;
    }
    const word = part.segment;
    out.push(word);
    if (CJK.test(word)) {
      const wordChars = [...word];
      if (wordChars.length === 2) pairWordsAt.add(chars.length);
      chars.push(...wordChars);
    } else {
      flush(); // Thai and the like: words only
    }
  }
  flush();
}

/** The keyword-search tokens of a text (repeats kept: BM25 counts them; order is not meaningful). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const dictionaryRuns: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(RUNS)) {
    const run = match[0];
    if (DICT_START.test(run)) {
      dictionaryRuns.push(run);
    } else {
      const word = run.endsWith("'s") || run.endsWith('’s') ? run.slice(0, -2) : run;
      if (word !== '') out.push(word);
    }
  }
  if (dictionaryRuns.length > 0) pushDictionaryRuns(dictionaryRuns, out);
  return out;
}

/** The distinct tokens of a query, in first-seen order (a repeated word does not count twice). */
export function queryTokens(query: string): string[] {
  return [...new Set(tokenize(query))];
}
