// Tokens for keyword search (BM25), in English, Chinese and Japanese alike. Pure: Intl and RegExp only.
//
// The text is NFKC-normalised (full-width Latin and digits become ASCII) and lower-cased, then cut into
// runs: runs of scripts written without spaces (Han, hiragana, katakana, Thai, Lao, Khmer, Myanmar) are
// split into words by Intl.Segmenter (word granularity: ICU's dictionaries), keeping word-like segments;
// everything else is split by the word rules of Unicode's UAX #29 (a scan over code points, each classed once
// by regular expressions; see RUN below): letters, marks
// and digits, joined across an apostrophe or a period between them (don't, u.s.a, 3.14) and a comma
// between digits (1,200), with an English possessive "'s" dropped. (Intl.Segmenter gives the same words
// there, but is 15–25 times slower, and slower still, worse than linearly, on long texts.)
// ICU's dictionary can split a word it does not know, or a compound, differently in the question and in
// the text; so each run of Han and kana characters longer than two also gives its overlapping character
// bigrams (as Lucene's CJK analyser does), leaving out those that already are a two-character word.

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Characters of scripts written without spaces between words. */
const DICT_CHAR = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
/** Han and kana: the characters that also give bigrams. */
const CJK_CHAR = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆`;
const CJK = new RegExp(`^[${CJK_CHAR}]+$`, 'u');

export function isCjk(text: string): boolean {
  return CJK.test(text);
}

// RUN: the runs are found by a scan over code points, each classed once, that matches exactly as the
// regular expression   [DICT_CHAR]+ | W+ (?: ['’.] W+ | , \p{N}+ )*   with W = (?![DICT_CHAR])[\p{L}\p{M}\p{N}_]
// (which took a sixth of the tokenising time) would, left to right and greedily.
/** Class bits of a code point: DICT (a DICT_CHAR), WORD (W above), NUM (\p{N}), CJK (Han / kana); KNOWN once classed. */
const DICT = 1;
const WORD = 2;
const NUM = 4;
const CJK_BIT = 8;
const KNOWN = 16;
const IS_DICT = new RegExp(`^[${DICT_CHAR}]$`, 'u');
const IS_CJK = new RegExp(`^[${CJK_CHAR}]$`, 'u');
const IS_WORD = /^[\p{L}\p{M}\p{N}_]$/u;
const IS_NUM = /^\p{N}$/u;
let classes: Uint8Array | null = null;

function classOf(cp: number): number {
  const table = (classes ??= new Uint8Array(0x110000));
  let c = table[cp]!;
  if (c === 0) {
    const ch = String.fromCodePoint(cp);
    c = KNOWN;
    if (IS_DICT.test(ch)) c |= DICT;
    else if (IS_WORD.test(ch)) c |= WORD;
    if (IS_NUM.test(ch)) c |= NUM;
    if (IS_CJK.test(ch)) c |= CJK_BIT;
    table[cp] = c;
  }
  return c;
}

/** The code point at i (a lone surrogate stands for itself, as the regular expressions' u flag reads it). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** The length in code points of a word whose every code point is Han or kana; else (or when empty) -1. */
function cjkLength(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; n++) {
    const cp = codePointAt(word, i);
    if ((classOf(cp) & CJK_BIT) === 0) return -1;
    i += cp > 0xffff ? 2 : 1;
  }
  return n > 0 ? n : -1;
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
 * The tokens of each run of dictionary-script text that was met before (run → its words, then the bigrams
 * of its Han / kana stretches), so that ICU segments each distinct run once: segmenting is most of the
 * tokenising time of Chinese and Japanese (~1 µs a word, whatever the word), and runs (the text between two
 * punctuation marks, spaces or Latin words) recur: a chunk's overlap with the one before it, repeated
 * phrases, headings, and every chunk again when the index is rebuilt. Bounded: emptied when full; runs
 * longer than RUN_CACHE_MAX_LENGTH (which rarely recur) are not kept. A run's tokens depend on the run
 * alone (runs are segmented between line breaks, which always end a word), so they are the same whether
 * they come from here or from the segmenter.
 */
const runCache = new Map<string, readonly string[]>();
const RUN_CACHE_MAX_ENTRIES = 50_000;
const RUN_CACHE_MAX_LENGTH = 32;

/**
 * A run as a string of its own: a slice of 13 or more code units can share (and so keep alive) the whole
 * text it was cut from, here a chunk's text, which a cache key must not.
 */
const ownCopy = (run: string): string => (run.length < 13 ? run : run.split('').join(''));

/** Forget the runs met so far (for tests and benchmarks; the cache is bounded on its own). */
export function clearTokenizeCache(): void {
  runCache.clear();
}

/**
 * The words of runs of dictionary-script text, then the bigrams of their Han / kana stretches (runs of
 * consecutive Han / kana words), run after run. Runs met before come from runCache; the others are
 * segmented in one call, joined by line breaks (one call per run costs several times more); a stretch is a
 * slice of that joined text.
 */
function pushDictionaryRuns(runs: string[], out: string[]): void {
  const known: (readonly string[] | undefined)[] = new Array(runs.length);
  let missing: string[] | null = null;
  for (let r = 0; r < runs.length; r++) {
    const hit = runCache.get(runs[r]!);
    if (hit !== undefined) known[r] = hit;
    else (missing ??= []).push(runs[r]!);
  }
  if (missing !== null) {
    const segmented = segmentRuns(missing);
    if (runCache.size + missing.length > RUN_CACHE_MAX_ENTRIES) runCache.clear();
    for (let m = 0, r = 0; m < missing.length; m++, r++) {
      while (known[r] !== undefined) r++;
      known[r] = segmented[m]!;
      if (missing[m]!.length <= RUN_CACHE_MAX_LENGTH) runCache.set(ownCopy(missing[m]!), segmented[m]!);
    }
  }
  for (const tokens of known) for (let j = 0; j < tokens!.length; j++) out.push(tokens![j]!);
}

/** The tokens of each run (its words, then the bigrams of its Han / kana stretches), segmenting them in one call. */
function segmentRuns(runs: string[]): string[][] {
  const joined = runs.join('\n');
  const result: string[][] = runs.map(() => []);
  let run = 0;
  let runEnd = runs[0]!.length; // where run `run` ends in joined
  let out = result[0]!;
  let stretchStart = -1;
  let stretchEnd = -1;
  let stretchLength = 0; // in code points
  const pairWordsAt: number[] = [];
  const flush = () => {
    if (stretchLength > 2) pushBigrams(joined, stretchStart, stretchEnd, pairWordsAt, out);
    if (stretchStart >= 0) {
      stretchStart = -1;
      stretchLength = 0;
      pairWordsAt.length = 0;
    }
  };
  for (const part of segmenter.segment(joined)) {
    if (part.index >= runEnd) {
      flush(); // a stretch ends with its run
      while (part.index >= runEnd) {
        run++;
        runEnd += 1 + runs[run]!.length;
      }
      out = result[run]!;
    }
    if (!part.isWordLike) {
      flush();
      continue;
    }
    const word = part.segment;
    out.push(word);
    const length = cjkLength(word);
    if (length > 0) {
      if (length === 2) pairWordsAt.push(stretchLength);
      if (stretchStart < 0) stretchStart = part.index;
      stretchEnd = part.index + word.length; // segments are adjacent: the stretch is one slice
      stretchLength += length;
    } else {
      flush(); // Thai and the like: words only
    }
  }
  flush();
  return result;
}

/** The keyword-search tokens of a text (repeats kept: BM25 counts them; order is not meaningful). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  text = text.normalize('NFKC').toLowerCase();
  const n = text.length;
  let dictionaryRuns: string[] | null = null;
  let i = 0;
  while (i < n) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800) cp = codePointAt(text, i);
    const c = classOf(cp);
    const start = i;
    i += cp > 0xffff ? 2 : 1;
    if (c & DICT) {
      while (i < n) {
        const d = codePointAt(text, i);
        if ((classOf(d) & DICT) === 0) break;
        i += d > 0xffff ? 2 : 1;
      }
      (dictionaryRuns ??= []).push(text.slice(start, i));
      continue;
    }
    if ((c & WORD) === 0) continue;
    // W+ (?: ['’.] W+ | , \p{N}+ )*
    for (;;) {
      while (i < n) {
        const d = codePointAt(text, i);
        if ((classOf(d) & WORD) === 0) break;
        i += d > 0xffff ? 2 : 1;
      }
      // after W+ or \p{N}+: a separator and what must follow it
      let more = false;
      while (i + 1 < n) {
        const sep = text.charCodeAt(i);
        const next = codePointAt(text, i + 1);
        const nc = classOf(next);
        if ((sep === 0x27 || sep === 0x2019 || sep === 0x2e) && nc & WORD) {
          i += next > 0xffff ? 3 : 2;
          more = true; // then W+
          break;
        }
        if (sep === 0x2c && nc & NUM) {
          i += next > 0xffff ? 3 : 2;
          while (i < n) {
            const d = codePointAt(text, i);
            if ((classOf(d) & NUM) === 0) break;
            i += d > 0xffff ? 2 : 1;
          }
          continue; // then another separator, or the end
        }
        break;
      }
      if (!more) break;
    }
    const run = text.slice(start, i);
    if (run.length > 2 && run.charCodeAt(run.length - 1) === 0x73 && (run[run.length - 2] === "'" || run[run.length - 2] === '’')) {
      out.push(run.slice(0, -2)); // an English possessive 's (a word character comes before it)
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
