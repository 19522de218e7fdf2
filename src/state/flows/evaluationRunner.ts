// Running a question set against one evaluation configuration.
// - On the current index (same embedding model and chunks): every question goes through runRetrieval,
//   the same pipeline as the question box, with the configuration's k, mode and reranker.
// - On an index of its own (another model or other chunk settings): the documents are chunked again in
//   the chunker worker, the chunks embedded in a second embedder worker (vectors already computed for
//   the same model, device and text are reused) into the evaluation index worker (an exact scan), and for
//   keyword and hybrid search indexed by a keyword index worker of its own; then every question goes
//   through runRetrieval over those (evaluationRetrievalSource.ts), with the same stages as above. The
//   app's index and its embedder are left as they are.
// - Keyword search alone before anything is embedded: over the chunks as they are (searchableChunks.ts),
//   as the question box does; it needs no model.
// - The built-in LSA embedder is fitted to the configuration's own chunks in the evaluation's embedder
//   (an LSA fit belongs to its chunks, so no vector of another fit is reused).
// - Query transformation (a configuration's queryTransform): the loaded chat model writes each question's
//   queries (kept for the run: configurations with the same transform share them), each is searched and
//   the lists fused by RRF, as the question box does (transformedRetrieval.ts). Without a chat model the
//   configuration fails with that reason; it never runs without its queries.
import type { Chunk, ScoredChunk } from '@openbook/core/types';
import type { ChunkerSettings } from '@openbook/core/chunkers/settings';
import { unpackChunks } from '@openbook/core/chunkPacking';
import type { EvalQuestion } from '@openbook/core/evaluation/questionSet';
import { keywordAnalysisOf, keywordHeadersOf, needsOwnIndex, retrievalConfigOf, type EvalConfiguration } from '@openbook/core/evaluation/configuration';
import { indexedText } from '@openbook/core/retrieval/contextualHeader';
import { configurationResult, evaluateQuestion, type ConfigurationResult, type RetrievedInput } from '@openbook/core/evaluation/results';
import type { ComputeDevice, DownloadProgress, EmbeddingModelInfo } from '../../adapters/embedder/embedder';
import type { LsaProgress } from '@openbook/core/lsa/lsaModel';
import { createEmbedderClient, type EmbedderClient } from '../../adapters/embedder/embedderClient';
import { createEvaluationIndexClient, type EvaluationIndexClient } from '../../adapters/evaluationIndex/evaluationIndexClient';
import { createKeywordIndexClient, type KeywordIndexClient } from '../../adapters/keywordIndex/keywordIndexClient';
import { callback } from '../../adapters/workerRpc';
import { message, type Message } from '../../i18n/message';
import { chunkingSettled, useChunkingStore } from '../chunks/chunkingStore';
import { currentChunkMap, hasVectorIndex } from '../retrieval/searchableChunks';
import { isBuiltinLsa } from '../../adapters/embedder/embeddingModels';
import { tokenizerOf } from '../chunks/chunkTokenizer';
import { useDocumentsStore } from '../documents/documentsStore';
import { indexedVectorIds, useIndexStore } from '../embedding/indexStore';
import { evaluationRetrievalSource } from '../evaluation/evaluationRetrievalSource';
import { buildKeywordIndex } from '../retrieval/keywordIndexBuild';
import { runRetrieval, type RetrievalOutcome } from '../retrieval/retrievalPipeline';
import type { RetrievalSource } from '../retrieval/retrievalSource';
import { WorkerModelLoad, modelSource } from '../models/modelLoading';
import { preferredDevice, textTrial } from '../models/deviceTrials';
import { getChunker, getVectorIndex } from '../runtime/workers';
import { previousTurnOf, queryCacheKey, type EvalQueryTransform } from '@openbook/core/evaluation/queryTransformDimension';
import { chatModelProblem, generateQueries, loadedChatModelId } from '../retrieval/queryGeneration';
import { runTransformedQueries } from '../retrieval/transformedRetrieval';
import { indexRetrievalSource } from '../retrieval/indexRetrievalSource';
import { currentGenerator } from '../generation/chatGenerator';

export type EvalStage = 'loading-model' | 'chunking' | 'fitting' | 'embedding' | 'indexing' | 'questions';

export interface EvalStageProgress {
  stage: EvalStage;
  done: number;
  total: number;
}

/** A failure with a message for the user (the configuration's row shows it). */
export class EvaluationProblem extends Error {
  constructor(readonly problem: Message) {
    super(problem.key);
    this.name = 'EvaluationProblem';
  }
}

