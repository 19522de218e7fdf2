// LLM-written chunk context: the cost stated before it starts, one generation per chunk, kept (never
// sent twice), cancelled with what was written kept, and used in the keyword text (never in the chunk's
// own text). The chunker runs in process; the chat model is a fake that answers from the chunk it is shown.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ prompts: [] as string[], loaded: 'openbook/tiny-chat' as string | null, onGenerate: null as null | (() => void) }));

vi.mock('../runtime/workers', async () => {
  const { chunkDocument } = await import('@openbook/core/chunkers');
  const { packChunks } = await import('@openbook/core/chunkPacking');
  const api = { chunk: (...args: Parameters<typeof chunkDocument>) => packChunks(chunkDocument(...args)) };
  return { getChunker: async () => ({ api, terminate() {} }) };
});
vi.mock('../generation/chatGenerator', () => ({
  currentGenerator: () =>
    fake.loaded
      ? {
          async generate(messages: Array<{ content: string }>, _options: unknown, onDelta: (t: string) => void) {
            const prompt = messages.at(-1)!.content;
            fake.prompts.push(prompt);
            fake.onGenerate?.();
            const chunk = /<chunk>\n([^\n]*)/.exec(prompt)![1]!;
            onDelta(`Context of “${chunk.slice(0, 12)}”. `);
            onDelta('A second sentence.');
            return {};
          },
          interrupt: async () => undefined,
        }
      : null,
}));
vi.mock('../generation/generationStore', () => ({ useGenerationStore: { getState: () => ({ loadedModelId: fake.loaded, phase: 'ready' }) } }));

const { useDocumentsStore } = await import('../documents/documentsStore');
const { useChunkingStore } = await import('./chunkingStore');
const { useChunkContextStore, chunkContextsInUse, chunkContextSet } = await import('./chunkContextStore');
const { planChunkContexts, writeChunkContexts, cancelChunkContexts } = await import('./chunkContextFlow');
const { keywordDocsOf } = await import('../retrieval/keywordIndexSync');

const TEXT = 'Lava flows from the crater.\n\nMagma rises below.\n\nAsh falls on the town.';
const store = () => useChunkContextStore.getState();

beforeEach(() => {
  fake.prompts = [];
  fake.loaded = 'openbook/tiny-chat';
  fake.onGenerate = null;
  useDocumentsStore.setState({ documents: [{ id: 'd1', name: 'volcano.txt', kind: 'text', text: TEXT, sizeBytes: TEXT.length, addedAt: 1 }] });
  useChunkingStore.setState({ options: { kind: 'recursive', chunkSize: 30, overlap: 0 }, draft: { kind: 'recursive', chunkSize: 30, overlap: 0 } });
  useChunkContextStore.setState({ use: true, modelId: null, contexts: {}, version: 0, phase: 'idle', plan: null, progress: null, error: null, notice: null });
});

describe('chunk contexts by the chat model', () => {
  it('states the cost first, writes one context per chunk, and never writes a kept one again', async () => {
    await planChunkContexts();
    expect(fake.prompts).toEqual([]); // nothing generated to state the cost
    expect(store().plan).toMatchObject({ generations: 3, kept: 0, modelId: 'openbook/tiny-chat', answerTokens: 240 });
    expect(store().plan!.promptTokens).toBeGreaterThan(0);

    await writeChunkContexts();
    expect(fake.prompts).toHaveLength(3);
    expect(fake.prompts[0]).toContain('<document title="volcano.txt">');
    expect(Object.values(store().contexts)).toEqual(['Context of “Lava flows f”.', 'Context of “Magma rises ”.', 'Context of “Ash falls on”.']);
    expect(store().notice).toEqual({ key: 'retr14.chunkContext.done', values: { count: 3 } });

    await planChunkContexts();
    expect(store().plan).toMatchObject({ generations: 0, kept: 3 });
    await writeChunkContexts();
    expect(fake.prompts).toHaveLength(3);
  });

  it('is used in the keyword text after the header, never in the chunk’s own text; off, not at all', async () => {
    await planChunkContexts();
    await writeChunkContexts();
    const chunks = useChunkingStore.getState().chunksByDoc.get('d1')!;
    const docs = keywordDocsOf(chunks, true, chunkContextsInUse());
    expect(docs[0]!.text).toBe('volcano.txt\n\nContext of “Lava flows f”.\n\nLava flows from the crater.');
    expect(chunks[0]!.text).toBe('Lava flows from the crater.');
    const before = chunkContextSet();
    store().setUse(false);
    expect(chunkContextSet()).toBeNull();
    expect(keywordDocsOf(chunks, false, chunkContextsInUse())[0]!.text).toBe('Lava flows from the crater.');
    store().setUse(true);
    expect(chunkContextSet()).not.toBe(before); // an index made with the earlier set is out of date
  });

  it('stops at cancel, keeping what was written', async () => {
    await planChunkContexts();
    fake.onGenerate = () => {
      if (fake.prompts.length === 2) cancelChunkContexts();
    };
    await writeChunkContexts();
    expect(fake.prompts).toHaveLength(2);
    expect(Object.keys(store().contexts)).toHaveLength(1);
    expect(store().notice).toEqual({ key: 'retr14.chunkContext.cancelled', values: { count: 1 } });
    expect(store().phase).toBe('idle');
  });

  it('needs a loaded chat model', async () => {
    fake.loaded = null;
    await planChunkContexts();
    expect(store().plan).toBeNull();
    expect(store().error?.key).toBe('techniques.queries.errors.no-model');
  });
});
