// The streaming chunker against the whole-text chunker: many random texts (English, Chinese, emoji, combining
// marks, CRLF, runs of whitespace), cut at random points (inside surrogate pairs and grapheme clusters too),
// under every setting the app offers for the chunkers that stream: the same chunks, exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from './index';
import { DEFAULT_CHUNKER_SETTINGS, type ChunkerSettings } from './settings';
import { streamingChunker, streams } from './streaming';
import { textArb } from './testText';
import type { Chunk } from '../types';

const RUNS = { numRuns: 300 };

/** Texts that make the tail matter: the shared pieces, plus CRLF, blank lines of spaces, long whitespace runs and closers. */
const EXTRA = ['\r\n', '\r\n\r\n', '\n \n', '\n\t\n  ', '      ', '\n\n\n\n', '」', '』', '）', '"', '.)', '…', 'Mr. Smith', '\u2028', '\u2029', '\u000c'];
const streamTextArb = fc.array(fc.oneof(textArb, fc.constantFrom(...EXTRA)), { minLength: 0, maxLength: 8 }).map((parts) => parts.join(''));

/** Random cut points of a text (any code unit index, so pairs and clusters are split too). */
const slicesOf = (text: string, cuts: number[]): string[] => {
  const points = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  const slices: string[] = [];
  let from = 0;
  for (const p of points) {
    slices.push(text.slice(from, p));
    from = p;
  }
  slices.push(text.slice(from));
  return slices;
};

const cutsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 40 });

function streamed(text: string, slices: string[], settings: ChunkerSettings): Chunk[] {
  const chunker = streamingChunker('d', settings);
  const chunks: Chunk[] = [];
  for (const s of slices) chunks.push(...chunker.push(s));
  chunks.push(...chunker.finish());
  expect(slices.join('')).toBe(text);
  return chunks;
}

const whole = (text: string, settings: ChunkerSettings) =>
  chunkDocument({ id: 'd', name: 'd.txt', kind: 'text', text, structure: undefined }, settings).map(({ id, docId, index, start, end, text }) => ({
    id,
    docId,
    index,
    start,
    end,
    text,
  }));

const settingsArb: fc.Arbitrary<ChunkerSettings> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 20, max: 160 }), fc.integer({ min: 0, max: 79 }))
    .map(([chunkSize, ov]) => ({ kind: 'recursive' as const, chunkSize, overlap: Math.min(ov, Math.ceil(chunkSize / 2) - 1) })),
  fc
    .tuple(fc.integer({ min: 20, max: 160 }), fc.integer({ min: 0, max: 79 }))
    .map(([size, ov]) => ({ kind: 'fixed' as const, size, overlap: Math.min(ov, Math.ceil(size / 2) - 1) })),
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 20, max: 300 }))
    .map(([sentences, ov, maxSize]) => ({ kind: 'sentence' as const, sentences, overlapSentences: Math.min(ov, sentences - 1), maxSize })),
);

describe('streaming chunker', () => {
  it('gives exactly the whole-text chunks, whatever the text, the settings and the slice points', () => {
    fc.assert(
      fc.property(streamTextArb, settingsArb, cutsArb, (text, settings, cuts) => {
        expect(streamed(text, slicesOf(text, cuts), settings)).toEqual(whole(text, settings));
      }),
      RUNS,
    );
  });

  it('gives exactly the whole-text chunks when the text comes one code unit at a time', () => {
    fc.assert(
      fc.property(streamTextArb, settingsArb, (text, settings) => {
        expect(
          streamed(
            text,
            [...Array(text.length).keys()].map((i) => text[i]!),
            settings,
          ),
        ).toEqual(whole(text, settings));
      }),
      { numRuns: 60 },
    );
  });

  it('gives exactly the whole-text chunks under the default settings of every chunker that streams', () => {
    for (const settings of Object.values(DEFAULT_CHUNKER_SETTINGS).filter(streams)) {
      fc.assert(
        fc.property(streamTextArb, cutsArb, (text, cuts) => {
          const long = text.repeat(8);
          expect(streamed(long, slicesOf(long, cuts), settings)).toEqual(whole(long, settings));
        }),
        { numRuns: 40 },
      );
    }
  });

  it('gives chunks before the text is complete and keeps only a tail of it', () => {
    const paragraph = 'The volcano erupts. Lava flows down the slope, and the village is evacuated.\n\n火山喷发了。熔岩很热，村庄被疏散。\n\n';
    const text = paragraph.repeat(200);
    for (const settings of Object.values(DEFAULT_CHUNKER_SETTINGS).filter(streams)) {
      const chunker = streamingChunker('d', settings);
      const early = chunker.push(text.slice(0, text.length / 2));
      expect(early.length).toBeGreaterThan(10);
      expect(early.every((c) => c.end <= text.length / 2)).toBe(true);
      const rest = [...chunker.push(text.slice(text.length / 2)), ...chunker.finish()];
      expect([...early, ...rest]).toEqual(whole(text, settings));
    }
  });

  it('says which chunkers need the whole text', () => {
    expect(streams(DEFAULT_CHUNKER_SETTINGS.token)).toBe(false);
    expect(streams(DEFAULT_CHUNKER_SETTINGS.heading)).toBe(false);
    expect(() => streamingChunker('d', DEFAULT_CHUNKER_SETTINGS.token)).toThrow(/whole text/);
  });
});
