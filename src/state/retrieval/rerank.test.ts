// The reranking stage through its store, with the real transformers.js reranker and the fixture
// cross-encoder running in this process in place of the worker; and the retrieval pipeline with a
// reranker, its first stage (embedder, vector index) faked. The fixture scores sigmoid(2k - 3) for k
// content words shared by question and chunk.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScoredChunk } from '@openbook/core/types';
import type { SearchResult } from '../../adapters/vectorIndex/vectorIndex';

const fake = vi.hoisted(() => ({
  modelsDir: '',
  manifest: null as unknown,
  reranker: null as null | import('../../adapters/reranker/transformersReranker').TransformersReranker,
  resets: 0,
  /** Held until released: lets a test cancel while the model is loading. */
  holdLoad: null as null | Promise<void>,
  /** Held until released: lets a test cancel while the cross-encoder is scoring. */
  holdScore: null as null | Promise<void>,
  searches: [] as number[],
  hits: [] as SearchResult['hits'],
}));

vi.mock('../models/siteManifest', () => ({ fetchSiteManifest: async () => fake.manifest }));

vi.mock('../runtime/workers', async () => {
  const { TransformersReranker } = await import('../../adapters/reranker/transformersReranker');
  const rerankerApi = () => {
    fake.reranker ??= new TransformersReranker({ localModelPath: `${fake.modelsDir}/`, batchSize: 2 });
    const r = fake.reranker;
    return {
      load: async (...args: Parameters<typeof r.load>) => {
        await fake.holdLoad;
        return r.load(...args);
      },
      score: async (...args: Parameters<typeof r.score>) => {
        await fake.holdScore;
        return r.score(...args);
      },
      cancel: () => r.cancel(),
      dispose: () => r.dispose(),
    };
  };
  return {
    getReranker: async () => ({ api: rerankerApi(), terminate() {} }),
    resetReranker: async () => {
      fake.resets++;
      await fake.reranker?.dispose();
      fake.reranker = null;
    },
    getEmbedder: async () => ({ api: { embed: async () => [new Float32Array([1, 0])] }, terminate() {} }),
    getVectorIndex: async () => ({
      api: {
        search: async (_q: Float32Array, k: number): Promise<SearchResult> => {
          fake.searches.push(k);
          return { hits: fake.hits.slice(0, k), engine: 'exact', tookMs: 1 } as SearchResult;
        },
      },
      terminate() {},
    }),
  };
});

const { makeFixtureModels } = await import('../../../scripts/make-fixture-models');
const { useRerankStore, RerankProblem } = await import('./rerankStore');
const { rerankCandidates, rerankProblemOf } = await import('./rerank');
const { runRetrieval } = await import('./retrievalPipeline');
const { useIndexStore } = await import('../embedding/indexStore');
const { sigmoid } = await import('@openbook/core/rerank');
const { DEFAULT_RETRIEVAL_CONFIG } = await import('@openbook/core/retrievalConfig');

const FIXTURE = 'openbook/tiny-reranker';
const expected = (k: number) => sigmoid(2 * k - 3);

const TEXTS = [
  'Green tea is brewed with water.', // 0 shared with the question below
  'The volcano is a mountain.', // volcano
  'Hot lava.', // hot, lava
  'A volcano erupts: hot lava flows.', // volcano, erupts, hot, lava
];
const QUESTION = 'How hot is lava when a volcano erupts?';
const candidates: ScoredChunk[] = TEXTS.map((text, i) => ({
  chunk: { id: `d#${i}`, docId: 'd', index: i, start: 0, end: text.length, text },
  score: 0.9 - i * 0.1,
  rank: i + 1,
  scores: { cosine: 0.9 - i * 0.1 },
  ranks: { vector: i + 1 },
}));

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openbook-rerank-store-'));
  fake.modelsDir = join(dir, 'models');
  await makeFixtureModels(fake.modelsDir);
  fake.manifest = JSON.parse(await readFile(join(fake.modelsDir, 'models.json'), 'utf8'));
});

afterAll(async () => {
  await fake.reranker?.dispose();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.holdLoad = null;
  fake.holdScore = null;
  useRerankStore.setState({ modelId: FIXTURE, devicePreference: 'wasm', phase: 'idle' });
});

const problemOf = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RerankProblem);
  return rerankProblemOf(err)!;
};

