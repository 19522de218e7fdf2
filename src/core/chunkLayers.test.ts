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
    const spans = fc.array(fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 60 })), { maxLength: 20 }).map((a) => a.map(([s, l]) => ({ start: s, end: Math.min(200, s + l) })).filter((s) => s.end > s.start));
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
