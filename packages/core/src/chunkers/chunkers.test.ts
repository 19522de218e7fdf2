// Properties of every chunker (fast-check): chunks cover the text in order, offsets give back exactly the
// chunk text, overlaps are what was asked for, no chunk exceeds the size, no grapheme is split.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from './index';
import { chunkFixed } from './fixed';
import { chunkSentences, sentenceUnits } from './sentence';
import { sentenceSpans } from './sentences';
import { chunkTokens, tokenAtoms } from './token';
import { chunkByHeadings } from './heading';
import { readChunkerSettings, validateChunkerSettings, DEFAULT_CHUNKER_SETTINGS, type ChunkerSettings } from './settings';
import { codePoints, commonProblems, graphemeSet, plainTextArb, textArb } from './testText';
import type { SourceDocument } from '../types';

const RUNS = { numRuns: 60 };
const doc = (text: string, extra: Partial<SourceDocument> = {}) => ({ id: 'd', name: 'd.txt', kind: 'text' as const, text, structure: undefined, ...extra });

/** A WordPiece-like counter: each atom's tokens are one per started group of 4 code points. */
const fakeCount = (s: string) => tokenAtoms(s).reduce((n, a) => n + Math.ceil(codePoints(s.slice(a.start, a.end)) / 4), 0);

describe('fixed-size chunker', () => {
  it('keeps every invariant, the size, and an overlap of at most what was asked', () => {
    fc.assert(
      fc.property(textArb, fc.integer({ min: 20, max: 120 }), fc.integer({ min: 0, max: 59 }), (text, size, ov) => {
        const overlap = Math.min(ov, Math.ceil(size / 2) - 1);
        const chunks = chunkFixed('d', text, { kind: 'fixed', size, overlap });
        expect(commonProblems(text, chunks, 'd')).toEqual([]);
        for (const [i, c] of chunks.entries()) {
          expect(codePoints(c.text) <= size || graphemeSet(c.text).size === 2).toBe(true);
          if (i > 0) expect(codePoints(text.slice(c.start, Math.max(c.start, chunks[i - 1]!.end)))).toBeLessThanOrEqual(overlap);
        }
      }),
      RUNS,
    );
  });

  it('overlaps by exactly the overlap and cuts at exactly the size on text without clusters', () => {
    fc.assert(
      fc.property(plainTextArb, fc.integer({ min: 20, max: 100 }), fc.integer({ min: 0, max: 49 }), (text, size, ov) => {
        const overlap = Math.min(ov, Math.ceil(size / 2) - 1);
        const chunks = chunkFixed('d', text, { kind: 'fixed', size, overlap });
        chunks.forEach((c, i) => {
          if (i + 1 < chunks.length) expect(c.text.length).toBe(size);
          if (i > 0) expect(chunks[i - 1]!.end - c.start).toBe(overlap);
        });
      }),
      RUNS,
    );
  });
});

describe('recursive chunker', () => {
  it('keeps every invariant and the size under the common settings', () => {
    fc.assert(
      fc.property(textArb, fc.integer({ min: 20, max: 120 }), fc.integer({ min: 0, max: 59 }), (text, chunkSize, ov) => {
        const overlap = Math.min(ov, Math.ceil(chunkSize / 2) - 1);
        const chunks = chunkDocument(doc(text), { kind: 'recursive', chunkSize, overlap });
        expect(commonProblems(text, chunks, 'd')).toEqual([]);
        for (const [i, c] of chunks.entries()) {
          expect(codePoints(c.text) <= chunkSize || graphemeSet(c.text).size === 2).toBe(true);
          if (i > 0) expect(codePoints(text.slice(c.start, Math.max(c.start, chunks[i - 1]!.end)))).toBeLessThanOrEqual(overlap);
        }
      }),
      RUNS,
    );
  });
});