describe('rerankCandidates', () => {
  it('loads the chosen cross-encoder, then returns the candidates in its order with scores and ranks', async () => {
    const phases: string[] = [];
    const unsubscribe = useRerankStore.subscribe((s) => phases.push(s.phase));
    const out = await rerankCandidates(QUESTION, candidates);
    unsubscribe();

    expect(out.map((r) => r.chunk.id)).toEqual(['d#3', 'd#2', 'd#1', 'd#0']);
    expect(out.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    [4, 2, 1, 0].forEach((k, i) => {
      expect(out[i]!.score).toBeCloseTo(expected(k), 5);
      expect(out[i]!.scores!.rerank).toBe(out[i]!.score);
    });
    expect(out.map((r) => [r.ranks!.vector, r.ranks!.rerank])).toEqual([
      [4, 1],
      [3, 2],
      [2, 3],
      [1, 4],
    ]);
    expect(out[0]!.scores!.cosine).toBeCloseTo(0.6, 10);

    expect(phases).toContain('loading');
    expect(phases).toContain('reranking');
    const state = useRerankStore.getState();
    expect(state.phase).toBe('idle');
    expect(state.loaded).toEqual({ modelId: FIXTURE, device: 'wasm', from: 'site' });
    expect(state.lastRun).toMatchObject({ candidates: 4, device: 'wasm', modelId: FIXTURE });
    expect(state.models.map((m) => m.id)).toContain(FIXTURE);
  });

  it('does not load the model again for the next question', async () => {
    const phases: string[] = [];
    const unsubscribe = useRerankStore.subscribe((s) => phases.push(s.phase));
    await rerankCandidates('tea', candidates);
    unsubscribe();
    expect(phases).not.toContain('loading');
  });

  it('passes the candidates through untouched without a reranker, or without candidates', async () => {
    useRerankStore.setState({ modelId: null });
    expect(await rerankCandidates(QUESTION, candidates)).toBe(candidates);
    expect(await rerankCandidates(QUESTION, [], FIXTURE)).toEqual([]);
  });

  it('says which reranker the site does not offer', async () => {
    expect(await problemOf(rerankCandidates(QUESTION, candidates, 'someone/unknown'))).toEqual({
      key: 'rerank.errors.unknown-model',
      values: { model: 'someone/unknown' },
    });
  });

  it('says WebGPU is unavailable when it is chosen where there is none', async () => {
    useRerankStore.setState({ devicePreference: 'webgpu' });
    expect(await problemOf(rerankCandidates(QUESTION, candidates))).toEqual({ key: 'rerank.errors.webgpu-unavailable' });
  });

  it('reports a model that cannot be loaded as a reranker, by name', async () => {
    const models = useRerankStore.getState().models;
    useRerankStore.setState({ models: [...models, { ...models.find((m) => m.id === FIXTURE)!, id: 'openbook/tiny-embedder' }] });
    const problem = await problemOf(rerankCandidates(QUESTION, candidates, 'openbook/tiny-embedder'));
    expect(problem.key).toBe('rerank.errors.load-failed');
    expect(problem.values).toMatchObject({ model: 'openbook/tiny-embedder', detail: expect.stringMatching(/is not a reranker/) });
    expect(useRerankStore.getState().phase).toBe('idle');
    useRerankStore.setState({ models });
  });

  it('is cancelled while scoring: the question fails with "cancelled", and the store says so', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...candidates[i % 4]!, chunk: { ...candidates[i % 4]!.chunk, id: `m#${i}` } }));
    // Hold the scorer, so the cancel lands while scoring is under way however fast this machine scores.
    let release!: () => void;
    fake.holdScore = new Promise<void>((resolve) => (release = resolve));
    const running = rerankCandidates(QUESTION, many);
    await vi.waitFor(() => expect(useRerankStore.getState().phase).toBe('reranking'), { timeout: 15_000 }); // loading the model takes a while on a busy machine
    useRerankStore.getState().cancel();
    release(); // the scores that still come back belong to the cancelled call
    fake.holdScore = null;
    expect(await problemOf(running)).toEqual({ key: 'rerank.errors.cancelled' });
    expect(useRerankStore.getState()).toMatchObject({ phase: 'idle', scored: null });
    // The model is still loaded and works.
    expect(await rerankCandidates(QUESTION, candidates.slice(0, 1))).toHaveLength(1);
  });

  it('runs two questions one after the other, neither cancelling the other', async () => {
    const [a, b] = await Promise.all([rerankCandidates(QUESTION, candidates), rerankCandidates('green tea water', candidates)]);
    expect(a[0]!.chunk.id).toBe('d#3');
    expect(b[0]!.chunk.id).toBe('d#0'); // green, tea, water
    expect(b[0]!.score).toBeCloseTo(expected(3), 5);
  });

  it('cancels the questions waiting behind the one under way as well', async () => {
    let release!: () => void;
    fake.holdScore = new Promise<void>((resolve) => (release = resolve));
    const first = rerankCandidates(QUESTION, candidates);
    const second = rerankCandidates(QUESTION, candidates);
    await vi.waitFor(() => expect(useRerankStore.getState().phase).toBe('reranking'), { timeout: 15_000 }); // loading the model takes a while on a busy machine
    useRerankStore.getState().cancel();
    release(); // the scores that still come back belong to a cancelled call
    fake.holdScore = null;
    expect(await problemOf(first)).toEqual({ key: 'rerank.errors.cancelled' });
    expect(await problemOf(second)).toEqual({ key: 'rerank.errors.cancelled' });
    expect(await rerankCandidates(QUESTION, candidates)).toHaveLength(4);
  });

  it('is cancelled while loading: the worker is replaced and the next question loads the model afresh', async () => {
    useRerankStore.setState({ devicePreference: 'auto' }); // no GPU here: WASM, but a new load
    let release!: () => void;
    fake.holdLoad = new Promise<void>((resolve) => (release = resolve));
    useRerankStore.setState({ loaded: null });
    const running = rerankCandidates(QUESTION, candidates);
    await vi.waitFor(() => expect(useRerankStore.getState().phase).toBe('loading'), { timeout: 15_000 }); // loading the model takes a while on a busy machine
    const resets = fake.resets;
    useRerankStore.getState().cancel();
    expect(await problemOf(running)).toEqual({ key: 'rerank.errors.cancelled' });
    expect(fake.resets).toBe(resets + 1);
    expect(useRerankStore.getState().loaded).toBeNull();
    release();
    fake.holdLoad = null;
    const out = await rerankCandidates(QUESTION, candidates);
    expect(out[0]!.chunk.id).toBe('d#3');
    expect(useRerankStore.getState().loaded).toMatchObject({ modelId: FIXTURE, device: 'wasm' });
  });

  it('runs on WASM with "Automatic" where the WebGPU adapter is a software renderer (SwiftShader)', async () => {
    const { useGpuStore } = await import('../models/gpuStore');
    const detect = useGpuStore.getState().detect;
    const swiftshader = { webgpu: true, adapter: true, shaderF16: false, software: true, adapterName: 'google / swiftshader' };
    useGpuStore.setState({ detect: async () => swiftshader });
    try {
      useRerankStore.setState({ devicePreference: 'auto', loaded: null, lastRun: null });
      expect((await rerankCandidates(QUESTION, candidates))[0]!.chunk.id).toBe('d#3');
      expect(useRerankStore.getState().loaded).toMatchObject({ modelId: FIXTURE, device: 'wasm' });
      expect(useRerankStore.getState().lastRun).toMatchObject({ device: 'wasm' });
    } finally {
      useGpuStore.setState({ detect });
    }
  });
});

