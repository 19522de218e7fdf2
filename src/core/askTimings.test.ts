import { describe, expect, it } from 'vitest';
import { askTimings } from './askTimings';

describe('askTimings', () => {
  it('splits the time to the first token into its stages', () => {
    const t = askTimings({ pressed: 1000, retrieved: 1030, promptBuilt: 1034, firstToken: 1200, embedMs: 20, searchMs: 2 });
    expect(t).toEqual({ embedMs: 20, searchMs: 2, promptMs: 4, generationMs: 166, otherMs: 8, totalMs: 200, outsideModelsMs: 14 });
    expect(t.embedMs + t.searchMs + t.otherMs + t.promptMs + t.generationMs).toBe(t.totalMs);
  });
});