describe('sentence chunker', () => {
  it('splits Chinese and English sentences', () => {
    const text = '火山喷发了。熔岩很热！你去过吗？ The lava is hot. Is it? Yes!';
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      '火山喷发了。',
      '熔岩很热！',
      '你去过吗？',
      'The lava is hot.',
      'Is it?',
      'Yes!',
    ]);
  });

  it('segments a long paragraph in windows with the same sentences as in one go', () => {
    const sentence = (i: number) => (i % 3 === 0 ? `句子${i}很长很长。` : `Sentence number ${i} is here.`);
    const text = Array.from({ length: 900 }, (_, i) => sentence(i)).join(' ');
    expect(text.length).toBeGreaterThan(4096 * 3);
    const got = sentenceSpans(text).map((s) => text.slice(s.start, s.end));
    expect(got).toEqual(Array.from({ length: 900 }, (_, i) => sentence(i)));
  });

  it('keeps every invariant, the sentence window, its overlap and the size', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 20, max: 200 }),
        (text, sentences, ov, maxSize) => {
          const overlapSentences = Math.min(ov, sentences - 1);
          const chunks = chunkSentences('d', text, { kind: 'sentence', sentences, overlapSentences, maxSize });
          expect(commonProblems(text, chunks, 'd')).toEqual([]);
          const units = sentenceUnits(text, maxSize);
          const startOf = new Map(units.map((u, k) => [u.start, k]));
          const endOf = new Map(units.map((u, k) => [u.end, k]));
          chunks.forEach((c, i) => {
            expect(codePoints(c.text) <= maxSize || graphemeSet(c.text).size === 2).toBe(true);
            const first = startOf.get(c.start)!;
            const last = endOf.get(c.end)!;
            expect(first).toBeDefined();
            expect(last - first + 1).toBeLessThanOrEqual(sentences);
            if (i > 0) {
              const prevFirst = startOf.get(chunks[i - 1]!.start)!;
              const prevLast = endOf.get(chunks[i - 1]!.end)!;
              const shared = Math.max(0, prevLast - first + 1);
              expect(shared).toBeLessThanOrEqual(overlapSentences);
              // The overlap asked for, unless the previous chunk holds fewer sentences or the size leaves no room.
              let expected = Math.min(overlapSentences, prevLast - prevFirst);
              while (expected > 0 && codePoints(text.slice(units[prevLast - expected + 1]!.start, units[prevLast + 1]!.end)) > maxSize) expected--;
              expect(shared).toBe(expected);
            }
          });
        },
      ),
      RUNS,
    );
  });
});

describe('token chunker', () => {
  it('keeps every invariant, the token limit and the token overlap', () => {
    fc.assert(
      fc.property(textArb, fc.integer({ min: 16, max: 60 }), fc.integer({ min: 0, max: 29 }), (text, tokens, ov) => {
        const overlapTokens = Math.min(ov, Math.ceil(tokens / 2) - 1);
        const chunks = chunkTokens('d', text, { kind: 'token', tokens, overlapTokens }, fakeCount);
        expect(commonProblems(text, chunks, 'd')).toEqual([]);
        chunks.forEach((c, i) => {
          expect(fakeCount(c.text) <= tokens || graphemeSet(c.text).size === 2).toBe(true);
          if (i > 0 && c.start < chunks[i - 1]!.end) expect(fakeCount(text.slice(c.start, chunks[i - 1]!.end))).toBeLessThanOrEqual(overlapTokens);
        });
      }),
      RUNS,
    );
  });

  it('overlaps by as many whole atoms as fit in the overlap', () => {
    const text = Array.from({ length: 200 }, (_, i) => `w${i % 10}`).join(' ');
    const count = (s: string) => tokenAtoms(s).length; // one token per word
    const chunks = chunkTokens('d', text, { kind: 'token', tokens: 20, overlapTokens: 5 }, count);
    expect(chunks.length).toBe(13);
    chunks.forEach((c, i) => {
      expect(count(c.text)).toBe(i === chunks.length - 1 ? count(c.text) : 20);
      if (i > 0) expect(count(text.slice(c.start, chunks[i - 1]!.end))).toBe(5);
    });
  });

  it('always moves forward, even when the next atom barely fits after the overlap', () => {
    const text = 'a a a a a a a a a a bb a a';
    const count = (s: string) => tokenAtoms(s).reduce((n, a) => n + (a.end - a.start === 2 ? 10 : 1), 0);
    const chunks = chunkTokens('d', text, { kind: 'token', tokens: 16, overlapTokens: 7 }, count);
    expect(commonProblems(text, chunks, 'd')).toEqual([]);
    for (const c of chunks) expect(count(c.text)).toBeLessThanOrEqual(16);
  });

  it('shortens a chunk until the real count fits, when atoms count differently together', () => {
    const text = 'ab '.repeat(100);
    const count = (s: string) => tokenAtoms(s).length + (s.length > 30 ? 5 : 0);
    const chunks = chunkTokens('d', text, { kind: 'token', tokens: 16, overlapTokens: 0 }, count);
    for (const c of chunks) expect(count(c.text)).toBeLessThanOrEqual(16);
    expect(commonProblems(text, chunks, 'd')).toEqual([]);
  });
});

