// Unicode helpers for text splitting, on UTF-16 strings: character classes (JavaScript's whitespace, CJK
// sentence and clause punctuation, closing quotes and brackets), code point stepping and counting, and
// extended grapheme cluster boundaries (Intl.Segmenter, only where a boundary is not certain from the
// characters alone), and trimming spaces and tabs in linear time. Pure: no DOM, no libraries. Used by the
// chunkers (chunking.ts, chunkers/*) and the PDF text reader.

const LF = 0x0a;
const CR = 0x0d;

// ---- Character classes (UTF-16 code units) ----

/** Exactly JavaScript's \s. */
/** How many of the ascending `sorted` values are below p (a binary search). */
function countBelow(sorted: readonly number[], p: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function isWhitespace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** 。！？；… and friends: end a sentence without needing a following space. */
export function isSentenceEndCjk(c: number): boolean {
  return (
    c === 0x3002 || // 。
    c === 0xff01 || // ！
    c === 0xff1f || // ？
    c === 0xff1b || // ；
    c === 0x2026 || // …
    c === 0xff61 || // ｡
    c === 0x203c || // ‼
    (c >= 0x2047 && c <= 0x2049) // ⁇ ⁈ ⁉
  );
}

/** ，、： */
export function isClauseCjk(c: number): boolean {
  return c === 0xff0c || c === 0x3001 || c === 0xff1a || c === 0xff64;
}

/** Closing quotes and brackets that may follow sentence punctuation. */
export function isCloser(c: number): boolean {
  return (
    c === 0x22 || // "
    c === 0x27 || // '
    c === 0x29 || // )
    c === 0x5d || // ]
    c === 0xbb || // »
    c === 0x2019 || // ’
    c === 0x201d || // ”
    c === 0x300b || // 》
    c === 0x3009 || // 〉
    c === 0x300d || // 」
    c === 0x300f || // 』
    c === 0x3011 || // 】
    c === 0x3015 || // 〕
    c === 0xff09 || // ）
    c === 0xff63 // ｣
  );
}

// ---- Code points ----

export function nextCodePoint(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return i + 2;
  }
  return i + 1;
}

export function previousCodePoint(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return i - 2;
  }
  return i - 1;
}

/** The position `count` code points after i, or the end of the text. */
export function advanceCodePoints(text: string, i: number, count: number): number {
  const n = text.length;
  for (let k = 0; k < count && i < n; k++) i = nextCodePoint(text, i);
  return i;
}

/**
 * A counter of code points in any [start, end) of `text`, after one pass over it: the length in UTF-16
 * units less the surrogate pairs inside, found by binary search among the pairs' positions.
 */
export function codePointCounter(text: string): (start: number, end: number) => number {
  const pairs: number[] = [];
  // Left to right, as nextCodePoint pairs them: a native scan (a loop over every code unit of a 5 MB text
  // took a long task of the page that shows the chunk statistics).
  for (SURROGATE_PAIR.lastIndex = 0; SURROGATE_PAIR.test(text); ) pairs.push(SURROGATE_PAIR.lastIndex - 2);
  if (pairs.length === 0) return (start, end) => end - start;
  const below = (p: number) => countBelow(pairs, p);
  // A pair starting at end - 1 is not inside; offsets inside a pair do not occur at chunk edges.
  return (start, end) => end - start - (below(end - 1) - below(start));
}

const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

/** Code point arithmetic over one text, after one pass over it (see codePointIndex). */
export interface CodePointIndex {
  /** advanceCodePoints(text, i, count), in O(log n) (O(1) for a text without surrogate pairs). */
  advance(i: number, count: number): number;
  /** countCodePoints(text, start, end) for code point starts, in O(log n) (O(1) without surrogate pairs). */
  count(start: number, end: number): number;
}

/**
 * Code point arithmetic for a text: the positions of its surrogate pairs, found once, then advancing and
 * counting by binary search among them instead of stepping code point by code point. The same results as
 * advanceCodePoints and countCodePoints from any code point start (a lone surrogate counts as one).
 */
export function codePointIndex(text: string): CodePointIndex {
  const n = text.length;
  const pairs: number[] = [];
  // Left to right, as nextCodePoint pairs them (a native scan).
  for (SURROGATE_PAIR.lastIndex = 0; SURROGATE_PAIR.test(text); ) pairs.push(SURROGATE_PAIR.lastIndex - 2);
  if (pairs.length === 0) return { advance: (i, count) => Math.min(n, i + Math.max(0, count)), count: (start, end) => Math.max(0, end - start) };
  /** How many pairs start before p. */
  const below = (p: number) => countBelow(pairs, p);
  return {
    advance(i, count) {
      if (count <= 0) return i;
      let end = i + count;
      // Each pair that starts inside the stretch so far takes one more code unit.
      for (let k = below(i); k < pairs.length && pairs[k]! < end; k++) end++;
      return Math.min(end, n);
    },
    count(start, end) {
      if (end <= start) return 0;
      // A pair starting at end - 1 counts as one code point (the loop of countCodePoints steps over it).
      return end - start - (below(end - 1) - below(start));
    },
  };
}

export function countCodePoints(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i = nextCodePoint(text, i)) count++;
  return count;
}

// ---- Grapheme cluster boundaries ----

/** Intl.Segmenter slows down badly on long inputs, so uncertain stretches are segmented in pieces. */
const PIECE = 1024;

let graphemeSegmenter: Intl.Segmenter | null = null;

