// The app's pipeline file: what currentPipelineFile writes from the stores validates against the JSON Schema in
// schemas/, and applyPipelineFile puts every setting of a file into its store, or changes nothing at all and
// says why (another version, an unknown model, a bad value).
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildPipelineFile, pipelineFileText, type PipelineFile } from '@openbook/core/pipelineFile';
import type { Chunk } from '@openbook/core/types';

vi.mock('../models/siteManifest', () => ({ fetchSiteManifest: async () => null }));

const { applyPipelineFile, currentPipelineFile } = await import('./pipelineFile');
const { useChunkingStore } = await import('../chunks/chunkingStore');
const { useIndexStore } = await import('../embedding/indexStore');
const { useRetrievalStore } = await import('../retrieval/retrievalStore');
const { useRerankStore } = await import('../retrieval/rerankStore');
const { usePromptStore } = await import('../augment/promptStore');
const { useSamplingStore } = await import('../generation/samplingStore');
const { useGenerationStore } = await import('../generation/generationStore');
const { useQueryTransformStore } = await import('../retrieval/queryTransformStore');

const schema = JSON.parse(readFileSync(new URL('../../../schemas/openbook.pipeline.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

const good: PipelineFile = buildPipelineFile({
  createdAt: new Date('2026-12-07T10:00:00Z'),
  maxFileMB: 50,
  chunker: { kind: 'fixed', size: 300, overlap: 30 },
  embedding: {
    modelId: 'Xenova/all-MiniLM-L6-v2',
    device: 'wasm',
    pooling: 'mean',
    queryPrefix: '',
    passagePrefix: '',
    dimension: 384,
    contextualHeaders: true,
  },
  retrieval: {
    mode: 'keyword',
    fusion: 'weighted',
    vectorWeight: 0.3,
    candidates: 30,
    topK: 7,
    mmrLambda: 0.6,
    minScore: null,
    filter: null,
    // The retrieval techniques, each away from the app's default.
    parentChild: { mode: 'section', window: 2 },
    queryTransform: { mode: 'multi', rewrites: 5 },
  },
  keyword: { stopWords: false, stemming: false, contextualHeaders: false },
  rerankModelId: null,
  template: 'Use {context} for {question}',
  systemPrompt: 'Be brief.',
  generation: { engine: 'transformers-wasm', modelId: 'onnx-community/Qwen2.5-0.5B-Instruct', temperature: 0.5, topP: 0.9, maxTokens: 128 },
});

/** Everything a pipeline file sets, as the stores hold it. */
const settings = () => ({
  chunking: useChunkingStore.getState().options,
  model: useIndexStore.getState().modelId,
  embedHeaders: useIndexStore.getState().embedHeaders,
  search: useRetrievalStore.getState().search,
  topK: useRetrievalStore.getState().topK,
  rerank: useRerankStore.getState().modelId,
  template: usePromptStore.getState().custom,
  sampling: (({ temperature, topP, maxTokens, customSystem }) => ({ temperature, topP, maxTokens, customSystem }))(useSamplingStore.getState()),
  engine: useGenerationStore.getState().engine,
  queryTransform: (({ mode, rewrites }) => ({ mode, rewrites }))(useQueryTransformStore.getState()),
});

beforeEach(() => {
  useRetrievalStore.setState({ topK: 4 });
});

describe('the pipeline file of the app', () => {
  it('is null without an index, and otherwise validates against the JSON Schema', () => {
    expect(currentPipelineFile('en')).toBeNull();
    const chunk: Chunk = { id: 'd#0', docId: 'd', index: 0, start: 0, end: 4, text: 'text' };
    useIndexStore.setState({
      indexedModelId: 'Xenova/multilingual-e5-small',
      indexedDevice: 'webgpu',
      indexedChunking: { kind: 'recursive', chunkSize: 500, overlap: 50 },
      indexedChunks: new Map([[chunk.id, chunk]]),
    });
    const file = currentPipelineFile('zh', { mode: 'hybrid', topK: 9, rerankModelId: null });
    expect(validate(JSON.parse(pipelineFileText(file!))), JSON.stringify(validate.errors)).toBe(true);
    expect(file!.embedding).toMatchObject({
      modelId: 'Xenova/multilingual-e5-small',
      dtype: 'fp32',
      pooling: 'mean',
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
      dimension: 384,
    });
    expect(file!.retrieval).toMatchObject({ mode: 'hybrid', topK: 9 });
    // The interface language's default template.
    expect(file!.prompt.template).toContain('{context}');
    expect(file!.prompt.template).toMatch(/[\u4e00-\u9fff]/);
    useIndexStore.setState({ indexedModelId: null, indexedDevice: null, indexedChunking: null, indexedChunks: new Map() });
  });

  it('applied, sets every setting it holds', async () => {
    const result = await applyPipelineFile(pipelineFileText(good));
    expect(result).toEqual({ ok: true, modelId: 'Xenova/all-MiniLM-L6-v2' });
    expect(settings()).toEqual({
      chunking: { kind: 'fixed', size: 300, overlap: 30 },
      model: 'Xenova/all-MiniLM-L6-v2',
      embedHeaders: true,
      search: {
        mode: 'keyword',
        fusion: 'weighted',
        vectorWeight: 0.3,
        candidates: 30,
        mmr: true,
        mmrLambda: 0.6,
        threshold: false,
        minScore: 0,
        stopWords: false,
        stemming: false,
        contextualHeaders: false,
        parentChild: true,
        parent: { mode: 'section', window: 2 },
      },
      topK: 7,
      rerank: null,
      template: 'Use {context} for {question}',
      sampling: { temperature: 0.5, topP: 0.9, maxTokens: 128, customSystem: 'Be brief.' },
      engine: 'transformers-wasm',
      queryTransform: { mode: 'multi', rewrites: 5 },
    });
  });

  it("writes the retrieval techniques as the stores hold them, and the best evaluation configuration's when given", () => {
    const chunk: Chunk = { id: 'd#0', docId: 'd', index: 0, start: 0, end: 4, text: 'text' };
    useIndexStore.setState({
      indexedModelId: 'Xenova/multilingual-e5-small',
      indexedDevice: 'wasm',
      indexedChunking: { kind: 'semantic', threshold: 'stddev', amount: 1.5, buffer: 2, maxSize: 800 },
      indexedChunks: new Map([[chunk.id, chunk]]),
    });
    useRetrievalStore
      .getState()
      .setSearch({ stopWords: true, stemming: false, contextualHeaders: true, parentChild: true, parent: { mode: 'window', window: 3 } });
    useQueryTransformStore.getState().setMode('hyde');
    useQueryTransformStore.getState().setRewrites(2);
    const file = currentPipelineFile('en')!;
    expect(validate(JSON.parse(pipelineFileText(file))), JSON.stringify(validate.errors)).toBe(true);
    expect(file.chunker).toEqual({ kind: 'semantic', threshold: 'stddev', amount: 1.5, buffer: 2, maxSize: 800, tokenizer: null });
    expect(file.keyword).toMatchObject({ stopWordLists: ['stopword/eng', 'stopword/zho'], stemming: null, contextualHeaders: true });
    expect(file.retrieval).toMatchObject({ parentChild: { mode: 'window', window: 3 }, queryTransform: { mode: 'hyde', rewrites: 2 } });
    // The best configuration of an evaluation replaces the current techniques.
    const best = currentPipelineFile('en', { keywordAnalysis: { stopWords: false, stemming: true }, contextualHeaders: false, parentChild: null })!;
    expect(best.keyword).toMatchObject({ stopWordLists: [], stemming: 'porter', contextualHeaders: false });
    expect(best.retrieval.parentChild).toBeNull();
    // Applied back, the file sets them again.
    useQueryTransformStore.getState().setMode('none');
    useRetrievalStore.getState().setSearch({ parentChild: false });
    return applyPipelineFile(pipelineFileText({ ...file, embedding: { ...file.embedding, modelId: 'Xenova/all-MiniLM-L6-v2' } })).then((result) => {
      expect(result.ok).toBe(true);
      expect(useRetrievalStore.getState().search).toMatchObject({
        stopWords: true,
        stemming: false,
        contextualHeaders: true,
        parentChild: true,
        parent: { mode: 'window', window: 3 },
      });
      expect(useChunkingStore.getState().options).toEqual({ kind: 'semantic', threshold: 'stddev', amount: 1.5, buffer: 2, maxSize: 800 });
      expect(useQueryTransformStore.getState().mode).toBe('hyde');
      useIndexStore.setState({ indexedModelId: null, indexedDevice: null, indexedChunking: null, indexedChunks: new Map() });
    });
  });

  it('of another version, with an unknown model, or with a bad value, changes nothing and says why', async () => {
    const before = settings();
    const refused = async (file: unknown) => {
      const result = await applyPipelineFile(JSON.stringify(file));
      expect(settings()).toEqual(before);
      return result.ok ? null : result.error;
    };
    expect(await refused({ ...good, version: 2, retrieval: { ...good.retrieval, topK: 3 } })).toEqual({
      key: 'pipeline.errors.other-version',
      values: { version: '2' },
    });
    expect(await refused({ ...good, embedding: { ...good.embedding, modelId: 'acme/none' }, retrieval: { ...good.retrieval, topK: 3 } })).toEqual({
      key: 'pipeline.errors.unknown-model',
      values: { model: 'acme/none' },
    });
    expect(await refused({ ...good, reranker: { modelId: 'acme/rr', depth: 10, maxTokens: 512 } })).toEqual({
      key: 'pipeline.errors.unknown-reranker',
      values: { model: 'acme/rr' },
    });
    expect(await refused({ ...good, generation: { ...good.generation, temperature: 9 } })).toMatchObject({
      key: 'pipeline.errors.invalid',
      values: { path: 'generation.temperature' },
    });
  });
});
