import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { DEFAULT_CHUNKER_SETTINGS } from './chunkers/settings';
import { buildPipelineFile, keywordSettingsOf, PIPELINE_VERSION, pipelineFileText, readPipelineFile, type PipelineInput } from './pipelineFile';

const schema = JSON.parse(readFileSync(new URL('../../../schemas/openbook.pipeline.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

const input: PipelineInput = {
  createdAt: new Date('2026-12-07T10:00:00Z'),
  maxFileMB: 100,
  chunker: DEFAULT_CHUNKER_SETTINGS.recursive,
  embedding: { modelId: 'Xenova/multilingual-e5-small', device: 'wasm', pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ', dimension: 384 },
  retrieval: { mode: 'hybrid', fusion: 'rrf', vectorWeight: 0.5, candidates: 20, topK: 4, mmrLambda: null, minScore: null, filter: null },
  rerankModelId: null,
  template: 'Context:\n{context}\n\nQuestion: {question}',
  systemPrompt: 'Answer from the context.',
  generation: { engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', temperature: 0.2, topP: 0.95, maxTokens: 512 },
};
const models = { embedding: [{ id: 'Xenova/multilingual-e5-small', dimension: 384 }], rerankers: ['Xenova/ms-marco-MiniLM-L-6-v2'] };

describe('pipeline file', () => {
  it('validates against schemas/openbook.pipeline.schema.json for every chunker and option', () => {
    for (const chunker of Object.values(DEFAULT_CHUNKER_SETTINGS)) {
      for (const variant of [
        input,
        { ...input, chunker, rerankModelId: 'Xenova/ms-marco-MiniLM-L-6-v2' },
        {
          ...input,
          chunker,
          retrieval: {
            ...input.retrieval,
            mode: 'vector' as const,
            fusion: 'weighted' as const,
            mmrLambda: 0.7,
            minScore: 0.1,
            filter: { docIds: ['a'], pages: { from: 1, to: 3 } },
          },
          embedding: { ...input.embedding, device: 'webgpu' as const, pooling: 'cls' as const },
        },
        // The retrieval techniques (issue 14), each away from its default.
        {
          ...input,
          chunker,
          keyword: { stopWords: false, stemming: false, contextualHeaders: false },
          retrieval: { ...input.retrieval, parentChild: { mode: 'section' as const, window: 3 }, queryTransform: { mode: 'multi' as const, rewrites: 4 } },
        },
      ]) {
        const file = JSON.parse(pipelineFileText(buildPipelineFile(variant)));
        expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
        expect(readPipelineFile(JSON.stringify(file), models)).toEqual({ ok: true, pipeline: file });
      }
    }
  });

  it('records what changes results: dtype from the device, BM25 parameters, RRF k, tokenizer of the token chunker', () => {
    const file = buildPipelineFile({ ...input, chunker: DEFAULT_CHUNKER_SETTINGS.token });
    expect(file.embedding.dtype).toBe('q8');
    expect(buildPipelineFile({ ...input, embedding: { ...input.embedding, device: 'webgpu' } }).embedding.dtype).toBe('fp32');
    expect(file.keyword).toMatchObject({ algorithm: 'bm25+', k1: 1.2, b: 0.7, delta: 0.5, stopWords: [] });
    expect(file.retrieval.fusion).toEqual({ method: 'rrf', rrfK: 60, vectorWeight: 0.5 });
    expect(file.chunker).toEqual({ kind: 'token', tokens: 128, overlapTokens: 16, tokenizer: 'Xenova/multilingual-e5-small' });
    expect(file.version).toBe(PIPELINE_VERSION);
  });

  it('records the retrieval techniques: stop words, stemming, contextual headers, parent-child, query transformation, the semantic chunker', () => {
    // The app's defaults: stop-word lists and stemming on, keyword headers on, no parent-child, no query transformation.
    const file = buildPipelineFile(input);
    expect(file.keyword).toMatchObject({ stopWords: [], stopWordLists: ['stopword/eng', 'stopword/zho'], stemming: 'porter', contextualHeaders: true });
    expect(file.embedding.contextualHeaders).toBe(false);
    expect(file.retrieval).toMatchObject({ parentChild: null, queryTransform: null });
    expect(keywordSettingsOf(file)).toEqual({ stopWords: true, stemming: true, contextualHeaders: true });
    const off = buildPipelineFile({
      ...input,
      chunker: DEFAULT_CHUNKER_SETTINGS.semantic,
      keyword: { stopWords: false, stemming: true, contextualHeaders: false },
      retrieval: { ...input.retrieval, parentChild: { mode: 'window', window: 2 }, queryTransform: { mode: 'hyde', rewrites: 3 } },
    });
    expect(off.keyword).toMatchObject({ stopWordLists: [], stemming: 'porter', contextualHeaders: false });
    expect(off.retrieval).toMatchObject({ parentChild: { mode: 'window', window: 2 }, queryTransform: { mode: 'hyde', rewrites: 3 } });
    expect(off.chunker).toEqual({ kind: 'semantic', threshold: 'percentile', amount: 80, buffer: 1, maxSize: 1000, tokenizer: null });
    // Query transformation 'none' is written as null.
    expect(
      buildPipelineFile({ ...input, retrieval: { ...input.retrieval, queryTransform: { mode: 'none', rewrites: 3 } } }).retrieval.queryTransform,
    ).toBeNull();
  });

  it('reads a version 1 file written before the techniques existed as it ran then: no stop words, no stemming, no headers, no parents', () => {
    const file = JSON.parse(pipelineFileText(buildPipelineFile(input)));
    delete file.keyword.stopWordLists;
    delete file.keyword.stemming;
    delete file.keyword.contextualHeaders;
    delete file.embedding.contextualHeaders;
    delete file.retrieval.parentChild;
    delete file.retrieval.queryTransform;
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const read = readPipelineFile(JSON.stringify(file), models);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.pipeline.keyword).toMatchObject({ stopWordLists: [], stemming: null, contextualHeaders: false });
    expect(read.pipeline.embedding.contextualHeaders).toBe(false);
    expect(read.pipeline.retrieval).toMatchObject({ parentChild: null, queryTransform: null });
    expect(keywordSettingsOf(read.pipeline)).toEqual({ stopWords: false, stemming: false, contextualHeaders: false });
    // The raw JSON (as the Node project reads it) means the same.
    expect(keywordSettingsOf(file)).toEqual({ stopWords: false, stemming: false, contextualHeaders: false });
  });

  it('refuses technique settings the app cannot run, and bad ones, in the reader and the JSON Schema alike', () => {
    const good = buildPipelineFile(input);
    const oneList = { ...good, keyword: { ...good.keyword, stopWordLists: ['stopword/eng'] } };
    expect(readPipelineFile(JSON.stringify(oneList), models)).toEqual({ ok: false, error: { code: 'unsupported-setting', setting: 'keyword.stopWordLists' } });
    // Chunks embedded with their contextual headers: step 3 makes such an index, so the app reads the setting.
    const embedded = { ...good, embedding: { ...good.embedding, contextualHeaders: true } };
    const readEmbedded = readPipelineFile(JSON.stringify(embedded), models);
    expect(readEmbedded.ok && readEmbedded.pipeline.embedding.contextualHeaders).toBe(true);
    const bad = [
      { ...good, keyword: { ...good.keyword, stopWordLists: ['stopword/fra'] } },
      { ...good, keyword: { ...good.keyword, stemming: 'snowball' } },
      { ...good, retrieval: { ...good.retrieval, parentChild: { mode: 'window', window: 11 } } },
      { ...good, retrieval: { ...good.retrieval, parentChild: { mode: 'page', window: 1 } } },
      { ...good, retrieval: { ...good.retrieval, queryTransform: { mode: 'multi', rewrites: 9 } } },
      { ...good, chunker: { kind: 'semantic', threshold: 'percentile', amount: 100, buffer: 1, maxSize: 1000, tokenizer: null } },
    ];
    for (const file of bad) {
      expect(readPipelineFile(JSON.stringify(file), models)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    // The schema cannot say "percentile up to 99, standard deviations up to 5": it bounds amount by 0..99.
    for (const file of bad.slice(0, 5)) expect(validate(file)).toBe(false);
  });

  it('refuses another version, an unknown model, a bad value, and text that is not a pipeline, each with its own error', () => {
    const good = buildPipelineFile(input);
    expect(readPipelineFile(JSON.stringify({ ...good, version: 2 }), models)).toEqual({ ok: false, error: { code: 'other-version', version: '2' } });
    expect(readPipelineFile(JSON.stringify({ ...good, embedding: { ...good.embedding, modelId: 'acme/unknown' } }), models)).toEqual({
      ok: false,
      error: { code: 'unknown-model', model: 'acme/unknown' },
    });
    expect(readPipelineFile(JSON.stringify({ ...good, embedding: { ...good.embedding, dimension: 768 } }), models)).toMatchObject({
      ok: false,
      error: { code: 'dimension-mismatch', expected: 384, found: 768 },
    });
    expect(readPipelineFile(JSON.stringify({ ...good, reranker: { modelId: 'acme/rr', depth: 20, maxTokens: 512 } }), models)).toMatchObject({
      ok: false,
      error: { code: 'unknown-reranker', model: 'acme/rr' },
    });
    expect(readPipelineFile(JSON.stringify({ ...good, retrieval: { ...good.retrieval, topK: 0 } }), models)).toMatchObject({
      ok: false,
      error: { code: 'invalid', path: 'retrieval.topK' },
    });
    expect(readPipelineFile(JSON.stringify({ ...good, chunker: { kind: 'recursive', chunkSize: 5, overlap: 0, tokenizer: null } }), models)).toMatchObject({
      ok: false,
      error: { code: 'invalid', path: 'chunker' },
    });
    expect(readPipelineFile(JSON.stringify({ ...good, keyword: { ...good.keyword, stopWords: ['the'] } }), models)).toMatchObject({
      ok: false,
      error: { code: 'unsupported-setting' },
    });
    expect(readPipelineFile('{', models)).toEqual({ ok: false, error: { code: 'not-json' } });
    expect(readPipelineFile('{"format":"openbook.workspace"}', models)).toEqual({ ok: false, error: { code: 'not-pipeline' } });
    // The JSON Schema refuses what the reader refuses.
    expect(validate({ ...good, version: 2 })).toBe(false);
    expect(validate({ ...good, retrieval: { ...good.retrieval, topK: 0 } })).toBe(false);
  });
});
