// The semantic chunker with the loaded neural embedder: its chunks are made with the window vectors the
// embedder worker computes, made again when the embedder changes, and other chunkers are not affected.
// The workers are in-process fakes (the real chunker; a topic embedder).
import { describe, expect, it, vi } from 'vitest';
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';

const calls = vi.hoisted(() => ({ chunk: [] as Array<{ kind: string; vectors: number | null }>, embedded: [] as string[][] }));

vi.mock('../runtime/workers', async () => {
  const { chunkDocument } = await import('@openbook/core/chunkers');
  const { packChunks } = await import('@openbook/core/chunkPacking');
  const { analyzeSemantic, semanticSentences, sentenceWindows } = await import('@openbook/core/chunkers/semantic');
  const { givenWindowVectors } = await import('@openbook/core/chunkers/semanticEmbedder');
  const { lsaEmbedTexts } = await import('@openbook/core/lsa/lsaEmbedTexts');
  const chunker = {
    async chunk(doc: Parameters<typeof chunkDocument>[0], settings: ChunkerSettings, _tokenizer: unknown, vectors?: Float32Array[] | null) {
      calls.chunk.push({ kind: settings.kind, vectors: vectors ? vectors.length : null });
      const semantic =
        settings.kind === 'semantic' ? await analyzeSemantic(doc.text, settings, vectors ? givenWindowVectors(vectors) : lsaEmbedTexts) : undefined;
      return packChunks(chunkDocument(doc, settings, undefined, semantic));
    },
    semanticWindows(text: string, settings: { buffer: number }) {
      const s = semanticSentences(text);
      return s.length < 2 ? [] : sentenceWindows(text, s, settings.buffer);
    },
  };
  const embedder = {
    async embed(texts: string[]) {
      calls.embedded.push(texts);
      return texts.map((t) => (/lava|volcano/i.test(t) ? new Float32Array([1, 0.1]) : new Float32Array([0.1, 1])));
    },
  };
  return { getChunker: async () => ({ api: chunker, terminate() {} }), getEmbedder: async () => ({ api: embedder, terminate() {} }) };
});

const TEXT =
  'Volcanoes erupt molten lava from deep underground. The lava of a volcano can reach 1,200 degrees. Volcano eruptions throw ash and lava high into the air. ' +
  'Green tea is steeped in water at 80 degrees. Tea leaves for green tea are picked in spring. Steeping green tea too long makes the tea bitter.';

describe('semantic chunks with the loaded embedder', () => {
  it('are made with its window vectors, again when it changes, and only for the semantic chunker', async () => {
    const documents = (await import('../documents/documentsStore')).useDocumentsStore;
    const chunking = await import('./chunkingStore');
    documents.setState({ documents: [{ id: 'd1', name: 'a.txt', kind: 'text', text: TEXT, sizeBytes: TEXT.length, addedAt: 1 }], selectedDocId: 'd1' });
    chunking.useChunkingStore.getState().setDraft({ kind: 'semantic', threshold: 'percentile', amount: 90, buffer: 0, maxSize: 1000 });
    await chunking.chunkingSettled();
    // The built-in embedder first (no model loaded): no vectors handed over.
    expect(calls.chunk.at(-1)).toEqual({ kind: 'semantic', vectors: null });
    expect(calls.embedded).toEqual([]);

    chunking.setSemanticEmbedder({ modelId: 'test/model', device: 'wasm' });
    await chunking.chunkingSettled();
    expect(calls.embedded).toHaveLength(1);
    expect(calls.embedded[0]).toHaveLength(6); // one window per sentence
    expect(calls.chunk.at(-1)).toEqual({ kind: 'semantic', vectors: 6 });
    const chunks = chunking.useChunkingStore.getState().chunksByDoc.get('d1')!;
    expect(chunks.map((c) => c.text.slice(0, 20))).toEqual(['Volcanoes erupt molt', 'Green tea is steeped']);
    // The same embedder again: nothing made again.
    const made = calls.chunk.length;
    chunking.setSemanticEmbedder({ modelId: 'test/model', device: 'wasm' });
    await chunking.chunkingSettled();
    expect(calls.chunk.length).toBe(made);

    // Another chunker does not depend on the embedder.
    chunking.useChunkingStore.getState().setDraft({ kind: 'recursive', chunkSize: 200, overlap: 0 });
    await chunking.chunkingSettled();
    const recursive = calls.chunk.length;
    chunking.setSemanticEmbedder(null);
    await chunking.chunkingSettled();
    expect(calls.chunk.length).toBe(recursive);
  });
});
