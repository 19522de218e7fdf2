import { describe, expect, it } from 'vitest';
import { lsaEmbedTexts } from '../lsa/lsaEmbedTexts';
import { analyzeSemantic, chunkSemantic, DEFAULT_SEMANTIC_SETTINGS, semanticCut } from './semantic';
import { validateChunkerSettings, readChunkerSettings, settingsKey } from './settings';

// Two clear topics, four sentences each: the one breakpoint belongs between them.
const EN =
  'Volcanoes erupt molten lava from deep underground. The lava of a volcano can reach 1,200 degrees. Volcano eruptions throw ash and lava high into the air. Lava from the volcano cools into black rock. ' +
  'Green tea is steeped in water at 80 degrees. Tea leaves for green tea are picked in spring. Steeping green tea too long makes the tea bitter. Green tea leaves can be steeped two or three times.';
const ZH =
  '火山喷发时岩浆从地下涌出。火山的岩浆温度可以达到一千二百度。火山喷发会把火山灰和岩浆抛向高空。火山岩浆冷却后变成黑色的岩石。' +
  '绿茶要用八十度的水冲泡。绿茶的茶叶在春天采摘。绿茶冲泡太久茶汤会变苦。绿茶的茶叶可以冲泡两三次。';

describe('semantic chunker', () => {
  for (const [language, text, second] of [
    ['English', EN, 'Green tea is steeped'],
    ['Chinese', ZH, '绿茶要用八十度的水冲泡'],
  ] as const) {
    it(`breaks between two clear topics (${language}), sentences found by Intl.Segmenter`, async () => {
      // Windows of one sentence (buffer 0): the built-in LSA, fitted to eight sentences, is too coarse to
      // smooth over neighbours here.
      const settings = { ...DEFAULT_SEMANTIC_SETTINGS, threshold: 'percentile' as const, amount: 90, buffer: 0 };
      const analysis = await analyzeSemantic(text, settings, lsaEmbedTexts);
      expect(analysis.sentences).toHaveLength(8);
      expect(analysis.distances).toHaveLength(7);
      // The largest distance is between sentence 4 and 5, and it is the one breakpoint.
      const largest = analysis.distances.indexOf(Math.max(...analysis.distances));
      expect(largest).toBe(3);
      expect(analysis.breakpoints).toEqual([3]);
      const chunks = chunkSemantic('d', text, settings, analysis);
      expect(chunks).toHaveLength(2);
      expect(chunks[1]!.text.startsWith(second)).toBe(true);
      for (const c of chunks) expect(c.text).toBe(text.slice(c.start, c.end));
    });
  }

  it('keeps to the size cap, cutting between sentences', async () => {
    const settings = { ...DEFAULT_SEMANTIC_SETTINGS, threshold: 'percentile' as const, amount: 99, buffer: 0, maxSize: 120 };
    const analysis = await analyzeSemantic(EN, settings, lsaEmbedTexts);
    const chunks = chunkSemantic('d', EN, settings, analysis);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) expect([...c.text].length).toBeLessThanOrEqual(120);
    // A sentence longer than the cap alone is cut every maxSize characters.
    const long = 'a'.repeat(250) + '. Short one.';
    const cut = chunkSemantic('d', long, { ...settings, maxSize: 100 }, await analyzeSemantic(long, settings, lsaEmbedTexts));
    expect(cut.map((c) => c.text.length)).toEqual([100, 100, 51, 10]);
  });

  it('with a standard-deviation threshold, breaks at the peak too', async () => {
    const analysis = await analyzeSemantic(EN, { ...DEFAULT_SEMANTIC_SETTINGS, threshold: 'stddev', amount: 1.5, buffer: 0 }, lsaEmbedTexts);
    expect(analysis.breakpoints).toEqual([3]);
    expect(analysis.cut).toBeGreaterThan(Math.max(...analysis.distances.filter((_, i) => i !== 3)));
  });

  it('joins a too-short sentence (a list number) to the next', async () => {
    const text = 'Intro sentence here.\n\n1. First step of the list.\n2. Second step of the list.';
    const analysis = await analyzeSemantic(text, { ...DEFAULT_SEMANTIC_SETTINGS, buffer: 0 }, lsaEmbedTexts);
    expect(analysis.sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Intro sentence here.',
      '1. First step of the list.',
      '2. Second step of the list.',
    ]);
  });

  it('computes percentile and standard-deviation thresholds', () => {
    expect(semanticCut([0.1, 0.2, 0.3, 0.4, 0.5], 'percentile', 50)).toBeCloseTo(0.3);
    expect(semanticCut([0.1, 0.2, 0.3, 0.4, 0.5], 'percentile', 75)).toBeCloseTo(0.4);
    expect(semanticCut([1, 1, 1, 1], 'stddev', 2)).toBe(1);
    expect(semanticCut([], 'stddev', 2)).toBeNull();
  });

  it('has valid settings, read back from storage and keyed', () => {
    expect(validateChunkerSettings(DEFAULT_SEMANTIC_SETTINGS)).toBeNull();
    expect(validateChunkerSettings({ ...DEFAULT_SEMANTIC_SETTINGS, amount: 100 })).toBe('semantic-amount-range');
    expect(validateChunkerSettings({ ...DEFAULT_SEMANTIC_SETTINGS, threshold: 'stddev', amount: 6 })).toBe('semantic-amount-range');
    expect(validateChunkerSettings({ ...DEFAULT_SEMANTIC_SETTINGS, buffer: 9 })).toBe('semantic-buffer-range');
    expect(readChunkerSettings(JSON.parse(JSON.stringify(DEFAULT_SEMANTIC_SETTINGS)))).toEqual(DEFAULT_SEMANTIC_SETTINGS);
    expect(settingsKey(DEFAULT_SEMANTIC_SETTINGS)).toBe('semantic/percentile/80/1/1000');
  });
});
