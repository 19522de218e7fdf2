// Splitting a document's text into overlapping chunks that end at natural breaks.
// Pure: no DOM, no libraries; needs only Intl.Segmenter (Node and current browsers). The character classes,
// code point and grapheme boundary helpers it uses are in unicodeText.ts.
//
// Rules (sizes in Unicode code points):
// - A chunk is at most `chunkSize` code points long and starts and ends on grapheme cluster boundaries;
//   it never starts or ends with whitespace. The only exception to the size limit is a single grapheme
//   cluster longer than `chunkSize` (e.g. a letter with hundreds of combining marks), which is kept whole.
// - Within the window of `chunkSize` code points, the chunk ends at the best break, by priority:
//   paragraph break > line break > sentence end > clause punctuation > whitespace. A break in the
//   second half of the window (MIN_FILL) wins first; failing that, a break anywhere in the window;
//   failing that, a hard cut at the last grapheme boundary.
// - The next chunk starts about `overlap` code points before the previous end (never more), moved
//   forward to a word start when one is near, else to a grapheme boundary. The overlap is also capped
//   at half the previous chunk, so every chunk advances by at least half its length.
// - Nothing is lost: every non-whitespace character lies in at least one chunk.
import type { Chunk, ChunkingOptions } from './types';
import {
  codePointIndex,
  graphemeBoundaries,
  isClauseCjk,
  isCloser,
  isSentenceEndCjk,
  isWhitespace,
  nextCodePoint,
  previousCodePoint,
  type CodePointIndex,
} from './unicodeText';

export const MIN_CHUNK_SIZE = 20;
export const MAX_CHUNK_SIZE = 8000;

/** Largest valid overlap for a chunk size: the overlap must be less than half the chunk size. */
export function maxOverlap(chunkSize: number): number {
  return Math.max(0, Math.ceil(chunkSize / 2) - 1);
}

export type ChunkingOptionsError = 'not-integer' | 'size-too-small' | 'size-too-large' | 'overlap-negative' | 'overlap-too-large';

export function validateChunkingOptions(o: ChunkingOptions): ChunkingOptionsError | null {
  if (!Number.isSafeInteger(o.chunkSize) || !Number.isSafeInteger(o.overlap)) return 'not-integer';
  if (o.chunkSize < MIN_CHUNK_SIZE) return 'size-too-small';
  if (o.chunkSize > MAX_CHUNK_SIZE) return 'size-too-large';
  if (o.overlap < 0) return 'overlap-negative';
  if (o.overlap > maxOverlap(o.chunkSize)) return 'overlap-too-large';
  return null;
}

/** Breaks in the second half of the window are preferred. */
const MIN_FILL = 0.5;

// Break levels, weakest first.
const NONE = 0;
const SPACE = 1;
const CLAUSE = 2;
const SENTENCE = 3;
const LINE = 4;
const PARAGRAPH = 5;

const LF = 0x0a;
const CR = 0x0d;

export function chunkText(docId: string, text: string, options: ChunkingOptions): Chunk[] {
  const error = validateChunkingOptions(options);
  if (error) throw new RangeError(`Invalid chunking options: ${error}`);
  const { chunkSize, overlap } = options;
  const n = text.length;
  if (n === 0) return [];
  const b = graphemeBoundaries(text);
  const cp = codePointIndex(text);
  const chunks: Chunk[] = [];
  let start = skipWhitespace(text, b, 0);
  let newFrom = start; // first position not yet covered by any chunk
  while (start < n) {
    const step = recursiveStep(text, b, cp, start, newFrom, chunkSize, overlap, true)!;
    const index = chunks.length;
    chunks.push({ id: `${docId}#${index}`, docId, index, start, end: step.end, text: text.slice(start, step.end) });
    if (step.newFrom >= n) break;
    ({ start, newFrom } = step);
  }
  return chunks;
}

/** One chunk of chunkText's loop: where it ends, the first position still uncovered, and where the next chunk starts. */
export interface RecursiveStep {
  end: number;
  newFrom: number;
  start: number;
}

/**
 * The chunk that starts at `start` (a grapheme boundary; `newFrom` the first position no chunk covers yet) in
 * `text`, with its boundaries `b` and code point index `cp`. When `final` is false the text goes on after its
 * end (a document still being read): the step is taken only if nothing it decides could change with more text
 * (its window, the whitespace run after it and the grapheme there end inside the text); otherwise null, and the
 * same step is taken again once more text has come (chunks/streaming.ts). With `final` it is chunkText's step.
 * Reads at most a few code units before `start` (punctuation before a break).
 */