export class EvaluationCancelled extends Error {
  constructor() {
    super('Evaluation was cancelled.');
    this.name = 'EvaluationCancelled';
  }
}

/** Shared by a whole run: cancellation, and the workers it started (ended when the run ends). */
export class EvaluationSession {
  cancelled = false;
  private embedder: { client: EmbedderClient; key: string } | null = null;
  private embedderStarting: EmbedderClient | null = null;
  private index: EvaluationIndexClient | null = null;
  private keywords: KeywordIndexClient | null = null;
  private readonly modelLoad = new WorkerModelLoad(() => new EvaluationCancelled());
  /** The chat model's queries for each question, by queryCacheKey: written once per run. */
  private readonly queries = new Map<string, string[]>();
  private generating = false;

  check(): void {
    if (this.cancelled) throw new EvaluationCancelled();
  }

  cancel(): void {
    this.cancelled = true;
    this.modelLoad.abandon();
    // Embedding stops at the next batch; a model download cannot be interrupted, so its worker goes.
    if (this.embedderStarting) {
      this.embedderStarting.terminate();
      this.embedderStarting = null;
    }
    void this.embedder?.client.api.cancel();
    // A query being written is stopped (the chat model's interrupt).
    if (this.generating)
      void currentGenerator()
        ?.interrupt()
        .catch(() => undefined);
  }

  /** The queries the loaded chat model writes for this question (kept for the run). */
  async queriesFor(transform: EvalQueryTransform, question: string, previous: { question: string; answer: string } | null): Promise<string[]> {
    const problem = chatModelProblem();
    if (problem) throw new EvaluationProblem(message(`retr14.evalQueries.errors.${problem.key.endsWith('busy') ? 'busy' : 'no-model'}`));
    const key = queryCacheKey(loadedChatModelId() ?? '', transform, question, previous);
    const kept = this.queries.get(key);
    if (kept) return kept;
    this.generating = true;
    let queries: string[];
    try {
      queries = await generateQueries(transform.mode, question, transform.rewrites, previous ?? undefined);
    } catch (err) {
      this.check();
      throw new EvaluationProblem(message('retr14.evalQueries.errors.failed', { detail: describe(err) }));
    } finally {
      this.generating = false;
    }
    this.check();
    this.queries.set(key, queries);
    return queries;
  }

  /** The evaluation's embedder with this model loaded on this device (its own worker). */
  async embedderFor(model: EmbeddingModelInfo, device: ComputeDevice, onProgress: (p: EvalStageProgress) => void): Promise<EmbedderClient> {
    const key = `${model.id}\u0000${device}`;
    if (this.embedder?.key === key) return this.embedder.client;
    this.embedder?.client.terminate();
    this.embedder = null;
    const source = modelSource();
    if (!source) throw new EvaluationProblem(message('settings.errors.bad-host'));
    const client = await createEmbedderClient();
    this.embedderStarting = client;
    this.check();
    onProgress({ stage: 'loading-model', done: 0, total: 0 });
    const files = new Map<string, DownloadProgress>();
    try {
      // cancel() abandons the wait: a terminated worker never answers.
      await this.modelLoad.load(
        client.api,
        model,
        device,
        source,
        (p) => {
          files.set(p.file, p);
          let done = 0;
          let total = 0;
          for (const f of files.values()) (done += f.loadedBytes), (total += f.totalBytes);
          onProgress({ stage: 'loading-model', done, total });
        },
        () => !this.cancelled,
      );
    } catch (err) {
      client.terminate();
      if (err instanceof EvaluationCancelled) throw err;
      throw new EvaluationProblem(message('evaluation.errors.model-load', { model: model.id, detail: describe(err) }));
    } finally {
      this.embedderStarting = null;
    }
    this.check();
    this.embedder = { client, key };
    return client;
  }

  /** The evaluation's embedder with the built-in LSA embedder fitted to these chunk texts (its own worker). */
  async lsaEmbedderFor(chunkTexts: string[], onProgress: (p: EvalStageProgress) => void): Promise<EmbedderClient> {
    this.embedder?.client.terminate();
    this.embedder = null;
    const client = await createEmbedderClient();
    this.embedderStarting = client;
    const texts = [...new Set(chunkTexts)];
    onProgress({ stage: 'fitting', done: 0, total: texts.length });
    try {
      this.check();
      await client.api.fitLsa(
        texts,
        callback((p: LsaProgress) => onProgress({ stage: 'fitting', done: p.done, total: p.total })),
      );
    } catch (err) {
      client.terminate();
      this.check();
      throw new EvaluationProblem(message('evaluation.errors.embedding', { detail: describe(err) }));
    } finally {
      this.embedderStarting = null;
    }
    this.check();
    // Keyed by nothing another configuration could share: each fit belongs to its own chunks.
    this.embedder = { client, key: `lsa\u0000${Math.random()}` };
    return client;
  }

