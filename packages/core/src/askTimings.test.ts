import { describe, expect, it } from 'vitest';
import { askTimings, retrievalSearchMs } from './askTimings';

describe('askTimings', () => {
  it('splits the time to the first token into its stages', () => {
    const t = askTimings({ pressed: 1000, retrieved: 1030, promptBuilt: 1034, firstToken: 1200, embedMs: 20, searchMs: 2 });
    expect(t).toEqual({ embedMs: 20, searchMs: 2, promptMs: 4, generationMs: 166, otherMs: 8, totalMs: 200, outsideModelsMs: 14 });
    expect(t.embedMs + t.searchMs + t.otherMs + t.promptMs + t.generationMs).toBe(t.totalMs);
  });

  it('counts the keyword search and the later stages (fusion, reranking) as search time', () => {
    // vector only: its search and the later stages
    expect(retrievalSearchMs({ embedMs: 20, searchMs: 2, keywordMs: null, combineMs: 1 })).toBe(3);
    // keyword only: no embedding
    expect(retrievalSearchMs({ embedMs: 0, searchMs: 0, keywordMs: 5, combineMs: 0 })).toBe(5);
    // hybrid: the keyword search ran alongside the embedding and ended first
    expect(retrievalSearchMs({ embedMs: 20, searchMs: 2, keywordMs: 8, combineMs: 40 })).toBe(42);
    // hybrid: the keyword search ended last
    expect(retrievalSearchMs({ embedMs: 20, searchMs: 2, keywordMs: 30, combineMs: 1 })).toBe(11);
  });
});
