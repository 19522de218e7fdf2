// Sentence windows: `sentences` sentences per chunk, the last `overlapSentences` of them repeated at the
// start of the next chunk (fewer where they would leave no room for a new sentence), and never more than
// `maxSize` characters: a chunk closes early when the next sentence would not fit, and a sentence longer
// than `maxSize` is split by the recursive chunker.
// Sentences come from Intl.Segmenter, so they end at 。！？ as well as at . ! ?.
import { chunkText } from '../chunking';
import { countCodePoints } from '../unicodeText';
import type { Chunk } from '../types';
import type { SentenceChunkerSettings } from './settings';
import { sentenceSpans, type Span } from './sentences';

export function chunkSentences(docId: string, text: string, settings: SentenceChunkerSettings): Chunk[] {
  const { sentences: perChunk, overlapSentences, maxSize } = settings;
  const units = sentenceUnits(text, maxSize);
  // Code point offsets of each unit's start and end, for sizes without counting again.
  const cpStart = new Float64Array(units.length);
  const cpEnd = new Float64Array(units.length);
  let pos = 0;
  let cp = 0;
  units.forEach((u, k) => {
    cp += countCodePoints(text, pos, u.start);
    cpStart[k] = cp;
    cp += countCodePoints(text, u.start, u.end);
    cpEnd[k] = cp;
    pos = u.end;
  });
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < units.length) {
    let j = i + 1;
    while (j < units.length && j - i < perChunk && cpEnd[j]! - cpStart[i]! <= maxSize) j++;
    const start = units[i]!.start;
    const end = units[j - 1]!.end;
    const index = chunks.length;
    chunks.push({ id: `${docId}#${index}`, docId, index, start, end, text: text.slice(start, end) });
    if (j >= units.length) break;
    // Repeat up to overlapSentences sentences, as many as leave room for the next new sentence.
    i = Math.max(i + 1, j - overlapSentences);
    while (i < j && cpEnd[j]! - cpStart[i]! > maxSize) i++;
  }
  return chunks;
}

/** The sentences, with any sentence longer than maxSize split into recursive chunks of at most maxSize. */
export function sentenceUnits(text: string, maxSize: number): Span[] {
  return unitsOf(text, sentenceSpans(text), maxSize);
}

/** These sentence spans of the text as units: any longer than maxSize split into recursive chunks of at most maxSize. */
export function unitsOf(text: string, spans: Span[], maxSize: number): Span[] {
  const units: Span[] = [];
  for (const s of spans) {
    if (s.end - s.start <= maxSize || countCodePoints(text, s.start, s.end) <= maxSize) {
      units.push(s);
      continue;
    }
    for (const piece of chunkText('', text.slice(s.start, s.end), { chunkSize: maxSize, overlap: 0 })) {
      units.push({ start: s.start + piece.start, end: s.start + piece.end });
    }
  }
  return units;
}
