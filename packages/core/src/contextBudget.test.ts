import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimateTokens, planContextBudget, tokenUpperBound } from './contextBudget';

describe('planContextBudget', () => {
  it('keeps every chunk when they fit', () => {
    const b = planContextBudget({ baseTokens: 50, chunkTokens: [100, 100, 100], contextWindow: 1000, maxTokens: 200 });
    expect(b).toMatchObject({ kept: 3, dropped: [], promptTokens: 350, available: 800, baseFits: true });
  });

  it('drops the lowest-ranked chunks that do not fit, and says which', () => {
    const b = planContextBudget({ baseTokens: 50, chunkTokens: [100, 100, 100, 100], contextWindow: 500, maxTokens: 200 });
    expect(b).toMatchObject({ kept: 2, dropped: [2, 3], promptTokens: 250, available: 300 });
  });

  it('stops at the first chunk that does not fit: a smaller lower-ranked one does not jump ahead', () => {
    const b = planContextBudget({ baseTokens: 0, chunkTokens: [100, 300, 10], contextWindow: 300, maxTokens: 100 });
    expect(b).toMatchObject({ kept: 1, dropped: [1, 2] });
  });

  it('counts a prompt exactly at the limit as fitting', () => {
    expect(planContextBudget({ baseTokens: 10, chunkTokens: [90], contextWindow: 200, maxTokens: 100 }).kept).toBe(1);
  });

  it('says when not even the prompt without chunks fits', () => {
    const b = planContextBudget({ baseTokens: 300, chunkTokens: [10], contextWindow: 512, maxTokens: 400 });
    expect(b).toMatchObject({ kept: 0, dropped: [0], baseFits: false, available: 112 });
    expect(planContextBudget({ baseTokens: 1, chunkTokens: [], contextWindow: 100, maxTokens: 500 }).available).toBe(0);
  });

  it('never exceeds the room for the prompt when the base fits, and keeps a prefix in rank order', () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.array(fc.nat(300), { maxLength: 20 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.nat(2000),
        (baseTokens, chunkTokens, contextWindow, maxTokens) => {
          const b = planContextBudget({ baseTokens, chunkTokens, contextWindow, maxTokens });
          expect(b.kept + b.dropped.length).toBe(chunkTokens.length);
          expect(b.dropped).toEqual(chunkTokens.map((_, i) => i).slice(b.kept));
          expect(b.promptTokens).toBe(baseTokens + chunkTokens.slice(0, b.kept).reduce((a, x) => a + x, 0));
          if (b.baseFits) expect(b.promptTokens).toBeLessThanOrEqual(b.available);
          if (b.kept < chunkTokens.length) expect(b.promptTokens + chunkTokens[b.kept]!).toBeGreaterThan(b.available);
        },
      ),
    );
  });
});

describe('estimateTokens', () => {
  it('counts about a token per four Latin characters and one per CJK character', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('How hot is lava?')).toBe(4);
    expect(estimateTokens('岩浆有多热')).toBe(5);
    expect(estimateTokens('熔岩 lava')).toBe(2 + 2);
  });
});

describe('tokenUpperBound', () => {
  it('is the UTF-8 byte count, never below the estimate', () => {
    expect(tokenUpperBound('lava')).toBe(4);
    expect(tokenUpperBound('°C')).toBe(3);
    expect(tokenUpperBound('岩浆')).toBe(6);
    expect(tokenUpperBound('😀')).toBe(4);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (t) => {
        expect(tokenUpperBound(t)).toBeGreaterThanOrEqual(estimateTokens(t));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (t) => {
        expect(tokenUpperBound(t)).toBe(new TextEncoder().encode(t).length);
      }),
    );
  });
});
