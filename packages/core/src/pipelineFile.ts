// The pipeline file, openbook.pipeline.json: a versioned document of every setting that changes a result,
// from parsing to generation, so that another program (the exported Node project, a server) or another
// browser ("Open pipeline file") runs exactly the pipeline tuned here. Its JSON Schema is
// schemas/openbook.pipeline.schema.json (kept in step with PIPELINE_SCHEMA below by a unit test). Pure.
//
// Still version 1: the retrieval techniques of issue 14 were added as optional fields whose absence means
// what a version 1 file meant before they existed (no stop words, no stemming, no contextual headers, no
// parent-child, no query transformation), so older files read, apply and run exactly as they did. Files
// written now always hold every field (readPipelineFile fills in the absent ones, so code after it sees
// them all). The semantic chunker is a new chunker kind; it needs no embedding model of the pipeline's: it
// compares sentence windows with the built-in LSA embedder fitted to each document (core/lsa), in Node too.
import * as v from 'valibot';
import { readChunkerSettings, type ChunkerSettings } from './chunkers/settings';
import { BM25_PARAMS } from './retrieval/bm25';
import { RRF_K } from './retrieval/fusion';
import { MAX_PARENT_WINDOW, type ParentSettings } from './retrieval/parentChild';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS, type KeywordAnalysis } from './retrieval/keywordSettings';
import { MAX_REWRITES, type QueryTransformMode } from './retrieval/queryTransform';
import type { FusionMethod, RetrievalFilter, SearchMode } from './retrievalConfig';

export const PIPELINE_FILE_NAME = 'openbook.pipeline.json';
export const PIPELINE_FORMAT = 'openbook.pipeline';
export const PIPELINE_VERSION = 1;
/** The keyword tokeniser of core/retrieval/tokenize.ts: NFKC, lower case, UAX #29 words, Intl.Segmenter and Han/kana bigrams. */
export const KEYWORD_TOKENIZER = 'openbook-uax29-cjk-bigrams-v1';

/** 'auto': transformers.js's choice (the model's config.json `transformers.js_config.dtype`, else q8 on WASM, fp32 elsewhere). */
/** The word lists of the `stopword` package that keyword search leaves out (both, or none). */
export const STOP_WORD_LISTS = ['stopword/eng', 'stopword/zho'] as const;
export type StopWordList = (typeof STOP_WORD_LISTS)[number];
/** English stemming: the Porter stemmer of the `stemmer` package, on tokens of Latin letters only. */
export const KEYWORD_STEMMER = 'porter';

export type EmbeddingDtype = 'auto' | 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'q4f16' | 'bnb4';

export interface PipelineFile {
  format: typeof PIPELINE_FORMAT;
  version: typeof PIPELINE_VERSION;
  /** ISO 8601 time of export. */
  createdAt: string;
  parser: {
    /** Files larger than this are refused. */
    maxFileMB: number;
    /** How text files are decoded and headings found: fixed by the app (documented, not tunable). */
    textDecoding: 'utf8-utf16-gb18030-big5-detected';
    sections: 'markdown-atx-setext-html-headings';
  };
  /** The chunker and its parameters; `tokenizer` is the embedding model whose tokenizer counts tokens (token chunker), else null. */
  chunker: ChunkerSettings & { tokenizer: string | null };
  embedding: {
    modelId: string;
    revision: string;
    dtype: EmbeddingDtype;
    /** Where the browser ran it (WebGPU and WASM load different weights by default). */
    device: 'webgpu' | 'wasm' | 'cpu';
    pooling: 'mean' | 'cls';
    normalize: boolean;
    queryPrefix: string;
    passagePrefix: string;
    dimension: number;
    /** Whether each chunk was embedded with its contextual header (title › heading path), as the app's index was (step 3's choice). */
    contextualHeaders: boolean;
  };
  index: { metric: 'cosine' };
  keyword: {
    algorithm: 'bm25+';
    k1: number;
    b: number;
    delta: number;
    tokenizer: string;
    /** Further stop words, one by one (the app writes none: its stop words are the lists of stopWordLists). */
    stopWords: string[];
    /** The stop-word lists left out of chunks and questions alike (absent in older files: none). */
    stopWordLists: StopWordList[];
    /** English stemming (absent in older files: null, none). */
    stemming: typeof KEYWORD_STEMMER | null;
    /** Each chunk is keyword-indexed with its contextual header, "title › heading › subheading" (absent in older files: false). */
    contextualHeaders: boolean;
  };
  retrieval: {
    mode: SearchMode;
    fusion: { method: FusionMethod; rrfK: number; vectorWeight: number };
    /** First-stage candidates per retriever. */
    candidates: number;
    topK: number;
    mmrLambda: number | null;
    minScore: number | null;
    filter: RetrievalFilter | null;
    /** Parent-child: each hit's parent (its section, or ±window chunks) goes to the prompt; the hits stay the matched chunks (absent in older files: null, off). */
    parentChild: ParentSettings | null;
    /**
     * Query transformation with the chat model (multi-query with `rewrites` rewrites, HyDE, standalone
     * rewriting), null when off. Recorded, not reproducible: its queries are generated per question by the
     * chat model (and may be edited), so the Node project refuses a pipeline that uses it. (Absent in older files: null.)
     */
    queryTransform: { mode: Exclude<QueryTransformMode, 'none'>; rewrites: number } | null;
  };
  /** The cross-encoder, how many candidates it re-scores, and how many tokens of question plus passage it reads. */
  reranker: { modelId: string; depth: number; maxTokens: number } | null;
  prompt: { template: string; systemPrompt: string };
  generation: { engine: string; modelId: string; temperature: number; topP: number; maxTokens: number };
}

