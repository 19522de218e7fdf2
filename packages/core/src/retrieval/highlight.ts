// Where the question's terms occur in a chunk's text, to highlight them in the results: the terms are the
// question's keyword-search tokens (tokenize.ts), so the highlight shows exactly what BM25 matches, in every
// search mode. Pure.
//
// The text is read as the tokeniser reads it: words of space-separated scripts (letters, marks and digits,
// joined across an apostrophe or period, as tokenize.ts joins them) are compared whole; runs of Han, kana
// and the like are cut into words by Intl.Segmenter, as the tokeniser cuts them, and each of their
// two-character stretches (the tokeniser's bigrams) is also compared. Each piece is normalised as the
// tokeniser normalises it (NFKC, lower case), while the spans stay offsets into the original text.
import { queryTokens, tokenize } from './tokenize';

export interface TextSpan {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const DICT_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
const WORD_RUN = /[\p{L}\p{M}\p{N}_]+(?:['’.][\p{L}\p{M}\p{N}_]+|,\p{N}+)*/gu;
const normal = (s: string) => s.normalize('NFKC').toLowerCase();

/** The spans of text holding one of the question's keyword tokens: sorted, merged where they touch or overlap. */
export function highlightSpans(text: string, question: string): TextSpan[] {
  const terms = new Set(queryTokens(question));
  if (terms.size === 0 || text === '') return [];
  const spans: TextSpan[] = [];
  // Runs of scripts written without spaces: their words, and their two-character stretches.
  for (const run of text.matchAll(DICT_RUN)) {
    const base = run.index;
    for (const part of segmenter.segment(run[0])) {
      if (part.isWordLike && terms.has(normal(part.segment))) spans.push({ start: base + part.index, end: base + part.index + part.segment.length });
    }
    const chars = [...run[0]];
    let offset = base;
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (terms.has(normal(pair))) spans.push({ start: offset, end: offset + pair.length });
      offset += chars[i]!.length;
    }
  }
  // Everything else: whole words, which the tokeniser may still split (e.g. "1,2a" or a possessive 's).
  const masked = text.replace(DICT_RUN, (m) => ' '.repeat(m.length));
  for (const word of masked.matchAll(WORD_RUN)) {
    if (tokenize(word[0]).some((token) => terms.has(token))) spans.push({ start: word.index, end: word.index + word[0].length });
  }
  return mergeSpans(spans);
}

function mergeSpans(spans: TextSpan[]): TextSpan[] {
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** The text cut at the spans: pieces in order, each marked or not (the pieces join back into the text). */
export function splitBySpans(text: string, spans: readonly TextSpan[]): { text: string; marked: boolean }[] {
  const pieces: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start > at) pieces.push({ text: text.slice(at, s.start), marked: false });
    pieces.push({ text: text.slice(s.start, s.end), marked: true });
    at = s.end;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}