  async evaluationIndex(): Promise<EvaluationIndexClient> {
    this.index ??= await createEvaluationIndexClient();
    return this.index;
  }

  /** A keyword index of the run's own (not the app's). */
  async keywordIndex(): Promise<KeywordIndexClient> {
    this.keywords ??= await createKeywordIndexClient();
    return this.keywords;
  }

  /** Stop the workers this run started. */
  end(): void {
    this.embedder?.client.terminate();
    this.embedder = null;
    this.index?.terminate();
    this.index = null;
    this.keywords?.terminate();
    this.keywords = null;
  }
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

const documentNames = () => new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));

function toRetrieved(chunk: Chunk, score: number, names: Map<string, string>): RetrievedInput {
  return { chunkId: chunk.id, chunkIndex: chunk.index, documentName: names.get(chunk.docId) ?? chunk.docId, text: chunk.text, score };
}

/**
 * The stage a configuration asked for but that the retrieval pipeline did not apply (it reports each
 * stage's scores), or null. Keeps an evaluation from labelling plain vector results as "hybrid".
 */
export function missingStage(config: EvalConfiguration, results: ScoredChunk[]): 'keyword' | 'hybrid' | 'rerank' | null {
  if (results.length === 0) return null;
  if (config.mode === 'keyword' && results.every((r) => r.scores?.bm25 === undefined)) return 'keyword';
  if (config.mode === 'hybrid' && results.every((r) => r.scores?.fused === undefined)) return 'hybrid';
  if (config.rerankModelId !== null && results.every((r) => r.scores?.rerank === undefined)) return 'rerank';
  return null;
}

async function runOnCurrentIndex(
  config: EvalConfiguration,
  questions: EvalQuestion[],
  session: EvaluationSession,
  onProgress: (p: EvalStageProgress) => void,
): Promise<ConfigurationResult> {
  if (!hasVectorIndex()) {
    if (config.mode !== 'keyword') throw new EvaluationProblem(message('evaluation.errors.no-index'));
    await chunkingSettled();
    if (currentChunkMap().size === 0) throw new EvaluationProblem(message('evaluation.errors.no-documents'));
    return answerQuestions(config, questions, session, onProgress);
  }
  if (config.mode === 'keyword') return answerQuestions(config, questions, session, onProgress);
  onProgress({ stage: 'loading-model', done: 0, total: 0 });
  const problem = await useIndexStore.getState().loadIndexModel();
  if (problem) throw new EvaluationProblem(problem);
  session.check();
  return answerQuestions(config, questions, session, onProgress);
}

/** Every question through the retrieval pipeline (over the source, by default the app's index), evaluated. */
async function answerQuestions(
  config: EvalConfiguration,
  questions: EvalQuestion[],
  session: EvaluationSession,
  onProgress: (p: EvalStageProgress) => void,
  source?: RetrievalSource,
): Promise<ConfigurationResult> {
  const retrieval = retrievalConfigOf(config);
  const names = documentNames();
  const transform = config.queryTransform ?? null;
  const out = [];
  for (const [i, q] of questions.entries()) {
    onProgress({ stage: 'questions', done: i, total: questions.length });
    let outcome: RetrievalOutcome;
    // With query transformation, the stages are checked on the lists of the queries (the fused list has RRF scores only).
    let stageResults: ScoredChunk[] | null = null;
    // A standalone rewrite needs the turn before: the set's first question is searched as it is.
    const previous = transform?.mode === 'standalone' ? previousTurnOf(questions, i) : null;
    const queries = transform && (transform.mode !== 'standalone' || previous) ? await session.queriesFor(transform, q.question, previous) : null;
    try {
      if (transform && queries) {
        // A reply that held no query: the question itself is searched (multi-query searches it anyway).
        const searched = queries.length > 0 ? queries : [q.question];
        const transformed = await runTransformedQueries(q.question, transform.mode, searched, retrieval, source ?? indexRetrievalSource());
        outcome = transformed;
        stageResults = transformed.queryOutcomes?.[0]?.results ?? null;
      } else {
        outcome = await runRetrieval(q.question, retrieval, source);
      }
    } catch (err) {
      session.check();
      throw new EvaluationProblem(message('evaluation.errors.retrieval', { detail: describe(err) }));
    }
    session.check();
    const missing = missingStage(config, stageResults ?? outcome.results);
    if (missing) throw new EvaluationProblem(message(`evaluation.errors.stage-missing.${missing}`));
    // Parent-child: each hit is judged by its parent's text (what the prompt would get).
    const parentText = new Map<number, string>();
    for (const p of outcome.parents ?? []) for (const rank of p.childRanks) parentText.set(rank, p.text);
    const retrieved = outcome.results.map((r) => {
      const input = toRetrieved(r.chunk, r.score, names);
      const text = parentText.get(r.rank);
      return text === undefined ? input : { ...input, text };
    });
    out.push(evaluateQuestion(q, retrieved, config.topK));
  }
  onProgress({ stage: 'questions', done: questions.length, total: questions.length });
  return configurationResult(config.id, config.topK, out);
}

