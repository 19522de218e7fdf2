// Persisted settings read back with schemas: every store's saved value that fails its schema is dropped
// to its default with a notice (never thrown), valid values saved before versions were written still
// load, and text that is not JSON is a notice too.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';

vi.mock('./workers', () => ({}));

afterEach(() => {
  localStorage.clear();
});

/** Save `state` under `name` as zustand did before versions (version 0), or raw text. */
function saved(name: string, state: unknown, version = 0) {
  localStorage.setItem(name, typeof state === 'string' ? state : JSON.stringify({ state, version }));
}

/** The app's modules afresh, as a page load: the stores read localStorage as they are created. */
async function load() {
  vi.resetModules();
  const notices = await import('./noticesStore');
  return {
    notices: () => notices.useNoticesStore.getState().notices.map((n) => n.message),
    prompt: (await import('../augment/promptStore')).usePromptStore,
    evaluation: (await import('../evaluation/evaluationStore')).useEvaluationStore,
    ingest: (await import('../documents/ingestSettingsStore')).useIngestSettingsStore,
    sampling: (await import('../generation/samplingStore')).useSamplingStore,
    chunking: (await import('../chunks/chunkingStore')).useChunkingStore,
    settings: (await import('../models/settingsStore')).useSettingsStore,
    retrieval: (await import('../retrieval/retrievalStore')).useRetrievalStore,
    engine: (await import('../embedding/indexEngineStore')).useIndexEngineStore,
    endpoint: (await import('../generation/endpointStore')).useEndpointStore,
  };
}

const dropped = (setting: string) => ({ key: 'notices.settingDropped', values: { setting } });

describe('parsePersisted', () => {
  it('keeps fields that pass, drops those that fail with a notice, and ignores missing ones', async () => {
    const { parsePersisted } = await import('./persistedSchema');
    const { useNoticesStore } = await import('./noticesStore');
    useNoticesStore.setState({ notices: [] });
    const fields = { a: v.string(), b: v.number(), c: v.boolean() };
    expect(parsePersisted<{ a: string; b: number; c: boolean }>('s', fields, { a: 'x', b: 'not a number', extra: 1 })).toEqual({ a: 'x' });
    expect(useNoticesStore.getState().notices.map((n) => n.message)).toEqual([dropped('s.b')]);
    expect(parsePersisted('s', fields, undefined)).toEqual({});
    expect(parsePersisted('s', fields, null)).toEqual({});
    for (const bad of [5, 'text', [1, 2]]) expect(parsePersisted('s', fields, bad)).toEqual({});
    expect(useNoticesStore.getState().notices.at(-1)!.message).toEqual({ key: 'notices.settingsUnreadable', values: { store: 's' } });
  });

  it('reads own fields only: __proto__ or constructor in a saved value are not fields', async () => {
    const { parsePersisted } = await import('./persistedSchema');
    const persisted = JSON.parse('{"__proto__": {"a": "polluted"}, "constructor": "x"}');
    expect(parsePersisted<{ a: string }>('s', { a: v.string() }, persisted)).toEqual({});
    expect(({} as { a?: string }).a).toBeUndefined();
  });
});