/** What the app knows at export time; buildPipelineFile fills in the constants. */
export interface PipelineInput {
  createdAt: Date;
  maxFileMB: number;
  chunker: ChunkerSettings;
  embedding: Omit<PipelineFile['embedding'], 'revision' | 'dtype' | 'normalize' | 'contextualHeaders'> & {
    revision?: string;
    dtype?: EmbeddingDtype;
    /** Each chunk was embedded with its contextual header (absent: its text alone). */
    contextualHeaders?: boolean;
  };
  retrieval: {
    mode: SearchMode;
    fusion: FusionMethod;
    vectorWeight: number;
    candidates: number;
    topK: number;
    mmrLambda: number | null;
    minScore: number | null;
    filter: RetrievalFilter | null;
    /** Absent: off. */
    parentChild?: ParentSettings | null;
    /** Absent or mode 'none': off. */
    queryTransform?: { mode: QueryTransformMode; rewrites: number } | null;
  };
  /** Keyword search's stop words, stemming and contextual headers (absent: the app's defaults, all on). */
  keyword?: KeywordAnalysis & { contextualHeaders: boolean };
  rerankModelId: string | null;
  /** The reranker's input limit in tokens (question plus passage). */
  rerankMaxTokens?: number;
  template: string;
  systemPrompt: string;
  generation: PipelineFile['generation'];
}

/** transformers.js's default weights: q8 on WASM, fp32 elsewhere (the app sets no dtype). */
export const defaultDtype = (device: 'webgpu' | 'wasm' | 'cpu'): EmbeddingDtype => (device === 'wasm' ? 'q8' : 'fp32');

export function buildPipelineFile(input: PipelineInput): PipelineFile {
  const { embedding, retrieval } = input;
  const keyword = input.keyword ?? { ...DEFAULT_KEYWORD_ANALYSIS, contextualHeaders: DEFAULT_KEYWORD_HEADERS };
  const transform = retrieval.queryTransform;
  return {
    format: PIPELINE_FORMAT,
    version: PIPELINE_VERSION,
    createdAt: input.createdAt.toISOString(),
    parser: { maxFileMB: input.maxFileMB, textDecoding: 'utf8-utf16-gb18030-big5-detected', sections: 'markdown-atx-setext-html-headings' },
    chunker: { ...input.chunker, tokenizer: input.chunker.kind === 'token' ? embedding.modelId : null },
    embedding: {
      modelId: embedding.modelId,
      revision: embedding.revision ?? 'main',
      dtype: embedding.dtype ?? defaultDtype(embedding.device),
      device: embedding.device,
      pooling: embedding.pooling,
      normalize: true,
      queryPrefix: embedding.queryPrefix,
      passagePrefix: embedding.passagePrefix,
      dimension: embedding.dimension,
      contextualHeaders: embedding.contextualHeaders ?? false,
    },
    index: { metric: 'cosine' },
    keyword: {
      algorithm: 'bm25+',
      ...BM25_PARAMS,
      tokenizer: KEYWORD_TOKENIZER,
      stopWords: [],
      stopWordLists: keyword.stopWords ? [...STOP_WORD_LISTS] : [],
      stemming: keyword.stemming ? KEYWORD_STEMMER : null,
      contextualHeaders: keyword.contextualHeaders,
    },
    retrieval: {
      mode: retrieval.mode,
      fusion: { method: retrieval.fusion, rrfK: RRF_K, vectorWeight: retrieval.vectorWeight },
      candidates: retrieval.candidates,
      topK: retrieval.topK,
      mmrLambda: retrieval.mmrLambda,
      minScore: retrieval.minScore,
      filter: retrieval.filter,
      parentChild: retrieval.parentChild ? { mode: retrieval.parentChild.mode, window: retrieval.parentChild.window } : null,
      queryTransform: transform && transform.mode !== 'none' ? { mode: transform.mode, rewrites: transform.rewrites } : null,
    },
    reranker: input.rerankModelId ? { modelId: input.rerankModelId, depth: retrieval.candidates, maxTokens: input.rerankMaxTokens ?? 512 } : null,
    prompt: { template: input.template, systemPrompt: input.systemPrompt },
    generation: input.generation,
  };
}

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = text(500);
const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const positiveInt = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));