/**
 * The device the app embeds this model on: the user's choice, or Automatic's measured choice (the same as step
 * 3's, models/deviceTrials.ts: remembered per model and browser, or timed now in the evaluation's own embedder;
 * never a software WebGPU adapter over WASM). Cached vectors are reused only for the same device.
 */
async function embeddingDevice(model: EmbeddingModelInfo, session: EvaluationSession, onProgress: (p: EvalStageProgress) => void): Promise<ComputeDevice> {
  let embedder: EmbedderClient | null = null;
  const { device } = await preferredDevice(useIndexStore.getState().devicePreference, model.id, {
    async load(trialDevice) {
      embedder = await session.embedderFor(model, trialDevice, onProgress);
      return trialDevice;
    },
    run: textTrial((texts, passes) => embedder!.api.trial(texts, passes)),
    stillCurrent: () => !session.cancelled,
    onMeasuring: () => onProgress({ stage: 'loading-model', done: 0, total: 0 }),
  });
  session.check();
  if (!device) throw new EvaluationProblem(message('embedding.errors.webgpu-unavailable'));
  return device;
}

async function runOnOwnIndex(
  config: EvalConfiguration,
  questions: EvalQuestion[],
  session: EvaluationSession,
  onProgress: (p: EvalStageProgress) => void,
): Promise<ConfigurationResult> {
  const index = useIndexStore.getState();
  const documents = useDocumentsStore.getState().documents;
  if (documents.length === 0) throw new EvaluationProblem(message('evaluation.errors.no-documents'));
  const modelId = config.embeddingModelId ?? index.indexedModelId ?? index.modelId;
  const model = index.models.find((m) => m.id === modelId);
  if (!model) throw new EvaluationProblem(message('evaluation.errors.model-unknown', { model: modelId }));
  const chunking: ChunkerSettings = config.chunking ?? index.indexedChunking ?? useChunkingStore.getState().options;
  // The token chunker counts with the tokenizer of the configuration's embedding model.
  const tokenizer = tokenizerOf(model);

  // 1. Chunks, document by document, in the chunker worker.
  const { api: chunker } = await getChunker();
  const chunks: Chunk[] = [];
  for (const [i, doc] of documents.entries()) {
    onProgress({ stage: 'chunking', done: i, total: documents.length });
    const packed = await chunker.chunk({ id: doc.id, name: doc.name, kind: doc.kind, text: doc.text, structure: doc.structure }, chunking, tokenizer);
    chunks.push(...unpackChunks(doc.id, doc.text, packed));
    session.check();
  }

  // With contextual headers, each chunk is embedded (embedHeaders) and keyword-indexed (contextualHeaders)
  // as its title and heading path, then its text (the results still show the text alone).
  const names = documentNames();
  const textOf = (c: Chunk) => indexedText(c, names.get(c.docId) ?? '', config.embedHeaders ?? false);
  const keywordTextOf = (c: Chunk) => indexedText(c, names.get(c.docId) ?? '', keywordHeadersOf(config));

  // 2. Vectors (not for keyword search alone): reuse those the app already has for this model, device and
  //    text; embed the rest. 3. An exact index of them, and the questions' vectors.
  let vectors: EvaluationIndexClient['api'] | null = null;
  let questionVectors: Map<string, Float32Array> | null = null;
  if (config.mode !== 'keyword') {
    const lsa = isBuiltinLsa(model);
    // The built-in embedder runs in plain JavaScript on the CPU; a model on the device the app embeds on.
    const device = lsa ? 'cpu' : await embeddingDevice(model, session, onProgress);
    const embedder = device === 'cpu' ? await session.lsaEmbedderFor(chunks.map(textOf), onProgress) : await session.embedderFor(model, device, onProgress);
    const vectorOf = new Map<string, Float32Array>();
    // The app's index worker holds vectors of this model and device for the texts it indexed: ask it for those.
    const inIndex = indexedVectorIds(model.id, device);
    const reusable = [...new Set(chunks.map(textOf).filter((t) => inIndex.has(t)))];
    if (reusable.length > 0) {
      const stored = await (await getVectorIndex()).api.getVectors(reusable.map((t) => inIndex.get(t)!));
      session.check();
      reusable.forEach((text, i) => {
        const v = stored[i];
        if (v) vectorOf.set(text, v);
      });
    }
    const toEmbed = new Set<string>();
    for (const c of chunks) {
      const text = textOf(c);
      if (!vectorOf.has(text)) toEmbed.add(text);
    }
    const missing = [...toEmbed];
    const reused = vectorOf.size;
    const distinct = reused + missing.length;
    onProgress({ stage: 'embedding', done: reused, total: distinct });
    const embedded = await embedTexts(embedder, missing, 'passage', session, (done) =>
      onProgress({ stage: 'embedding', done: reused + done, total: distinct }),
    );
    missing.forEach((text, i) => vectorOf.set(text, embedded[i]!));

    onProgress({ stage: 'indexing', done: 0, total: chunks.length });
    vectors = (await session.evaluationIndex()).api;
    await vectors.build(chunks.map((c) => ({ id: c.id, vector: vectorOf.get(textOf(c))! })));
    session.check();
    const texts = [...new Set(questions.map((q) => q.question))];
    const embeddedQuestions = await embedTexts(embedder, texts, 'query', session, () => undefined);
    questionVectors = new Map(texts.map((text, i) => [text, embeddedQuestions[i]!]));
  }

  // 3. For keyword and hybrid search, a keyword index of its own.
  let keywords: KeywordIndexClient['api'] | null = null;
  if (config.mode !== 'vector') {
    onProgress({ stage: 'indexing', done: 0, total: chunks.length });
    keywords = (await session.keywordIndex()).api;
    await buildKeywordIndex(
      keywords,
      chunks.map((c) => ({ id: c.id, text: keywordTextOf(c) })),
      keywordAnalysisOf(config),
    );
    session.check();
  }

  // 4. The questions, through the same pipeline as the app's.
  const source = evaluationRetrievalSource({ chunks: new Map(chunks.map((c) => [c.id, c])), questionVectors, vectors, keywords });
  try {
    return await answerQuestions(config, questions, session, onProgress, source);
  } finally {
    await vectors?.clear();
    await keywords?.clear();
  }
}