/**
 * b[p] === 1 when position p (0..length) is an extended grapheme cluster boundary.
 * Positions that are boundaries whatever the context (between plain letters, CJK characters,
 * punctuation and spaces) are decided directly; the rest go through Intl.Segmenter, in pieces
 * that restart at a known boundary (grapheme rules never look back across a boundary).
 */
export function graphemeBoundaries(text: string): Uint8Array {
  const n = text.length;
  const b = new Uint8Array(n + 1);
  // Most positions are certain boundaries; the rest are found by two native scans: CR LF (certainly not a
  // boundary), and the code units that are neither controls nor "plain other" (NOT_PLAIN, the complement of
  // isControl and isPlainOther): only at such a unit, or just after one (mayBePrepend's units are among
  // them), can a position be uncertain. Those positions are decided as certainBoundary decides them, and
  // the runs of uncertain ones are segmented in order, exactly as a scan over every position would.
  b.fill(1);
  for (CRLF.lastIndex = 0; CRLF.test(text); ) b[CRLF.lastIndex - 1] = 0;
  let runStart = -1;
  let runEnd = -1; // the last uncertain position of the run
  const flush = () => {
    if (runStart >= 0) segmentRange(text, b, runStart - 1, Math.min(runEnd + 1, n));
    runStart = -1;
  };
  const consider = (p: number) => {
    if (p < 1 || p >= n || p <= runEnd) return;
    if (certainBoundary(text, p) >= 0) return; // already set: 1, or 0 for CR LF
    if (runStart >= 0 && p !== runEnd + 1) flush();
    if (runStart < 0) runStart = p;
    runEnd = p;
    b[p] = 0; // until the segmenter says otherwise
  };
  for (NOT_PLAIN.lastIndex = 0; NOT_PLAIN.test(text); ) {
    const at = NOT_PLAIN.lastIndex - 1;
    consider(at);
    consider(at + 1);
  }
  flush();
  b[0] = 1;
  b[n] = 1;
  return b;
}

const CRLF = /\r\n/g;
/** Code units that are neither controls (isControl) nor "plain other" (isPlainOther). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: code units on purpose (no u flag): combining marks alone are what it looks for
const NOT_PLAIN = /[\xa9\xae\u0300-\u036f\u0483-\u200f\u2028-\u2fff\u302a-\u3040\u3097-\u30a0\u30fb-\u33ff\u4dc0-\u4dff\ua000-\uff00\uff5f-\uffff]/g;

/** 1: certainly a boundary, 0: certainly not (CR LF), -1: ask the segmenter. */
function certainBoundary(text: string, p: number): number {
  const c = text.charCodeAt(p);
  const l = text.charCodeAt(p - 1);
  if (c === LF) return l === CR ? 0 : 1;
  if (isControl(c) || isControl(l)) return 1; // GB4, GB5
  if (isPlainOther(c) && !mayBePrepend(text, p - 1)) return 1; // GB999: nothing joins onto c
  return -1;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/**
 * Code units whose grapheme break property is Other and which are not Extended_Pictographic,
 * Hangul, Indic conjunct consonants or regional indicators: no rule joins them to what precedes,
 * except a Prepend character before them.
 */
function isPlainOther(c: number): boolean {
  if (c < 0x0300) return c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c <= 0x9f) && c !== 0xa9 && c !== 0xae;
  return (
    (c >= 0x0370 && c <= 0x0482) || // Greek, Cyrillic letters
    (c >= 0x2010 && c <= 0x2027) || // dashes, quotes, …
    (c >= 0x3000 && c <= 0x3029) || // CJK punctuation
    (c >= 0x3041 && c <= 0x3096) || // Hiragana
    (c >= 0x30a1 && c <= 0x30fa) || // Katakana
    (c >= 0x3400 && c <= 0x4dbf) || // CJK Extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK Unified Ideographs
    (c >= 0xff01 && c <= 0xff5e) // fullwidth forms
  );
}

/** Whether the code point ending at index i may have Grapheme_Cluster_Break=Prepend. */
function mayBePrepend(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 0x0600 && c <= 0x0605) || c === 0x06dd || c === 0x070f || c === 0x0890 || c === 0x0891) return true;
  if (c === 0x08e2 || c === 0x0d4e) return true;
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    return h >= 0xd804 && h <= 0xd807; // U+11000..U+11FFF, where the supplementary Prepend characters are
  }
  return false;
}

/** Segments [from, to): `from` is at or after a known boundary's position, `to` is a known boundary. */
function segmentRange(text: string, b: Uint8Array, from: number, to: number): void {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let start = from;
  while (!b[start]) start--;
  let piece = PIECE;
  while (start < to) {
    let stop = Math.min(to, start + piece);
    // Never end a piece inside a surrogate pair: a lone half would read as a boundary.
    if (stop < to && isHighSurrogate(text.charCodeAt(stop - 1))) stop++;
    let last = start;
    for (const s of graphemeSegmenter.segment(text.slice(start, stop))) {
      last = start + s.index;
      b[last] = 1;
    }
    if (stop === to) return;
    if (last === start) {
      piece *= 2; // one cluster longer than the piece
      continue;
    }
    // The last segment may be cut short by the piece's end: continue from its start, a true boundary.
    start = last;
    piece = PIECE;
  }
}

/** `text` without the spaces and tabs at its end (linear, unlike replace(/[ \t]+$/, '')). */
export function trimSpacesAndTabsEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end === text.length ? text : text.slice(0, end);
}