export function recursiveStep(
  text: string,
  b: Uint8Array,
  cp: CodePointIndex,
  start: number,
  newFrom: number,
  size: number,
  overlap: number,
  final: boolean,
): RecursiveStep | null {
  const n = text.length;
  const windowEnd = cp.advance(start, size);
  if (!final) {
    // The window, the whitespace run at its end (a break's level reads it) and the grapheme after it must be known.
    if (windowEnd >= n) return null;
    let q = windowEnd;
    while (q < n && isWhitespace(text.charCodeAt(q))) q++;
    let r = q + 1;
    while (r < n && !b[r]) r++;
    if (r >= n) return null;
  }
  const rawEnd = windowEnd >= n ? n : chooseEnd(text, b, cp, start, newFrom, size, windowEnd);
  const end = trimEnd(text, b, start, rawEnd);
  const nextNewFrom = skipWhitespace(text, b, end);
  if (nextNewFrom >= n) return final ? { end, newFrom: nextNewFrom, start: n } : null;
  if (!final) {
    // nextStart reads the grapheme at the first uncovered position.
    let g = nextNewFrom + 1;
    while (g < n && !b[g]) g++;
    if (g >= n) return null;
  }
  return { end, newFrom: nextNewFrom, start: nextStart(text, b, cp, start, end, nextNewFrom, overlap, size) };
}

/** The first chunk's start: the first grapheme that is not whitespace (null: none yet in a text that goes on). */
export function recursiveFirstStart(text: string, b: Uint8Array, final: boolean): number | null {
  const start = skipWhitespace(text, b, 0);
  return start >= text.length && !final ? null : start;
}

/**
 * Per UTF-16 unit: 1 whitespace, 2 a mark after which a break may come (CJK sentence end or clause, closer).
 * breakLevel can be more than NONE only at the start of a whitespace run and just after such a mark (the only
 * characters punctuationLevel looks back at when no whitespace follows): chooseEnd tests only those.
 */
let unitKinds: Uint8Array | null = null;

function kinds(): Uint8Array {
  if (unitKinds) return unitKinds;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (isWhitespace(c)) table[c] = 1;
    else if (isSentenceEndCjk(c) || isClauseCjk(c) || isCloser(c)) table[c] = 2;
  }
  return (unitKinds = table);
}

/**
 * The raw end (before trimming whitespace) of the chunk starting at `start`, whose window ends inside the text
 * at `windowEnd` (`size` code points on). The best break is the strongest one in the window's second half
 * (MIN_FILL), the last of that strength; failing that, the same in the first half; failing that, the last
 * grapheme boundary. So the window is read backwards from its end, one table lookup per unit, and breakLevel
 * is asked only where a break can be: a paragraph break ends the scan at once, and the first half is read
 * only when the second has no break at all.
 */
function chooseEnd(text: string, b: Uint8Array, cp: CodePointIndex, start: number, newFrom: number, size: number, windowEnd: number): number {
  const n = text.length;
  const mid = cp.advance(start, Math.ceil(size * MIN_FILL));
  const table = kinds();
  const low = Math.max(newFrom, start);
  let bestLevel = NONE;
  let best = -1;
  let after = table[text.charCodeAt(windowEnd)]!;
  for (let i = windowEnd; i > low; i--) {
    const before = table[text.charCodeAt(i - 1)]!;
    const candidate = before === 2 || (after === 1 && before !== 1);
    after = before;
    if (!candidate) continue;
    if (i < mid && bestLevel !== NONE) break; // a break in the second half wins over any in the first
    if (!b[i]) continue;
    const level = breakLevel(text, i);
    if (level > bestLevel) {
      bestLevel = level;
      best = i;
      if (level === PARAGRAPH) break;
    }
  }
  if (best >= 0) return best;
  // No break: a hard cut at the last grapheme boundary of the window.
  for (let i = windowEnd; i > newFrom && i > start; i = previousCodePoint(text, i)) if (b[i]) return i;
  // A single grapheme cluster longer than the window: keep it whole.
  let j = newFrom + 1;
  while (j < n && !b[j]) j++;
  return j;
}