async function embedTexts(
  embedder: EmbedderClient,
  texts: string[],
  kind: 'query' | 'passage',
  session: EvaluationSession,
  onDone: (done: number) => void,
): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  try {
    const vectors = await embedder.api.embed(texts, kind, callback(onDone));
    session.check();
    return vectors;
  } catch (err) {
    session.check(); // a cancelled embedding ends as a cancellation
    throw new EvaluationProblem(message('evaluation.errors.embedding', { detail: describe(err) }));
  }
}

/** Evaluate one configuration. Throws EvaluationProblem (with a message) or EvaluationCancelled. */
export function runConfiguration(
  config: EvalConfiguration,
  questions: EvalQuestion[],
  session: EvaluationSession,
  onProgress: (p: EvalStageProgress) => void,
): Promise<ConfigurationResult> {
  // Query transformation needs the chat model: said before any chunking or embedding, and never run without it.
  if (config.queryTransform) {
    const problem = chatModelProblem();
    if (problem) return Promise.reject(new EvaluationProblem(message(`retr14.evalQueries.errors.${problem.key.endsWith('busy') ? 'busy' : 'no-model'}`)));
  }
  const { indexedModelId, indexedChunking, indexedHeaders } = useIndexStore.getState();
  return needsOwnIndex(config, { modelId: indexedModelId, chunking: indexedChunking, embedHeaders: indexedHeaders })
    ? runOnOwnIndex(config, questions, session, onProgress)
    : runOnCurrentIndex(config, questions, session, onProgress);
}
