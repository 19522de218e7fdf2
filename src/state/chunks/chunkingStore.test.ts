// The chunking store: settings saved before there were several chunkers, settings applied after a pause
// in typing, and token chunks made again when the embedding model (its tokenizer) changes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import type { TokenizerRef } from '../../adapters/chunker/tokenizer';

const calls: { settings: ChunkerSettings; tokenizer: string | null }[] = [];

vi.mock('../runtime/workers', async () => {
  const { chunkDocument } = await import('@openbook/core/chunkers');
  const { tokenAtoms } = await import('@openbook/core/chunkers/token');
  const { packChunks } = await import('@openbook/core/chunkPacking');
  const api = {
    async chunk(doc: Parameters<typeof chunkDocument>[0], settings: ChunkerSettings, tokenizer: TokenizerRef | null) {
      calls.push({ settings, tokenizer: tokenizer?.modelId ?? null });
      // A stand-in tokenizer: one token per atom, two for the "wide" model.
      const perAtom = tokenizer?.modelId === 'wide' ? 2 : 1;
      return packChunks(chunkDocument(doc, settings, tokenizer ? (s) => tokenAtoms(s).length * perAtom : undefined));
    },
  };
  return { getChunker: async () => ({ api, terminate() {} }) };
});

const tokenizer = (modelId: string): TokenizerRef => ({
  modelId,
  passagePrefix: '',
  maxTokens: 512,
  source: { remoteHost: 'https://huggingface.co', basePath: '/' },
});

async function load() {
  vi.resetModules();
  const documents = await import('../documents/documentsStore');
  const chunking = await import('./chunkingStore');
  return { documents: documents.useDocumentsStore, chunking };
}

afterEach(() => {
  localStorage.clear();
  calls.length = 0;
  vi.useRealTimers();
});

