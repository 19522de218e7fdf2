// A configuration to evaluate: which embedding model and chunks, how many results, which search mode,
// and whether a reranker re-orders them. Pure types and helpers.
import { settingsKey, validateChunkerSettings, type ChunkerSettings } from '../chunkers/settings';
import { DEFAULT_RETRIEVAL_CONFIG, type RetrievalConfig, type SearchMode } from '../retrievalConfig';
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS, type KeywordAnalysis } from '../retrieval/keywordSettings';
import type { ParentSettings } from '../retrieval/parentChild';
import type { EvalQueryTransform } from './queryTransformDimension';

export interface EvalConfiguration {
  id: string;
  /** The embedding model, or null for the one that built the current index. */
  embeddingModelId: string | null;
  /** The chunk settings, or null for the chunks of the current index. */
  chunking: ChunkerSettings | null;
  topK: number;
  mode: SearchMode;
  /** The cross-encoder that reorders the candidates, or null for none. */
  rerankModelId: string | null;
  // Retrieval techniques (issue 14), each optional so that older saved configurations stay valid:
  /** Keyword search leaves out English and Chinese stop words (absent: on). */
  stopWords?: boolean;
  /** Keyword search stems English words (absent: on). */
  stemming?: boolean;
  /** Chunks are keyword-indexed with their document title and heading path (absent: on). */
  contextualHeaders?: boolean;
  /** Chunks are embedded with their document title and heading path (absent: off; needs an index of its own). */
  embedHeaders?: boolean;
  /** Parent-child: each hit counts (and goes to the prompt) as its parent, its section or ±n chunks (absent or null: off). */
  parentChild?: ParentSettings | null;
  /** Query transformation by the loaded chat model: multi-query, HyDE or standalone rewrite (absent or null: off). */
  queryTransform?: EvalQueryTransform | null;
}

/** The configuration's keyword headers, default filled in. */
export const keywordHeadersOf = (c: Pick<EvalConfiguration, 'contextualHeaders'>): boolean => c.contextualHeaders ?? DEFAULT_KEYWORD_HEADERS;

/** The configuration's keyword analysis (stop words, stemming), defaults filled in. */
export function keywordAnalysisOf(c: Pick<EvalConfiguration, 'stopWords' | 'stemming'>): KeywordAnalysis {
  return { stopWords: c.stopWords ?? DEFAULT_KEYWORD_ANALYSIS.stopWords, stemming: c.stemming ?? DEFAULT_KEYWORD_ANALYSIS.stemming };
}

/** Does the configuration differ from the default in any retrieval technique? */
function usesTechniques(c: EvalConfiguration): boolean {
  const a = keywordAnalysisOf(c);
  return (
    a.stopWords !== DEFAULT_KEYWORD_ANALYSIS.stopWords ||
    a.stemming !== DEFAULT_KEYWORD_ANALYSIS.stemming ||
    keywordHeadersOf(c) !== DEFAULT_KEYWORD_HEADERS ||
    (c.embedHeaders ?? false) ||
    (c.parentChild ?? null) !== null ||
    (c.queryTransform ?? null) !== null
  );
}

export const MAX_EVAL_TOP_K = 50;

export const defaultConfiguration = (id: string): EvalConfiguration => ({
  id,
  embeddingModelId: null,
  chunking: null,
  topK: DEFAULT_RETRIEVAL_CONFIG.topK,
  mode: 'vector',
  rerankModelId: null,
});

/** Is this configuration the untouched default (whatever its id)? */
export function isDefaultConfiguration(c: EvalConfiguration): boolean {
  const d = defaultConfiguration(c.id);
  return (
    c.embeddingModelId === d.embeddingModelId &&
    c.chunking === d.chunking &&
    c.topK === d.topK &&
    c.mode === d.mode &&
    c.rerankModelId === d.rerankModelId &&
    !usesTechniques(c)
  );
}

/**
 * The configurations the sample question set starts with: ones that run with no download at all (keyword
 * search; the built-in LSA embedder, `lsaModelId`, with vector and hybrid search), after the current index
 * as it is when there is one made by another model.
 */
export function sampleConfigurations(lsaModelId: string, withIndex: boolean, newId: () => string): EvalConfiguration[] {
  const base = (patch: Partial<EvalConfiguration>): EvalConfiguration => ({ ...defaultConfiguration(newId()), ...patch });
  return [
    ...(withIndex ? [base({})] : []),
    base({ mode: 'keyword' }),
    base({ embeddingModelId: lsaModelId, mode: 'vector' }),
    base({ embeddingModelId: lsaModelId, mode: 'hybrid' }),
  ];
}

/** What the current index was built with. */
export interface IndexIdentity {
  modelId: string | null;
  chunking: ChunkerSettings | null;
  /** Whether its vectors were made with contextual headers (absent: no). */
  embedHeaders?: boolean;
}

const sameChunking = (a: ChunkerSettings, b: ChunkerSettings) => settingsKey(a) === settingsKey(b);

/**
 * True when the configuration needs chunks and vectors of its own: another embedding model or other
 * chunk settings than the current index. Such a configuration is chunked, embedded and indexed apart from
 * the index (vectors: an exact scan; keywords: a BM25 index of its own); the others run on the index itself.
 */
export function needsOwnIndex(c: EvalConfiguration, index: IndexIdentity): boolean {
  if (c.embeddingModelId !== null && c.embeddingModelId !== index.modelId) return true;
  if (c.chunking !== null && (index.chunking === null || !sameChunking(c.chunking, index.chunking))) return true;
  // Vectors of chunks with their headers (or without): only keyword search can do with the index's.
  if (c.mode !== 'keyword' && (c.embedHeaders ?? false) !== (index.embedHeaders ?? false)) return true;
  return false;
}

/** The retrieval pipeline's settings for this configuration. */
export function retrievalConfigOf(c: EvalConfiguration): RetrievalConfig {
  return {
    ...DEFAULT_RETRIEVAL_CONFIG,
    mode: c.mode,
    topK: c.topK,
    candidates: Math.max(DEFAULT_RETRIEVAL_CONFIG.candidates, c.topK),
    rerankModelId: c.rerankModelId,
    keywordAnalysis: keywordAnalysisOf(c),
    contextualHeaders: keywordHeadersOf(c),
    parentChild: c.parentChild ?? null,
  };
}

export type ConfigurationProblem = 'bad-k' | 'bad-chunking';

/** Why a configuration cannot run, or null. (Every mode and reranker runs on an index of its own too.) */
export function configurationProblem(c: EvalConfiguration): ConfigurationProblem | null {
  if (!Number.isInteger(c.topK) || c.topK < 1 || c.topK > MAX_EVAL_TOP_K) return 'bad-k';
  if (c.chunking !== null && validateChunkerSettings(c.chunking) !== null) return 'bad-chunking';
  return null;
}