describe('the rerank settings', () => {
  it('are kept in localStorage: model and device only', () => {
    useRerankStore.getState().setModel('Xenova/ms-marco-MiniLM-L-6-v2');
    useRerankStore.getState().setDevicePreference('wasm');
    expect(JSON.parse(localStorage.getItem('openbook.rerank')!).state).toEqual({
      modelId: 'Xenova/ms-marco-MiniLM-L-6-v2',
      devicePreference: 'wasm',
    });
  });
});

describe('runRetrieval with a reranker', () => {
  beforeAll(() => {
    const chunks = [...TEXTS, 'Oolong tea leaves.', 'Black tea.'].map((text, i) => ({ id: `c#${i}`, docId: 'c', index: i, start: 0, end: text.length, text }));
    useIndexStore.setState({
      // the model that built the index is loaded (see questionEmbedder)
      indexedModelId: 'test/model',
      indexedDevice: 'wasm',
      loaded: { modelId: 'test/model', device: 'wasm', from: 'site', dimension: 4 },
      indexedChunks: new Map(chunks.map((c) => [c.id, c])),
    });
    // The vector stage puts the tea chunks first.
    fake.hits = [0, 4, 5, 1, 2, 3].map((i, r) => ({ id: `c#${i}`, score: 0.9 - r * 0.1 }));
  });

  it('fetches the candidates, reranks them, and keeps the top k', async () => {
    fake.searches = [];
    const out = await runRetrieval(QUESTION, { ...DEFAULT_RETRIEVAL_CONFIG, topK: 2, candidates: 6, rerankModelId: FIXTURE });
    expect(fake.searches).toEqual([6]);
    expect(out.results.map((r) => r.chunk.id)).toEqual(['c#3', 'c#2']);
    expect(out.results.map((r) => [r.rank, r.ranks!.vector, r.ranks!.rerank])).toEqual([
      [1, 6, 1],
      [2, 5, 2],
    ]);
    expect(out.results[0]!.score).toBeCloseTo(expected(4), 5);
  });

  it('keeps the vector order of the same N candidates without a reranker', async () => {
    fake.searches = [];
    const out = await runRetrieval(QUESTION, { ...DEFAULT_RETRIEVAL_CONFIG, topK: 2, candidates: 6, rerankModelId: null });
    expect(fake.searches).toEqual([6]);
    expect(out.results.map((r) => r.chunk.id)).toEqual(['c#0', 'c#4']);
    expect(out.results[0]!.scores).toEqual({ cosine: 0.9 });
  });

  it('fetches at least k candidates', async () => {
    fake.searches = [];
    await runRetrieval(QUESTION, { ...DEFAULT_RETRIEVAL_CONFIG, topK: 5, candidates: 3, rerankModelId: FIXTURE });
    expect(fake.searches).toEqual([5]);
  });
});