describe('stores read their saved values with schemas', () => {
  it.each([5, { text: 'x' }, ['a'], true])('a prompt template saved as %j is dropped to the default', async (custom) => {
    saved('openbook.prompt', { custom });
    const s = await load();
    expect(s.prompt.getState().custom).toBeNull();
    expect(s.notices()).toEqual([dropped('openbook.prompt.custom')]);
  });

  it.each([
    ['not an array', { a: 1 }],
    ['a string', 'questions'],
    ['null items', [null, { id: 'q', question: 'Q?', expectedDocument: null, expectedSubstring: null }]],
    ['an item without its fields', [{ question: 'Q?' }]],
  ])('a question set that is %s is dropped to none, and the configurations stay', async (_what, questions) => {
    const configurations = [{ id: 'c1', embeddingModelId: null, chunking: null, topK: 7, mode: 'keyword', rerankModelId: null }];
    saved('openbook.evaluation', { questions, configurations }, 1);
    const s = await load();
    expect(s.evaluation.getState().questions).toEqual([]);
    expect(s.evaluation.getState().configurations).toEqual(configurations);
    expect(s.notices()).toEqual([dropped('openbook.evaluation.questions')]);
  });

  it('keeps configurations as edited, also with values shown as invalid (k of 0, an emptied field)', async () => {
    const configurations = [
      { id: 'c', embeddingModelId: null, chunking: { kind: 'fixed', size: null, overlap: 10 }, topK: 0, mode: 'vector', rerankModelId: null },
    ];
    saved('openbook.evaluation', { questions: [], configurations }, 1);
    const s = await load();
    expect(s.evaluation.getState().configurations).toEqual([{ ...configurations[0], chunking: { kind: 'fixed', size: NaN, overlap: 10 } }]);
    expect(s.notices()).toEqual([]);
  });

  it('drops configurations that are not configurations (unknown mode or chunker, missing fields, none at all)', async () => {
    const c = { id: 'c', embeddingModelId: null, chunking: null, topK: 4, mode: 'vector', rerankModelId: null };
    for (const configurations of [
      [{ ...c, mode: 'magic' }],
      [{ ...c, chunking: { kind: 'magic' } }],
      [{ ...c, chunking: { kind: 'fixed', size: '1' } }],
      [{ id: 'c' }],
      [],
    ]) {
      saved('openbook.evaluation', { questions: [], configurations }, 1);
      const s = await load();
      expect(s.evaluation.getState().configurations).toHaveLength(1);
      expect(s.notices()).toEqual([dropped('openbook.evaluation.configurations')]);
    }
  });

  it.each([-1, 0, 5000, 'big', null])('a largest file size saved as %j is dropped to 100 MB', async (maxFileMB) => {
    saved('openbook.ingest', { maxFileMB });
    const s = await load();
    expect(s.ingest.getState().maxFileMB).toBe(100);
    expect(s.notices()).toEqual([dropped('openbook.ingest.maxFileMB')]);
  });

  it('drops sampling values out of range, one by one', async () => {
    saved('openbook.sampling', { temperature: 9, topP: 0.5, maxTokens: 1.5, customSystem: { x: 1 } });
    const s = await load();
    expect(s.sampling.getState()).toMatchObject({ temperature: 0.2, topP: 0.5, maxTokens: 512, customSystem: null });
    expect(s.notices()).toEqual([dropped('openbook.sampling.temperature'), dropped('openbook.sampling.maxTokens'), dropped('openbook.sampling.customSystem')]);
  });

  it('drops unknown choices (model source, index engine) and a context window that is not a number', async () => {
    saved('openbook.settings', { modelSource: 'ftp', customHost: 'https://m.example' });
    saved('openbook.indexEngine', { engine: 'faiss' });
    saved('openbook.endpoint', { baseUrl: 'http://localhost:1234/v1', contextWindow: 'lots' });
    const s = await load();
    expect(s.settings.getState()).toMatchObject({ modelSource: 'huggingface', customHost: 'https://m.example' });
    expect(s.engine.getState().engine).toBe('exact');
    expect(s.endpoint.getState()).toMatchObject({ baseUrl: 'http://localhost:1234/v1', contextWindow: 4096 });
    expect(s.notices()).toEqual([dropped('openbook.settings.modelSource'), dropped('openbook.indexEngine.engine'), dropped('openbook.endpoint.contextWindow')]);
  });

  it('index engine: the exact scan by default; a saved choice of Voy (any version) or of the exact scan is kept', async () => {
    expect((await load()).engine.getState().engine).toBe('exact');
    localStorage.clear();
    saved('openbook.indexEngine', { engine: 'voy' });
    expect((await load()).engine.getState().engine).toBe('voy');
    localStorage.clear();
    saved('openbook.indexEngine', { engine: 'voy' }, 1);
    expect((await load()).engine.getState().engine).toBe('voy');
    localStorage.clear();
    saved('openbook.indexEngine', { engine: 'exact' }, 1);
    expect((await load()).engine.getState().engine).toBe('exact');
  });

  it('text that is not JSON is a notice, and the defaults', async () => {
    saved('openbook.prompt', '{ not json');
    saved('openbook.chunking', 'null-ish}');
    const s = await load();
    expect(s.prompt.getState().custom).toBeNull();
    expect(s.chunking.getState().options.kind).toBe('recursive');
    expect(s.notices()).toEqual([
      { key: 'notices.settingsUnreadable', values: { store: 'openbook.prompt' } },
      { key: 'notices.settingsUnreadable', values: { store: 'openbook.chunking' } },
    ]);
  });

  it('loads valid values saved before versions were written (version 0), and writes them as version 1', async () => {
    saved('openbook.prompt', { custom: 'Use {context} for {question}.' });
    saved('openbook.ingest', { maxFileMB: 0.5 });
    saved('openbook.chunking', { options: { chunkSize: 300, overlap: 20 } }); // before there were several chunkers
    saved('openbook.search', { topK: 50, search: { mode: 'keyword' } });
    saved('openbook.sampling', { temperature: 1, topP: 0.9, maxTokens: 256, customSystem: '' });
    const s = await load();
    expect(s.prompt.getState().custom).toBe('Use {context} for {question}.');
    expect(s.ingest.getState().maxFileMB).toBe(0.5);
    expect(s.chunking.getState().options).toEqual({ kind: 'recursive', chunkSize: 300, overlap: 20 });
    expect(s.chunking.getState().draft).toEqual({ kind: 'recursive', chunkSize: 300, overlap: 20 });
    expect(s.retrieval.getState().topK).toBe(20); // kept within 1..20, as when set
    expect(s.sampling.getState()).toMatchObject({ temperature: 1, topP: 0.9, maxTokens: 256, customSystem: '' });
    expect(s.notices()).toEqual([]);
    expect(JSON.parse(localStorage.getItem('openbook.prompt')!)).toEqual({ state: { custom: 'Use {context} for {question}.' }, version: 1 });
  });
});
