// The pipeline file of the app as it is now (currentPipelineFile), and applying one ("Open pipeline file"):
// every setting it holds goes into its store, or, when the file cannot be applied (another version, an
// unknown model, a bad value), nothing changes and the reason is returned in words.
import {
  buildPipelineFile,
  chunkerSettingsOf,
  keywordSettingsOf,
  readPipelineFile,
  type PipelineFile,
  type PipelineFileError,
} from '@openbook/core/pipelineFile';
import type { SearchMode } from '@openbook/core/retrievalConfig';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS, type KeywordAnalysis } from '@openbook/core/retrieval/keywordSettings';
import type { ParentSettings } from '@openbook/core/retrieval/parentChild';
import { useQueryTransformStore } from '../retrieval/queryTransformStore';
import { message, type Message } from '../../i18n/message';
import { useChunkingStore } from '../chunks/chunkingStore';
import { useIndexStore } from '../embedding/indexStore';
import { useRetrievalStore } from '../retrieval/retrievalStore';
import { useRerankStore } from '../retrieval/rerankStore';
import { templateIn, usePromptStore } from '../augment/promptStore';
import { systemPromptIn, useSamplingStore } from '../generation/samplingStore';
import { useGenerationStore } from '../generation/generationStore';
import { useIngestSettingsStore } from '../documents/ingestSettingsStore';
import { useDocumentsStore } from '../documents/documentsStore';

/** Settings that replace the current ones in an export (the best configuration of an evaluation). */
export interface PipelineOverrides {
  mode?: SearchMode;
  topK?: number;
  rerankModelId?: string | null;
  /** Keyword search's stop words and stemming. */
  keywordAnalysis?: KeywordAnalysis;
  /** Keyword search indexes chunks with their contextual headers. */
  contextualHeaders?: boolean;
  /** Parent-child (null: off). */
  parentChild?: ParentSettings | null;
}

/** The pipeline as the index was built and the settings are now, or null when there is no index (nothing to describe the vectors). */
export function currentPipelineFile(uiLanguage: string, overrides: PipelineOverrides = {}, now: Date = new Date()): PipelineFile | null {
  const index = useIndexStore.getState();
  const { indexedModelId, indexedDevice, indexedChunking } = index;
  if (!indexedModelId || !indexedDevice || !indexedChunking || index.indexedChunks.size === 0) return null;
  const model = index.models.find((m) => m.id === indexedModelId);
  const dimension = index.indexStatus?.dimension ?? index.loaded?.dimension ?? model?.dimension ?? 0;
  const retrieval = useRetrievalStore.getState();
  const config = retrieval.currentConfig();
  const sampling = useSamplingStore.getState();
  const generation = useGenerationStore.getState();
  const rerankModelId = overrides.rerankModelId !== undefined ? overrides.rerankModelId : config.rerankModelId;
  const rerankModel = useRerankStore.getState().models.find((m) => m.id === rerankModelId);
  return buildPipelineFile({
    createdAt: now,
    maxFileMB: useIngestSettingsStore.getState().maxFileMB,
    chunker: indexedChunking,
    embedding: {
      modelId: indexedModelId,
      device: indexedDevice,
      // A model the site serves itself names its weights in its config.json (transformers.js_config.dtype).
      ...(model?.selfHostedOnly || model?.builtin ? { dtype: 'auto' as const } : {}),
      pooling: model?.pooling ?? 'mean',
      queryPrefix: model?.queryPrefix ?? '',
      passagePrefix: model?.passagePrefix ?? '',
      dimension,
      contextualHeaders: index.indexedHeaders,
    },
    retrieval: {
      mode: overrides.mode ?? config.mode,
      fusion: config.fusion,
      vectorWeight: config.vectorWeight,
      candidates: config.candidates,
      topK: overrides.topK ?? config.topK,
      mmrLambda: config.mmrLambda,
      minScore: config.minScore,
      filter: config.filter,
      parentChild: overrides.parentChild !== undefined ? overrides.parentChild : (config.parentChild ?? null),
      queryTransform: (({ mode, rewrites }) => ({ mode, rewrites }))(useQueryTransformStore.getState()),
    },
    keyword: {
      ...(overrides.keywordAnalysis ?? config.keywordAnalysis ?? DEFAULT_KEYWORD_ANALYSIS),
      contextualHeaders: overrides.contextualHeaders ?? config.contextualHeaders ?? DEFAULT_KEYWORD_HEADERS,
    },
    rerankModelId,
    ...(rerankModel ? { rerankMaxTokens: rerankModel.maxTokens } : {}),
    template: templateIn(usePromptStore.getState().custom, uiLanguage),
    systemPrompt: systemPromptIn(sampling.customSystem, uiLanguage),
    generation: {
      engine: generation.engine,
      modelId: generation.modelId,
      temperature: sampling.temperature,
      topP: sampling.topP,
      maxTokens: sampling.maxTokens,
    },
  });
}

