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

/** Code units of the code point at i: 2 for a surrogate pair, else 1 (as the string iterator counts). */
function unitsAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function codePoints(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i += unitsAt(word, i)) n++;
  return n;
}

/**
 * The overlapping code-point bigrams of text[start, end), except those starting at the code-point offsets
 * in pairWordsAt (ascending): there a two-character word already is that bigram.
 */
function pushBigrams(text: string, start: number, end: number, pairWordsAt: number[], out: string[]): void {
  let next = 0;
  for (let i = start, at = 0; ; at++) {
    const j = i + unitsAt(text, i);
    if (j >= end) break;
    if (next < pairWordsAt.length && pairWordsAt[next] === at) next++;
    else out.push(text.slice(i, j + unitsAt(text, j)));
    i = j;
  }
}

/**
 * The words of runs of dictionary-script text, then the bigrams of their Han / kana stretches (runs of
 * consecutive Han / kana words). The runs are segmented in one call, joined by line breaks (one call per
 * run costs several times more); a stretch is a slice of that joined text.
 */
function pushDictionaryRuns(runs: string[], out: string[]): void {
  const joined = runs.join('\n');
  let stretchStart = -1;
  let stretchEnd = -1;
  let stretchLength = 0; // in code points
  let pairWordsAt: number[] = [];
  const flush = () => {
    if (stretchLength > 2) pushBigrams(joined, stretchStart, stretchEnd, pairWordsAt, out);
    if (stretchStart >= 0) {
      stretchStart = -1;
      stretchLength = 0;
      pairWordsAt = [];
    }
  };
  for (const part of segmenter.segment(joined)) {
    if (!part.isWordLike) {
      flush(); // the line break between two runs
      continue;
    }
    const word = part.segment;
    out.push(word);
    if (CJK.test(word)) {
      const length = codePoints(word);
      if (length === 2) pairWordsAt.push(stretchLength);
      if (stretchStart < 0) stretchStart = part.index;
      stretchEnd = part.index + word.length; // segments are adjacent: the stretch is one slice
      stretchLength += length;
    } else {
      flush(); // Thai and the like: words only
    }
  }
  flush();
}

/** The keyword-search tokens of a text (repeats kept: BM25 counts them; order is not meaningful). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const runs = text.normalize('NFKC').toLowerCase().match(RUNS);
  if (runs === null) return out;
  let dictionaryRuns: string[] | null = null;
  for (const run of runs) {
    // Every dictionary-script character is at U+0E00 (Thai) or above: most words skip the test.
    if (run.charCodeAt(0) >= 0x0e00 && DICT_START.test(run)) {
      (dictionaryRuns ??= []).push(run);
    } else if (run.length > 2 && run.charCodeAt(run.length - 1) === 0x73 && (run[run.length - 2] === "'" || run[run.length - 2] === '’')) {
      out.push(run.slice(0, -2)); // an English possessive 's (the regex puts a word character before it)
    } else {
      out.push(run);
    }
  }
  if (dictionaryRuns !== null) pushDictionaryRuns(dictionaryRuns, out);
  return out;
}

/** The distinct tokens of a query, in first-seen order (a repeated word does not count twice). */
export function queryTokens(query: string): string[] {
  return [...new Set(tokenize(query))];
}