const filterSchema = v.nullable(
  v.strictObject({
    docIds: v.optional(v.array(id)),
    pages: v.optional(v.strictObject({ from: positiveInt(Number.MAX_SAFE_INTEGER), to: positiveInt(Number.MAX_SAFE_INTEGER) })),
  }),
);

const chunkerSchema = v.pipe(
  v.looseObject({ kind: v.picklist(['recursive', 'fixed', 'sentence', 'token', 'heading', 'semantic']), tokenizer: v.nullable(id) }),
  v.check((c) => readChunkerSettings(c) !== null, 'chunker settings out of range'),
);

/** The file's shape (valibot); schemas/openbook.pipeline.schema.json says the same in JSON Schema. */
export const PIPELINE_SCHEMA = v.strictObject({
  format: v.literal(PIPELINE_FORMAT),
  version: v.literal(PIPELINE_VERSION),
  createdAt: text(64),
  parser: v.strictObject({
    maxFileMB: v.pipe(v.number(), v.minValue(0.01), v.maxValue(2048)),
    textDecoding: v.literal('utf8-utf16-gb18030-big5-detected'),
    sections: v.literal('markdown-atx-setext-html-headings'),
  }),
  chunker: chunkerSchema,
  embedding: v.strictObject({
    modelId: id,
    revision: text(200),
    dtype: v.picklist(['auto', 'fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4']),
    device: v.picklist(['webgpu', 'wasm', 'cpu']),
    pooling: v.picklist(['mean', 'cls']),
    normalize: v.boolean(),
    queryPrefix: text(1000),
    passagePrefix: text(1000),
    dimension: positiveInt(16384),
    contextualHeaders: v.optional(v.boolean(), false),
  }),
  index: v.strictObject({ metric: v.literal('cosine') }),
  keyword: v.strictObject({
    algorithm: v.literal('bm25+'),
    k1: v.number(),
    b: v.number(),
    delta: v.number(),
    tokenizer: v.literal(KEYWORD_TOKENIZER),
    stopWords: v.array(text(100)),
    stopWordLists: v.optional(v.array(v.picklist(STOP_WORD_LISTS)), () => []),
    stemming: v.optional(v.nullable(v.literal(KEYWORD_STEMMER)), null),
    contextualHeaders: v.optional(v.boolean(), false),
  }),
  retrieval: v.strictObject({
    mode: v.picklist(['vector', 'keyword', 'hybrid']),
    fusion: v.strictObject({ method: v.picklist(['rrf', 'weighted']), rrfK: positiveInt(10000), vectorWeight: unit }),
    candidates: positiveInt(200),
    topK: positiveInt(50),
    mmrLambda: v.nullable(unit),
    minScore: v.nullable(v.number()),
    filter: filterSchema,
    parentChild: v.optional(
      v.nullable(
        v.strictObject({ mode: v.picklist(['section', 'window']), window: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_PARENT_WINDOW)) }),
      ),
      null,
    ),
    queryTransform: v.optional(v.nullable(v.strictObject({ mode: v.picklist(['multi', 'hyde', 'standalone']), rewrites: positiveInt(MAX_REWRITES) })), null),
  }),
  reranker: v.nullable(v.strictObject({ modelId: id, depth: positiveInt(200), maxTokens: positiveInt(100_000) })),
  prompt: v.strictObject({ template: text(1_000_000), systemPrompt: text(1_000_000) }),
  generation: v.strictObject({
    engine: v.picklist(['webllm', 'transformers-auto', 'transformers-webgpu', 'transformers-wasm', 'openai']),
    modelId: id,
    temperature: v.pipe(v.number(), v.minValue(0), v.maxValue(2)),
    topP: v.pipe(v.number(), v.minValue(0.05), v.maxValue(1)),
    maxTokens: positiveInt(8192),
  }),
});

