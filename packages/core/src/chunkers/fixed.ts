// Fixed-size chunks: every `size` characters (code points), each starting `overlap` characters before the
// previous one ended. Cuts are moved to grapheme cluster boundaries (never inside a surrogate pair, an
// accented letter or an emoji sequence): an end moves back, an overlapping start moves forward, so no
// chunk is longer than `size` and no overlap longer than `overlap`. Chunks of whitespace only are left out.
import { advanceCodePoints, graphemeBoundaries, isWhitespace, previousCodePoint } from '../unicodeText';
import type { Chunk } from '../types';
import type { FixedChunkerSettings } from './settings';

export function chunkFixed(docId: string, text: string, settings: FixedChunkerSettings): Chunk[] {
  const n = text.length;
  const chunks: Chunk[] = [];
  if (n === 0) return chunks;
  const b = graphemeBoundaries(text);
  let start = 0;
  for (;;) {
    const step = fixedStep(text, b, start, settings, true)!;
    if (step.content) {
      const index = chunks.length;
      chunks.push({ id: `${docId}#${index}`, docId, index, start, end: step.end, text: text.slice(start, step.end) });
    }
    if (step.end >= n) return chunks;
    start = step.next;
  }
}

/**
 * The window that starts at `start` (a grapheme boundary): where it ends, whether it holds more than
 * whitespace, and where the next one starts. With `final` false the text goes on after its end (a document
 * still being read): null when the window or its last grapheme reaches the end of what is known (see
 * chunks/streaming.ts). Reads nothing before `start`.
 */
export function fixedStep(
  text: string,
  b: Uint8Array,
  start: number,
  settings: FixedChunkerSettings,
  final: boolean,
): { end: number; content: boolean; next: number } | null {
  const { size, overlap } = settings;
  const n = text.length;
  let end = advanceCodePoints(text, start, size);
  if (!final && end >= n) return null;
  if (end < n) {
    while (end > start && !b[end]) end--;
    if (end === start) {
      // One grapheme cluster longer than the size: keep it whole.
      end = start + 1;
      while (end < n && !b[end]) end++;
      if (!final && end >= n) return null;
    }
  }
  const content = hasContent(text, start, end);
  if (end >= n) return { end, content, next: n };
  let next = end;
  for (let k = 0; k < overlap && next > start; k++) next = previousCodePoint(text, next);
  while (next < end && !b[next]) next++;
  return { end, content, next: next > start ? next : end };
}

function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespace(text.charCodeAt(i))) return true;
  return false;
}
