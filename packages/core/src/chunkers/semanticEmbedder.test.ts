import { describe, expect, it } from 'vitest';
import { analyzeSemantic, chunkSemantic, DEFAULT_SEMANTIC_SETTINGS, semanticSentences, sentenceWindows } from './semantic';
import { givenWindowVectors, semanticEmbedderKey } from './semanticEmbedder';

const EN =
  'Volcanoes erupt molten lava from deep underground. The lava of a volcano can reach 1,200 degrees. Volcano eruptions throw ash and lava high into the air. ' +
  'Green tea is steeped in water at 80 degrees. Tea leaves for green tea are picked in spring. Steeping green tea too long makes the tea bitter.';
const ZH =
  '火山喷发时岩浆从地下涌出。火山的岩浆温度可以达到一千二百度。火山喷发会把火山灰和岩浆抛向高空。绿茶要用八十度的水冲泡。绿茶的茶叶在春天采摘。绿茶冲泡太久茶汤会变苦。';

/** A stand-in neural embedder: one direction per topic (volcano or tea), whatever the language. */
const topicVector = (text: string) => (/lava|volcano|火山|岩浆/i.test(text) ? new Float32Array([1, 0.1]) : new Float32Array([0.1, 1]));

describe('the semantic chunker with window vectors from another embedder', () => {
  for (const [language, text, second] of [
    ['English', EN, 'Green tea is steeped'],
    ['Chinese', ZH, '绿茶要用八十度的水冲泡'],
  ] as const) {
    it(`cuts between the two topics with the given vectors (${language})`, async () => {
      const settings = { ...DEFAULT_SEMANTIC_SETTINGS, amount: 90, buffer: 0 };
      // What the chunker worker hands the embedder worker: the sentence windows; what comes back: their vectors.
      const windows = sentenceWindows(text, semanticSentences(text), settings.buffer);
      expect(windows).toHaveLength(6);
      const analysis = await analyzeSemantic(text, settings, givenWindowVectors(windows.map(topicVector)));
      expect(analysis.breakpoints).toEqual([2]);
      const chunks = chunkSemantic('d', text, settings, analysis);
      expect(chunks.map((c) => c.text.startsWith(second))).toEqual([false, true]);
    });
  }

  it('refuses vectors that do not match the windows', async () => {
    await expect(analyzeSemantic(EN, { ...DEFAULT_SEMANTIC_SETTINGS, buffer: 0 }, givenWindowVectors([new Float32Array([1, 0])]))).rejects.toThrow(
      '1 window vectors were given for 6 sentence windows.',
    );
  });

  it('names the embedder in the chunks’ key', () => {
    expect(semanticEmbedderKey(null)).toBe('lsa');
    expect(semanticEmbedderKey({ modelId: 'Xenova/all-MiniLM-L6-v2', device: 'wasm' })).toBe('Xenova/all-MiniLM-L6-v2/wasm');
  });
});
