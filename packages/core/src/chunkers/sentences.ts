// Sentence spans of a text with Intl.Segmenter (sentence granularity: 。！？ as well as . ! ?), each
// trimmed of surrounding whitespace. Intl.Segmenter slows down badly on long strings, so the text is
// segmented a paragraph at a time, and a long paragraph in windows of a few KB, each restarting at the
// start of the previous window's last sentence (which the window's end may have cut short).
import { isWhitespace } from '../unicodeText';

export interface Span {
  start: number;
  end: number;
}

const WINDOW = 4096;
const MAX_WINDOW = 65536;
let segmenter: Intl.Segmenter | null = null;

/** A paragraph break: a blank line (whitespace only) and the whitespace after it. */
export const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/g;

export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  const paragraph = new RegExp(PARAGRAPH_BREAK);
  let from = 0;
  for (;;) {
    const m = paragraph.exec(text);
    const to = m ? m.index : text.length;
    segmentParagraph(text, from, to, spans);
    if (!m) return spans;
    from = m.index + m[0].length;
  }
}

/** The sentence spans of the paragraph [from, to) of the text (it reads nothing outside), appended to `out`. */
export function segmentParagraph(text: string, from: number, to: number, out: Span[]): void {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'sentence' });
  let start = from;
  let window = WINDOW;
  while (start < to) {
    let stop = Math.min(to, start + window);
    const high = text.charCodeAt(stop - 1);
    if (stop < to && high >= 0xd800 && high <= 0xdbff) stop++;
    const pieces: Span[] = [];
    for (const s of segmenter!.segment(text.slice(start, stop))) pieces.push({ start: start + s.index, end: start + s.index + s.segment.length });
    if (stop < to) {
      if (pieces.length < 2 && window < MAX_WINDOW) {
        window *= 2; // one sentence longer than the window
        continue;
      }
      if (pieces.length < 2) {
        // A "sentence" of more than MAX_WINDOW code units: cut it at its last whitespace in the window.
        let cut = stop;
        while (cut > start + 1 && !isWhitespace(text.charCodeAt(cut - 1))) cut--;
        if (cut <= start + 1) cut = stop;
        pushTrimmed(text, start, cut, out);
        start = cut;
        window = WINDOW;
        continue;
      }
      pieces.pop(); // may be cut short by the window's end: segment it again in the next window
    }
    for (const p of pieces) pushTrimmed(text, p.start, p.end, out);
    if (stop >= to) return;
    start = pieces[pieces.length - 1]!.end;
    window = WINDOW;
  }
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}
