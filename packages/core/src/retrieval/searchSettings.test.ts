import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_SETTINGS, sanitizeSearchSettings, toRetrievalConfig, toRetrievalFilter } from './searchSettings';

describe('search settings', () => {
  it('turns settings into a RetrievalConfig: MMR and threshold only when switched on', () => {
    const off = toRetrievalConfig({ ...DEFAULT_SEARCH_SETTINGS, mmrLambda: 0.3, minScore: 0.2 }, 5, null);
    expect(off).toMatchObject({ mode: 'vector', topK: 5, mmrLambda: null, minScore: null, filter: null });
    const on = toRetrievalConfig({ ...DEFAULT_SEARCH_SETTINGS, mode: 'hybrid', mmr: true, mmrLambda: 0.3, threshold: true, minScore: 0.2 }, 5, {
      docIds: ['a'],
    });
    expect(on).toMatchObject({ mode: 'hybrid', mmrLambda: 0.3, minScore: 0.2, filter: { docIds: ['a'] } });
  });

  it('makes stored settings safe', () => {
    expect(sanitizeSearchSettings(null)).toEqual(DEFAULT_SEARCH_SETTINGS);
    const bad = sanitizeSearchSettings({ mode: 'magic', fusion: 'rrf', vectorWeight: 7, candidates: -3, mmr: 'yes', mmrLambda: Number.NaN, minScore: 'x' });
    expect(bad).toEqual({ ...DEFAULT_SEARCH_SETTINGS, fusion: 'rrf', vectorWeight: 1, candidates: 1 });
    expect(sanitizeSearchSettings({ mode: 'keyword', candidates: 1e9 }).candidates).toBe(200);
  });

  it('builds the filter from chosen documents and a page range, dropping removed documents', () => {
    expect(toRetrievalFilter(null, { from: null, to: null }, ['a'])).toBeNull();
    expect(toRetrievalFilter(['a', 'gone'], { from: null, to: null }, ['a', 'b'])).toEqual({ docIds: ['a'] });
    expect(toRetrievalFilter(null, { from: 3, to: null }, ['a'])).toEqual({ pages: { from: 3, to: Number.MAX_SAFE_INTEGER } });
  });
});
