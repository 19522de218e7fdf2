import { describe, expect, it } from 'vitest';
import { sameChunk } from './sameChunk';
import type { Chunk } from './types';

const text = 'Lava is molten rock. It cools into basalt.';
const chunk = (over: Partial<Chunk> = {}): Chunk => ({ id: 'd#1', docId: 'd', index: 1, start: 21, end: 42, text: text.slice(21, 42), ...over });

describe('sameChunk', () => {
  it('is true for equal chunks made apart (their texts are other strings of the same characters)', () => {
    const meta = { pageStart: 2, pageEnd: 3, headingPath: ['A', 'B'], sectionSpan: [['A'], ['A', 'B']] as [string[], string[]] };
    expect(sameChunk(chunk(), chunk({ text: `${text} `.slice(21, 42) }))).toBe(true);
    expect(sameChunk(chunk({ meta }), chunk({ meta: structuredClone(meta) }))).toBe(true);
  });

  it('is false when anything differs', () => {
    const differing: Partial<Chunk>[] = [
      { id: 'd#2' },
      { docId: 'e' },
      { index: 2 },
      { start: 20, text: text.slice(20, 42) },
      { end: 41, text: text.slice(21, 41) },
      { text: 'It cools into basalt!' },
      { meta: { pageStart: 1, pageEnd: 1 } },
    ];
    for (const over of differing) expect(sameChunk(chunk(), chunk(over)), JSON.stringify(over)).toBe(false);
    expect(sameChunk(chunk({ meta: { headingPath: ['A'] } }), chunk({ meta: { headingPath: ['B'] } }))).toBe(false);
    expect(sameChunk(chunk({ meta: { headingPath: ['A'] } }), chunk({ meta: { headingPath: ['A'], sectionSpan: [['A'], ['B']] } }))).toBe(false);
    expect(
      sameChunk(chunk({ meta: { headingPath: ['A'], sectionSpan: [['A'], ['B']] } }), chunk({ meta: { headingPath: ['A'], sectionSpan: [['A'], ['C']] } })),
    ).toBe(false);
  });
});