export type PipelineFileError =
  | { code: 'not-json' }
  | { code: 'not-pipeline' }
  | { code: 'other-version'; version: string }
  | { code: 'invalid'; path: string; detail: string }
  | { code: 'unknown-model'; model: string }
  | { code: 'unknown-reranker'; model: string }
  | { code: 'dimension-mismatch'; model: string; expected: number; found: number }
  | { code: 'unsupported-setting'; setting: string };

export type ReadPipelineFile = { ok: true; pipeline: PipelineFile } | { ok: false; error: PipelineFileError };

export interface PipelineModels {
  /** Embedding models this app can load, with their dimension (null: known once loaded, e.g. the built-in LSA). */
  embedding: ReadonlyArray<{ id: string; dimension: number | null }>;
  rerankers: readonly string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Read a pipeline file's text: its version first (another version is refused as such, before its shape
 * is judged), then its shape, then its models against those this app can load.
 */
export function readPipelineFile(textOfFile: string, models: PipelineModels): ReadPipelineFile {
  let json: unknown;
  try {
    json = JSON.parse(textOfFile);
  } catch {
    return { ok: false, error: { code: 'not-json' } };
  }
  if (!isRecord(json) || json.format !== PIPELINE_FORMAT) return { ok: false, error: { code: 'not-pipeline' } };
  if (json.version !== PIPELINE_VERSION) return { ok: false, error: { code: 'other-version', version: String(json.version) } };
  const parsed = v.safeParse(PIPELINE_SCHEMA, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { ok: false, error: { code: 'invalid', path: path || '(root)', detail: issue.message } };
  }
  // The chunker as the app knows it: its own fields only (anything else in the file is dropped).
  const pipeline = {
    ...parsed.output,
    chunker: { ...readChunkerSettings(parsed.output.chunker)!, tokenizer: parsed.output.chunker.tokenizer },
  } as PipelineFile;
  const model = models.embedding.find((m) => m.id === pipeline.embedding.modelId);
  if (!model) return { ok: false, error: { code: 'unknown-model', model: pipeline.embedding.modelId } };
  if (model.dimension !== null && model.dimension !== pipeline.embedding.dimension) {
    return { ok: false, error: { code: 'dimension-mismatch', model: model.id, expected: model.dimension, found: pipeline.embedding.dimension } };
  }
  if (pipeline.reranker && !models.rerankers.includes(pipeline.reranker.modelId)) {
    return { ok: false, error: { code: 'unknown-reranker', model: pipeline.reranker.modelId } };
  }
  // The app computes BM25+ with fixed parameters and no stop words: a file asking for others cannot be run here as written.
  const { k1, b, delta, stopWords, stopWordLists } = pipeline.keyword;
  if (k1 !== BM25_PARAMS.k1 || b !== BM25_PARAMS.b || delta !== BM25_PARAMS.delta)
    return { ok: false, error: { code: 'unsupported-setting', setting: 'keyword.k1/b/delta' } };
  if (stopWords.length > 0) return { ok: false, error: { code: 'unsupported-setting', setting: 'keyword.stopWords' } };
  // The app leaves out both lists or neither.
  if (stopWordLists.length > 0 && !STOP_WORD_LISTS.every((list) => stopWordLists.includes(list)))
    return { ok: false, error: { code: 'unsupported-setting', setting: 'keyword.stopWordLists' } };
  if (pipeline.retrieval.fusion.rrfK !== RRF_K) return { ok: false, error: { code: 'unsupported-setting', setting: 'retrieval.fusion.rrfK' } };
  return { ok: true, pipeline };
}

/** Keyword search's analysis and headers in a pipeline file (as read: absent fields filled in). */
export function keywordSettingsOf(pipeline: PipelineFile): KeywordAnalysis & { contextualHeaders: boolean } {
  const k = pipeline.keyword;
  return {
    stopWords: (k.stopWordLists ?? []).length > 0,
    stemming: (k.stemming ?? null) !== null,
    contextualHeaders: k.contextualHeaders ?? false,
  };
}

/** The chunker settings of a pipeline file, without its tokenizer. */
export function chunkerSettingsOf(pipeline: PipelineFile): ChunkerSettings {
  return readChunkerSettings(pipeline.chunker)!;
}

/** The file's text: two-space JSON with a final newline. */
export const pipelineFileText = (pipeline: PipelineFile) => `${JSON.stringify(pipeline, null, 2)}\n`;
