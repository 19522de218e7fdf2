import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textRuns } from './chunkLayers';

describe('text runs for the coloured view', () => {
  it('marks gaps, single chunks and overlaps', () => {
    const runs = textRuns(20, [
      { start: 2, end: 10 },
      { start: 7, end: 15 },
    ]);
    expect(runs).toEqual([
      { start: 0, end: 2, chunk: -1, first: -1, depth: 0 },
      { start: 2, end: 7, chunk: 0, first: 0, depth: 1 },
      { start: 7, end: 10, chunk: 1, first: 0, depth: 2 },
      { start: 10, end: 15, chunk: 1, first: 1, depth: 1 },
      { start: 15, end: 20, chunk: -1, first: -1, depth: 0 },
    ]);
  });

  it('tiles the text and counts the chunks over every run', () => {
    const spans = fc
      .array(fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 60 })), { maxLength: 20 })
      .map((a) => a.map(([s, l]) => ({ start: s, end: Math.min(200, s + l) })).filter((s) => s.end > s.start));
    fc.assert(
      fc.property(spans, (chunks) => {
        const runs = textRuns(200, chunks);
        expect(runs[0]!.start).toBe(0);
        expect(runs.at(-1)!.end).toBe(200);
        runs.forEach((r, i) => {
          if (i > 0) expect(r.start).toBe(runs[i - 1]!.end);
          const covering = chunks.flatMap((c, k) => (c.start <= r.start && c.end >= r.end ? [k] : []));
          expect(r.depth).toBe(covering.length);
          expect(r.chunk).toBe(covering.length ? Math.max(...covering) : -1);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('packed chunks', () => {
  it('come back exactly as they were, text taken from the document', async () => {
    const { packChunks, unpackChunks } = await import('./chunkPacking');
    const { chunkDocument } = await import('./chunkers');
    const text = '# A\n\nLava is hot. 火山喷发。\n\n## B\n\n' + 'Tea is green. '.repeat(30);
    const chunks = chunkDocument(
      {
        id: 'd',
        name: 'x.md',
        kind: 'markdown',
        text,
        structure: {
          pages: [
            { page: 1, start: 0, end: 40 },
            { page: 2, start: 40, end: text.length },
          ],
        },
      },
      { kind: 'recursive', chunkSize: 60, overlap: 10 },
    );
    expect(chunks.some((c) => c.meta?.pageEnd === 2 && c.meta.headingPath?.length === 2)).toBe(true);
    expect(unpackChunks('d', text, structuredClone(packChunks(chunks)))).toEqual(chunks);
  });
});

describe('code point counter', () => {
  it('counts like [...text.slice(start, end)].length at every pair of code point boundaries', async () => {
    const { codePointCounter } = await import('./unicodeText');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const count = codePointCounter(text);
        const edges = [0];
        for (const ch of text) edges.push(edges.at(-1)! + ch.length);
        for (const a of edges) for (const b of edges) if (a <= b) expect(count(a, b)).toBe([...text.slice(a, b)].length);
      }),
      { numRuns: 100 },
    );
  });
});