/** Where the chunk after [start, end) begins; `newFrom` is the first position it must cover. */
function nextStart(text: string, b: Uint8Array, cp: CodePointIndex, start: number, end: number, newFrom: number, overlap: number, size: number): number {
  const n = text.length;
  const ov = Math.min(overlap, Math.floor(cp.count(start, end) / 2));
  if (ov <= 0) return newFrom;
  let t = end;
  for (let k = 0; k < ov; k++) t = previousCodePoint(text, t);
  while (!b[t]) t++;
  if (t >= end) return newFrom;
  // Prefer a word start within half the overlap; else start at the grapheme boundary itself.
  const limit = Math.min(end, cp.advance(t, Math.ceil(ov / 2)));
  let p = -1;
  for (let q = t; q <= limit && q < end; q = nextCodePoint(text, q)) {
    if (b[q] && isWordStart(text, q)) {
      p = q;
      break;
    }
  }
  if (p < 0) p = skipWhitespace(text, b, t);
  if (p >= end) return newFrom;
  // The window from p must reach past the first uncovered grapheme, or the chunk would add nothing.
  let g = newFrom + 1;
  while (g < n && !b[g]) g++;
  if (cp.advance(p, size) < g) return newFrom;
  return p;
}

/** How good a place position i is to end a chunk (i is a grapheme boundary inside the text). */
function breakLevel(text: string, i: number): number {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  // Most positions: inside a word or between CJK characters. After a letter, digit or ideograph (no
  // punctuation, closer or space) and before anything but whitespace, there is no break.
  if (isPlainLetter(before) && !isWhitespace(after)) return NONE;
  if (isWhitespace(before)) return NONE; // the break sits at the start of the whitespace run
  if (isWhitespace(after)) return Math.max(SPACE, whitespaceRunLevel(text, i), punctuationLevel(text, i, true));
  if (isSentenceEndCjk(after) || isCloser(after) || isClauseCjk(after)) return NONE; // break after the whole run
  return punctuationLevel(text, i, false);
}

/** ASCII letters and digits, and CJK ideographs: never whitespace, punctuation or a closer. */
function isPlainLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  return c >= 0x4e00 && c <= 0x9fff;
}

/** Paragraph, line or plain space, for the whitespace run starting at i. */
function whitespaceRunLevel(text: string, i: number): number {
  let newlines = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (!isWhitespace(c)) break;
    if (c === LF || c === 0x2028) newlines++;
    else if (c === CR) {
      if (text.charCodeAt(j + 1) !== LF) newlines++;
    } else if (c === 0x2029 || c === 0x0c) newlines += 2;
    if (newlines >= 2) return PARAGRAPH;
  }
  return newlines === 1 ? LINE : SPACE;
}

/** Sentence or clause level from the punctuation just before i (after skipping closing quotes and brackets). */
function punctuationLevel(text: string, i: number, whitespaceFollows: boolean): number {
  let k = i - 1;
  let closers = 0;
  while (k >= 0 && closers < 3 && isCloser(text.charCodeAt(k))) {
    k--;
    closers++;
  }
  if (k < 0) return NONE;
  const c = text.charCodeAt(k);
  if (isSentenceEndCjk(c)) return SENTENCE;
  if (whitespaceFollows && (c === 0x2e || c === 0x21 || c === 0x3f)) return SENTENCE; // . ! ?
  if (closers === 0) {
    if (isClauseCjk(c)) return CLAUSE;
    if (whitespaceFollows && (c === 0x2c || c === 0x3b || c === 0x3a)) return CLAUSE; // , ; :
  }
  return NONE;
}

/** A good place to start an overlapping chunk: after whitespace, or after CJK clause or sentence punctuation. */
function isWordStart(text: string, q: number): boolean {
  const c = text.charCodeAt(q);
  if (isWhitespace(c)) return false;
  if (q === 0 || isWhitespace(text.charCodeAt(q - 1))) return true;
  return breakLevel(text, q) >= CLAUSE;
}

function skipWhitespace(text: string, b: Uint8Array, p: number): number {
  const n = text.length;
  while (p < n) {
    let q = p + 1;
    while (q < n && !b[q]) q++;
    for (let j = p; j < q; j++) if (!isWhitespace(text.charCodeAt(j))) return p;
    p = q;
  }
  return n;
}

function trimEnd(text: string, b: Uint8Array, start: number, end: number): number {
  while (end > start) {
    let q = end - 1;
    while (q > start && !b[q]) q--;
    for (let j = q; j < end; j++) if (!isWhitespace(text.charCodeAt(j))) return end;
    end = q;
  }
  return end;
}