describe('heading-aware chunker', () => {
  const md = ['# Volcanoes', 'Lava is hot.', '## Eruptions', 'They erupt.', '# Tea', 'Green tea.', '## Brewing', 'Steep it.'].join('\n\n');

  it('never holds text from two top-level sections and keeps the heading path', () => {
    const chunks = chunkByHeadings(doc(md, { name: 'notes.md', kind: 'markdown' }), { kind: 'heading', chunkSize: 2000, overlap: 0, splitLevel: 1 });
    expect(chunks.map((c) => c.text)).toEqual([md.slice(0, md.indexOf('# Tea')).trim(), md.slice(md.indexOf('# Tea'))]);
    const withMeta = chunkDocument(doc(md, { name: 'notes.md', kind: 'markdown' }), { kind: 'heading', chunkSize: 2000, overlap: 0, splitLevel: 2 });
    expect(withMeta.map((c) => c.meta?.headingPath)).toEqual([['Volcanoes'], ['Volcanoes', 'Eruptions'], ['Tea'], ['Tea', 'Brewing']]);
  });

  it('keeps every invariant with headings anywhere', () => {
    const mdArb = fc
      .array(
        fc.oneof(
          textArb.map((t) => t.slice(0, 120)),
          fc.constantFrom('\n# Top\n', '\n## Sub\n', '\n### Deep\n'),
        ),
        { maxLength: 12 },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(mdArb, fc.integer({ min: 20, max: 100 }), fc.integer({ min: 1, max: 3 }), (text, chunkSize, splitLevel) => {
        const d = doc(text, { name: 'x.md', kind: 'markdown' });
        const chunks = chunkByHeadings(d, { kind: 'heading', chunkSize, overlap: 5, splitLevel });
        expect(commonProblems(text, chunks, 'd')).toEqual([]);
        const tops = [...text.matchAll(/^# Top$/gm)].map((m) => m.index);
        for (const c of chunks) for (const t of tops) expect(t > c.start && t < c.end).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('chunker settings', () => {
  it('reads old recursive settings and each chunker’s own, and refuses bad ones', () => {
    expect(readChunkerSettings({ chunkSize: 300, overlap: 30 })).toEqual({ kind: 'recursive', chunkSize: 300, overlap: 30 });
    for (const s of Object.values(DEFAULT_CHUNKER_SETTINGS)) expect(readChunkerSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(readChunkerSettings({ kind: 'magic' })).toBeNull();
    expect(readChunkerSettings({ kind: 'sentence', sentences: 2, overlapSentences: 2, maxSize: 500 })).toBeNull();
    const bad: [ChunkerSettings, string][] = [
      [{ kind: 'fixed', size: 10, overlap: 0 }, 'size-too-small'],
      [{ kind: 'fixed', size: 100, overlap: 50 }, 'overlap-too-large'],
      [{ kind: 'token', tokens: 8, overlapTokens: 0 }, 'tokens-range'],
      [{ kind: 'token', tokens: 100, overlapTokens: 50 }, 'token-overlap-range'],
      [{ kind: 'sentence', sentences: 0, overlapSentences: 0, maxSize: 100 }, 'sentences-range'],
      [{ kind: 'heading', chunkSize: 100, overlap: 0, splitLevel: 7 }, 'level-range'],
      [{ kind: 'recursive', chunkSize: 1.5, overlap: 0 }, 'not-integer'],
    ];
    for (const [s, error] of bad) expect(validateChunkerSettings(s)).toBe(error);
  });

  it('the token chunker refuses to run without a tokenizer', () => {
    expect(() => chunkDocument(doc('text'), DEFAULT_CHUNKER_SETTINGS.token)).toThrow(/tokenizer/);
  });
});
