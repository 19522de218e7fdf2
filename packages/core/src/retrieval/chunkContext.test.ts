import { describe, expect, it } from 'vitest';
import {
  CONTEXT_DOCUMENT_CHARS,
  MAX_CONTEXT_CHARS,
  chunkContextCost,
  chunkContextKey,
  chunkContextPrompt,
  cleanChunkContext,
  documentExcerpt,
  estimateTokens,
} from './chunkContext';
import { indexedText } from './contextualHeader';

describe('LLM-written chunk context', () => {
  it('asks for one sentence situating the chunk in its document, in the chunk’s language', () => {
    const en = chunkContextPrompt('volcanoes.md', 'Volcanoes. Lava is hot.', 'Lava is hot.');
    expect(en).toContain('<chunk>\nLava is hot.\n</chunk>');
    expect(en).toContain('<document title="volcanoes.md">');
    expect(en).toMatch(/one short sentence of context/);
    expect(chunkContextPrompt('火山.txt', '火山喷发。', '岩浆很热。')).toMatch(/请用一句简短的话/);
  });

  it('keeps the document excerpt within its budget, with the text around the chunk', () => {
    const doc = `TITLE ${'a'.repeat(5000)} THE CHUNK ${'b'.repeat(5000)}`;
    const start = doc.indexOf('THE CHUNK');
    const excerpt = documentExcerpt(doc, start, start + 9);
    expect(excerpt.length).toBeLessThanOrEqual(CONTEXT_DOCUMENT_CHARS + 3);
    expect(excerpt.startsWith('TITLE')).toBe(true);
    expect(excerpt).toContain('THE CHUNK');
    expect(documentExcerpt('short', 0, 5)).toBe('short');
  });

  it('reads the reply as one sentence, whitespace collapsed, within the cap', () => {
    expect(cleanChunkContext('  This chunk explains lava\n temperature.  It also covers ash. ')).toBe('This chunk explains lava temperature.');
    expect(cleanChunkContext('本段介绍岩浆的温度。还有火山灰。')).toBe('本段介绍岩浆的温度。');
    expect([...cleanChunkContext('x'.repeat(1000))]).toHaveLength(MAX_CONTEXT_CHARS);
    expect(cleanChunkContext('   ')).toBe('');
  });

  it('keeps contexts by chunk content and title, model and prompt version', () => {
    const k = chunkContextKey('m', 'a.md', 'text');
    expect(chunkContextKey('m', 'a.md', 'text')).toBe(k);
    expect(chunkContextKey('other', 'a.md', 'text')).not.toBe(k);
    expect(chunkContextKey('m', 'b.md', 'text')).not.toBe(k);
    expect(chunkContextKey('m', 'a.md', 'text!')).not.toBe(k);
    expect(k).toContain('ctx1');
  });

  it('states the cost: one generation per chunk without a context, estimated tokens', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('岩浆很热')).toBe(4);
    expect(chunkContextCost(['abcd', 'abcdefgh'], 3, 80)).toEqual({ generations: 2, kept: 3, promptTokens: 3, answerTokens: 160 });
  });

  it('goes into the indexed text after the header and before the chunk; the chunk’s own text is untouched', () => {
    const chunk = { text: 'It erupts.', meta: { headingPath: ['Lava'] } };
    expect(indexedText(chunk, 'volcanoes.md', true, 'About lava flows.')).toBe('volcanoes.md › Lava\n\nAbout lava flows.\n\nIt erupts.');
    expect(indexedText(chunk, 'volcanoes.md', false, 'About lava flows.')).toBe('About lava flows.\n\nIt erupts.');
    expect(indexedText(chunk, 'volcanoes.md', false)).toBe('It erupts.');
    expect(chunk.text).toBe('It erupts.');
  });
});
