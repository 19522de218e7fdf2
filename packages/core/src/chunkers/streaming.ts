// Chunking a document while it is still being read: text comes in slices (a PDF page, 64 KB of a text
// file), and each slice gives back the chunks that are final now, EXACTLY those the whole-text chunker
// gives (same offsets, texts, boundaries and indexes), whatever the slice points, even inside a surrogate
// pair or a grapheme cluster. The chunker keeps a tail of the text that is not final yet: the chunk being
// made and the few code units before it that a break's punctuation is read from.
// - recursive and fixed: the whole-text chunker's own step (chunking.ts recursiveStep, fixed.ts fixedStep),
//   taken only when everything it reads lies inside the text known so far (the window, the whitespace run
//   and the grapheme cluster after it); grapheme boundaries are found again on the tail after each slice
//   (a boundary depends only on the text before it and the code unit at it, so every position before the
//   end of the known text is decided exactly).
// - sentence: paragraph by paragraph (the whole-text chunker segments a paragraph at a time too): a
//   paragraph is segmented once the blank line after it and the whitespace after that are complete; the
//   sentence windows then run as far as the known sentences decide them. A text without blank lines gives
//   its chunks at the end.
// - heading, token and semantic: the whole text at the end (headings come from the finished document's
//   structure, token windows from the model's tokenizer, semantic breaks from embeddings): streams() is
//   false for them, and callers chunk the whole document as before.
import { recursiveFirstStart, recursiveStep } from '../chunking';
import type { Chunk } from '../types';
import { codePointIndex, countCodePoints, graphemeBoundaries } from '../unicodeText';
import { fixedStep } from './fixed';
import { unitsOf } from './sentence';
import { PARAGRAPH_BREAK, segmentParagraph, type Span } from './sentences';
import type { ChunkerSettings, FixedChunkerSettings, RecursiveChunkerSettings, SentenceChunkerSettings } from './settings';
import { validateChunkerSettings } from './settings';

export interface StreamingChunker {
  /** The next slice of the text; returns the chunks that became final (in order, indexes going on). */
  push(slice: string): Chunk[];
  /** The text is complete: the remaining chunks. */
  finish(): Chunk[];
}

/** Does this chunker give chunks before the whole text is known? */
export function streams(settings: ChunkerSettings): boolean {
  return settings.kind === 'recursive' || settings.kind === 'fixed' || settings.kind === 'sentence';
}

/** Code units kept before the next chunk's start: punctuationLevel reads up to 3 closers and a mark back. */
const LOOKBACK = 16;

export function streamingChunker(docId: string, settings: ChunkerSettings): StreamingChunker {
  const error = validateChunkerSettings(settings);
  if (error) throw new RangeError(`Invalid chunker settings: ${error}`);
  switch (settings.kind) {
    case 'recursive':
      return recursiveStream(docId, settings);
    case 'fixed':
      return fixedStream(docId, settings);
    case 'sentence':
      return sentenceStream(docId, settings);
    default:
      throw new RangeError(`The ${settings.kind} chunker needs the whole text`);
  }
}

/** The text not final yet: `text` starts at `base` in the document. */
class Tail {
  text = '';
  base = 0;
  chunks = 0;
  /** A high surrogate that ended the last slice: held back until its pair comes (a boundary depends on the code point at it). */
  private held = '';
  constructor(readonly docId: string) {}
  append(slice: string, final: boolean): void {
    let add = this.held + slice;
    this.held = '';
    const last = add.charCodeAt(add.length - 1);
    if (!final && last >= 0xd800 && last <= 0xdbff) {
      this.held = add.slice(-1);
      add = add.slice(0, -1);
    }
    this.text += add;
  }
  chunk(start: number, end: number): Chunk {
    const index = this.chunks++;
    return { id: `${this.docId}#${index}`, docId: this.docId, index, start, end, text: this.text.slice(start - this.base, end - this.base) };
  }
  /** Drop the text before `keep` (absolute), moved back to a grapheme boundary of `b` (the tail's boundaries). */
  dropBefore(keep: number, b: Uint8Array): void {
    let cut = keep - this.base;
    while (cut > 0 && !b[cut]) cut--;
    if (cut <= 0) return;
    this.text = this.text.slice(cut);
    this.base += cut;
  }
}

/** A streaming chunker whose `run` chunks what `tail` holds (final: the text is complete). */
function overTail(tail: Tail, run: (final: boolean) => Chunk[]): StreamingChunker {
  return {
    push(slice) {
      tail.append(slice, false);
      return run(false);
    },
    finish() {
      tail.append('', true);
      return run(true);
    },
  };
}