describe('chunking store', () => {
  it('reads settings saved before there were several chunkers as the recursive chunker', async () => {
    localStorage.setItem(
      'openbook.chunking',
      JSON.stringify({ state: { options: { chunkSize: 300, overlap: 30 }, draft: { chunkSize: 300, overlap: 30 } }, version: 0 }),
    );
    const { chunking } = await load();
    expect(chunking.useChunkingStore.getState().options).toEqual({ kind: 'recursive', chunkSize: 300, overlap: 30 });
    expect(chunking.useChunkingStore.getState().draft).toEqual({ kind: 'recursive', chunkSize: 300, overlap: 30 });
  });

  it('falls back to the default for saved settings it cannot read, and saves the chunker with its settings', async () => {
    localStorage.setItem('openbook.chunking', JSON.stringify({ state: { options: { kind: 'magic' } }, version: 0 }));
    const { chunking } = await load();
    expect(chunking.useChunkingStore.getState().options).toEqual(chunking.DEFAULT_CHUNKING);
    chunking.useChunkingStore.getState().setDraft({ kind: 'sentence', sentences: 4, overlapSentences: 1, maxSize: 900 });
    expect(JSON.parse(localStorage.getItem('openbook.chunking')!).state.options).toEqual({ kind: 'sentence', sentences: 4, overlapSentences: 1, maxSize: 900 });
  });

  it('applies typed settings after the pause, and never invalid ones', async () => {
    vi.useFakeTimers();
    const { chunking } = await load();
    const store = chunking.useChunkingStore;
    store.getState().setDraft({ kind: 'fixed', size: 300, overlap: 10 }, 300);
    expect(store.getState().options.kind).toBe('recursive');
    store.getState().setDraft({ kind: 'fixed', size: 400, overlap: 10 }, 300);
    vi.advanceTimersByTime(299);
    expect(store.getState().options.kind).toBe('recursive');
    vi.advanceTimersByTime(1);
    expect(store.getState().options).toEqual({ kind: 'fixed', size: 400, overlap: 10 });
    store.getState().setDraft({ kind: 'fixed', size: 400, overlap: 300 }, 300);
    expect(store.getState().draftError).toBe('overlap-too-large');
    vi.advanceTimersByTime(1000);
    expect(store.getState().options).toEqual({ kind: 'fixed', size: 400, overlap: 10 });
    // Indexing right after typing takes the settings just typed.
    store.getState().setDraft({ kind: 'fixed', size: 250, overlap: 10 }, 300);
    void chunking.allChunks();
    expect(store.getState().options).toEqual({ kind: 'fixed', size: 250, overlap: 10 });
  });

  it('makes token chunks again with another model’s tokenizer, and other chunks only once', async () => {
    const { documents, chunking } = await load();
    const text = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    documents.setState({ documents: [{ id: 'd1', name: 'a.txt', kind: 'text', text, sizeBytes: text.length, addedAt: 1 }], selectedDocId: 'd1' });
    chunking.setChunkingTokenizer(tokenizer('narrow'));
    chunking.useChunkingStore.getState().setDraft({ kind: 'token', tokens: 20, overlapTokens: 0 });
    await chunking.chunkingSettled();
    expect(chunking.useChunkingStore.getState().chunksByDoc.get('d1')).toHaveLength(5);
    chunking.setChunkingTokenizer(tokenizer('wide'));
    await chunking.chunkingSettled();
    expect(chunking.useChunkingStore.getState().chunksByDoc.get('d1')).toHaveLength(10);
    expect(calls.at(-1)).toMatchObject({ tokenizer: 'wide' });

    chunking.useChunkingStore.getState().setDraft({ kind: 'recursive', chunkSize: 100, overlap: 0 });
    await chunking.chunkingSettled();
    const before = calls.length;
    chunking.setChunkingTokenizer(tokenizer('narrow'));
    await chunking.chunkingSettled();
    expect(calls.length).toBe(before);
  });

  it('keys chunks by document id safely: ids such as __proto__ or constructor are documents like any other', async () => {
    const { documents, chunking } = await load();
    const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const docs = ids.map((id) => ({ id, name: `${id}.txt`, kind: 'text' as const, text: `The ${id} document. It has words.`, sizeBytes: 30, addedAt: 1 }));
    documents.setState({ documents: docs, selectedDocId: '__proto__' });
    const all = await chunking.allChunks();
    expect(new Set(all.map((c) => c.docId))).toEqual(new Set(ids));
    const state = chunking.useChunkingStore.getState();
    for (const id of ids) expect(state.chunksByDoc.get(id)?.[0]?.text).toContain(`The ${id} document`);
    // A document not chunked (or not there) finds nothing, not Object.prototype's members.
    expect(state.chunksByDoc.get('valueOf')).toBeUndefined();
    documents.setState({ documents: docs.slice(1) });
    await chunking.chunkingSettled();
    expect([...chunking.useChunkingStore.getState().chunksByDoc.keys()]).toEqual(ids.slice(1));
  });

  it("lets equal chunks the page holds already (the vector index's) stand for new ones, and only equal ones", async () => {
    const { documents, chunking } = await load();
    const text = 'Lava is molten rock. '.repeat(20);
    documents.setState({ documents: [{ id: 'd1', name: 'd1.txt', kind: 'text', text, sizeBytes: text.length, addedAt: 1 }], selectedDocId: 'd1' });
    chunking.useChunkingStore.getState().setDraft({ kind: 'recursive', chunkSize: 100, overlap: 0 });
    const first = await chunking.allChunks();
    expect(first.length).toBeGreaterThan(2);
    // Held elsewhere: an equal copy of chunk 0 (its text another string), and chunk 1 with other offsets.
    const copy = { ...first[0]!, text: `${first[0]!.text} `.slice(0, -1) };
    const moved = { ...first[1]!, start: first[1]!.start + 1, text: text.slice(first[1]!.start + 1, first[1]!.end) };
    const known = new Map([copy, moved].map((c) => [c.id, c]));
    chunking.reuseChunks((id) => known.get(id));
    chunking.useChunkingStore.getState().setDraft({ kind: 'recursive', chunkSize: 100, overlap: 1 });
    await chunking.chunkingSettled();
    chunking.useChunkingStore.getState().setDraft({ kind: 'recursive', chunkSize: 100, overlap: 0 }); // chunked again, as before
    const again = await chunking.allChunks();
    expect(again).toEqual(first);
    expect(again[0]).toBe(copy);
    expect(again[1]).not.toBe(moved);
    expect(again[1]).toEqual(first[1]);
    chunking.reuseChunks(() => undefined);
  });
});