/** What is wrong with a pipeline file, in words. */
export function pipelineErrorMessage(error: PipelineFileError): Message {
  const { code, ...values } = error;
  return message(`pipeline.errors.${code}`, values);
}

export type ApplyPipelineOutcome = { ok: true; modelId: string } | { ok: false; error: Message };

/** Read a pipeline file and apply every setting in it; a file that cannot be applied changes nothing. */
export async function applyPipelineFile(text: string): Promise<ApplyPipelineOutcome> {
  await Promise.all([useIndexStore.getState().loadSiteModels(), useRerankStore.getState().loadSiteModels()]);
  const embedding = useIndexStore.getState().models.map((m) => ({ id: m.id, dimension: m.builtin ? null : m.dimension }));
  const rerankers = useRerankStore.getState().models.map((m) => m.id);
  const read = readPipelineFile(text, { embedding, rerankers });
  if (!read.ok) return { ok: false, error: pipelineErrorMessage(read.error) };
  const p = read.pipeline;
  if (useIndexStore.getState().phase !== 'idle' && useIndexStore.getState().phase !== 'ready' && useIndexStore.getState().phase !== 'error') {
    return { ok: false, error: message('pipeline.errors.busy') };
  }
  useIngestSettingsStore.getState().setMaxFileMB(p.parser.maxFileMB);
  useChunkingStore.getState().setDraft(chunkerSettingsOf(p));
  useIndexStore.getState().setModel(p.embedding.modelId);
  // Chunks embedded with their title and heading path (applies at the next "Embed and index").
  useIndexStore.getState().setEmbedHeaders(p.embedding.contextualHeaders);
  // The built-in embedder runs on the CPU whatever the preference: its device is not a choice.
  if (p.embedding.device !== 'cpu') useIndexStore.getState().setDevicePreference(p.embedding.device);
  const retrieval = useRetrievalStore.getState();
  const keyword = keywordSettingsOf(p);
  retrieval.setSearch({
    mode: p.retrieval.mode,
    fusion: p.retrieval.fusion.method,
    vectorWeight: p.retrieval.fusion.vectorWeight,
    candidates: p.retrieval.candidates,
    mmr: p.retrieval.mmrLambda !== null,
    ...(p.retrieval.mmrLambda !== null ? { mmrLambda: p.retrieval.mmrLambda } : {}),
    threshold: p.retrieval.minScore !== null,
    ...(p.retrieval.minScore !== null ? { minScore: p.retrieval.minScore } : {}),
    stopWords: keyword.stopWords,
    stemming: keyword.stemming,
    contextualHeaders: keyword.contextualHeaders,
    parentChild: p.retrieval.parentChild !== null,
    // The parent settings are kept while parent-child is off (as the settings panel keeps them).
    ...(p.retrieval.parentChild ? { parent: { mode: p.retrieval.parentChild.mode, window: p.retrieval.parentChild.window } } : {}),
  });
  // Query transformation: its mode and number of rewrites (the queries themselves are made per question).
  const transform = useQueryTransformStore.getState();
  if (transform.phase !== 'generating') {
    transform.setMode(p.retrieval.queryTransform?.mode ?? 'none');
    if (p.retrieval.queryTransform) useQueryTransformStore.getState().setRewrites(p.retrieval.queryTransform.rewrites);
  }
  retrieval.setTopK(p.retrieval.topK);
  // A filter names documents of the workspace it was made in: those present here are kept.
  const live = new Set(useDocumentsStore.getState().documents.map((d) => d.id));
  const docIds = p.retrieval.filter?.docIds?.filter((id) => live.has(id));
  retrieval.setFilterDocIds(docIds && docIds.length > 0 ? docIds : null);
  const pages = p.retrieval.filter?.pages;
  retrieval.setPageRange(pages ? { from: pages.from, to: pages.to } : { from: null, to: null });
  useRerankStore.getState().setModel(p.reranker?.modelId ?? null);
  usePromptStore.getState().setTemplate(p.prompt.template);
  useSamplingStore.getState().setSystemPrompt(p.prompt.systemPrompt);
  useSamplingStore.getState().set({ temperature: p.generation.temperature, topP: p.generation.topP, maxTokens: p.generation.maxTokens });
  const generation = useGenerationStore.getState();
  if (generation.phase !== 'generating' && generation.phase !== 'loading') {
    generation.setEngine(p.generation.engine as Parameters<typeof generation.setEngine>[0]);
    if (p.generation.modelId) useGenerationStore.getState().setModel(p.generation.modelId);
  }
  return { ok: true, modelId: p.embedding.modelId };
}