function recursiveStream(docId: string, settings: RecursiveChunkerSettings): StreamingChunker {
  const { chunkSize, overlap } = settings;
  const tail = new Tail(docId);
  let start = -1; // absolute; -1 before the first chunk's start is known
  let newFrom = -1;
  let done = false;
  const run = (final: boolean): Chunk[] => {
    const out: Chunk[] = [];
    if (done) return out;
    const text = tail.text;
    const base = tail.base;
    if (text.length === 0) {
      done = final;
      return out;
    }
    const b = graphemeBoundaries(text);
    const cp = codePointIndex(text);
    if (start < 0) {
      const first = recursiveFirstStart(text, b, final);
      if (first === null) return out;
      start = newFrom = base + first;
    }
    while (start - base < text.length) {
      const step = recursiveStep(text, b, cp, start - base, newFrom - base, chunkSize, overlap, final);
      if (!step) break;
      out.push(tail.chunk(start, base + step.end));
      if (step.newFrom >= text.length) {
        done = true;
        break;
      }
      start = base + step.start;
      newFrom = base + step.newFrom;
    }
    if (final) done = true;
    else tail.dropBefore(start - LOOKBACK, b);
    return out;
  };
  return overTail(tail, run);
}

function fixedStream(docId: string, settings: FixedChunkerSettings): StreamingChunker {
  const tail = new Tail(docId);
  let start = 0;
  let done = false;
  const run = (final: boolean): Chunk[] => {
    const out: Chunk[] = [];
    if (done) return out;
    const text = tail.text;
    const base = tail.base;
    const b = graphemeBoundaries(text);
    while (start - base < text.length) {
      const step = fixedStep(text, b, start - base, settings, final);
      if (!step) break;
      if (step.content) out.push(tail.chunk(start, base + step.end));
      start = base + step.next;
    }
    if (final) done = true;
    else tail.dropBefore(start, b);
    return out;
  };
  return overTail(tail, run);
}

function sentenceStream(docId: string, settings: SentenceChunkerSettings): StreamingChunker {
  const { sentences: perChunk, overlapSentences, maxSize } = settings;
  const tail = new Tail(docId);
  let paragraphFrom = 0; // absolute start of the paragraph not segmented yet
  // The sentence units segmented so far from `first` on (absolute offsets), with their code point positions.
  const units: Span[] = [];
  const cpStart: number[] = [];
  const cpEnd: number[] = [];
  let first = 0; // the unit index of units[0]
  let cpPos = 0;
  let cpCount = 0;
  let i = 0; // the next chunk's first unit
  let afterEnd = -1; // a chunk ended before unit `afterEnd`, which was not known then: the next start waits for it
  let done = false;

  const addParagraph = (from: number, to: number) => {
    const spans: Span[] = [];
    segmentParagraph(tail.text, from - tail.base, to - tail.base, spans);
    for (const u of unitsOf(tail.text, spans, maxSize)) {
      const s = u.start + tail.base;
      const e = u.end + tail.base;
      cpCount += countCodePoints(tail.text, cpPos - tail.base, s - tail.base);
      cpStart.push(cpCount);
      cpCount += countCodePoints(tail.text, s - tail.base, e - tail.base);
      cpEnd.push(cpCount);
      cpPos = e;
      units.push({ start: s, end: e });
    }
  };
  const unit = (k: number) => units[k - first]!;
  const size = (from: number, to: number) => cpEnd[to - first]! - cpStart[from - first]!;

  const run = (final: boolean): Chunk[] => {
    const out: Chunk[] = [];
    if (done) return out;
    // Segment every paragraph whose break is complete (the whitespace after the blank line ends inside the text).
    const paragraph = new RegExp(PARAGRAPH_BREAK);
    paragraph.lastIndex = paragraphFrom - tail.base;
    for (;;) {
      const m = paragraph.exec(tail.text);
      if (!m || (!final && m.index + m[0].length >= tail.text.length)) break;
      addParagraph(paragraphFrom, tail.base + m.index);
      paragraphFrom = tail.base + m.index + m[0].length;
    }
    if (final) {
      addParagraph(paragraphFrom, tail.base + tail.text.length);
      paragraphFrom = tail.base + tail.text.length;
    }
    const count = first + units.length;
    for (;;) {
      if (afterEnd >= 0) {
        if (afterEnd >= count) break;
        const j = afterEnd;
        afterEnd = -1;
        // Repeat up to overlapSentences sentences, as many as leave room for the next new sentence.
        i = Math.max(i + 1, j - overlapSentences);
        while (i < j && size(i, j) > maxSize) i++;
      }
      if (i >= count) break;
      let j = i + 1;
      while (j < count && j - i < perChunk && size(i, j) <= maxSize) j++;
      if (j >= count && j - i < perChunk && !final) break; // the next sentence may still join this chunk
      out.push(tail.chunk(unit(i).start, unit(j - 1).end));
      if (j >= count && final) {
        done = true;
        break;
      }
      afterEnd = j;
    }
    if (final) done = true;
    else {
      // Keep the units from the next chunk's first one (or the one it waits for), and the text from there.
      const keepUnit = Math.min(i, afterEnd >= 0 ? afterEnd : i, count);
      const drop = keepUnit - first;
      if (drop > 0) {
        units.splice(0, drop);
        cpStart.splice(0, drop);
        cpEnd.splice(0, drop);
        first = keepUnit;
      }
      const keep = Math.min(paragraphFrom, units.length > 0 ? units[0]!.start : paragraphFrom, cpPos);
      if (keep > tail.base) {
        tail.text = tail.text.slice(keep - tail.base);
        tail.base = keep;
      }
    }
    return out;
  };
  return overTail(tail, run);
}
