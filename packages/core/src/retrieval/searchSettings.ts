// The search settings a person picks in step 4, how they become a RetrievalConfig, and how settings read
// back from storage are made safe. Pure.
import { DEFAULT_KEYWORD_ANALYSIS, DEFAULT_KEYWORD_HEADERS } from './keywordSettings';
import { DEFAULT_PARENT_SETTINGS, sanitizeParentSettings, type ParentSettings } from './parentChild';
import { DEFAULT_RETRIEVAL_CONFIG, type FusionMethod, type RetrievalConfig, type RetrievalFilter, type SearchMode } from '../retrievalConfig';

export interface SearchSettings {
  mode: SearchMode;
  fusion: FusionMethod;
  /** Weighted fusion: the vector side's weight, 0..1. */
  vectorWeight: number;
  /** First-stage candidates per retriever. */
  candidates: number;
  mmr: boolean;
  /** MMR's λ, 0..1 (kept while MMR is off). */
  mmrLambda: number;
  threshold: boolean;
  /** The minimum score (kept while the threshold is off). */
  minScore: number;
  /** Keyword search leaves out English and Chinese stop words. */
  stopWords: boolean;
  /** Keyword search stems English words. */
  stemming: boolean;
  /** Keyword search indexes each chunk with its document title and heading path. */
  contextualHeaders: boolean;
  /** Parent-child: each hit's parent goes to the prompt. */
  parentChild: boolean;
  /** Its parent: the section, or ±parentWindow chunks (kept while parent-child is off). */
  parent: ParentSettings;
}

export const MAX_CANDIDATES = 200;

export const DEFAULT_SEARCH_SETTINGS: SearchSettings = {
  mode: DEFAULT_RETRIEVAL_CONFIG.mode,
  fusion: DEFAULT_RETRIEVAL_CONFIG.fusion,
  vectorWeight: DEFAULT_RETRIEVAL_CONFIG.vectorWeight,
  candidates: DEFAULT_RETRIEVAL_CONFIG.candidates,
  mmr: false,
  mmrLambda: 0.5,
  threshold: false,
  minScore: 0,
  stopWords: DEFAULT_KEYWORD_ANALYSIS.stopWords,
  stemming: DEFAULT_KEYWORD_ANALYSIS.stemming,
  contextualHeaders: DEFAULT_KEYWORD_HEADERS,
  parentChild: false,
  parent: DEFAULT_PARENT_SETTINGS,
};

const MODES: readonly SearchMode[] = ['vector', 'keyword', 'hybrid'];
const FUSIONS: readonly FusionMethod[] = ['rrf', 'weighted'];

const clamp01 = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : fallback);

/** Settings from storage (anything at all) made valid: unknown or bad values take the defaults. */
export function sanitizeSearchSettings(raw: unknown): SearchSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof SearchSettings, unknown>>;
  const d = DEFAULT_SEARCH_SETTINGS;
  const candidates = typeof r.candidates === 'number' && Number.isFinite(r.candidates) ? Math.round(r.candidates) : d.candidates;
  return {
    mode: MODES.includes(r.mode as SearchMode) ? (r.mode as SearchMode) : d.mode,
    fusion: FUSIONS.includes(r.fusion as FusionMethod) ? (r.fusion as FusionMethod) : d.fusion,
    vectorWeight: clamp01(r.vectorWeight, d.vectorWeight),
    candidates: Math.min(MAX_CANDIDATES, Math.max(1, candidates)),
    mmr: typeof r.mmr === 'boolean' ? r.mmr : d.mmr,
    mmrLambda: clamp01(r.mmrLambda, d.mmrLambda),
    threshold: typeof r.threshold === 'boolean' ? r.threshold : d.threshold,
    minScore: typeof r.minScore === 'number' && Number.isFinite(r.minScore) ? r.minScore : d.minScore,
    stopWords: typeof r.stopWords === 'boolean' ? r.stopWords : d.stopWords,
    stemming: typeof r.stemming === 'boolean' ? r.stemming : d.stemming,
    contextualHeaders: typeof r.contextualHeaders === 'boolean' ? r.contextualHeaders : d.contextualHeaders,
    parentChild: typeof r.parentChild === 'boolean' ? r.parentChild : d.parentChild,
    parent: sanitizeParentSettings(r.parent),
  };
}

/** The RetrievalConfig for these settings, k and filter. */
export function toRetrievalConfig(settings: SearchSettings, topK: number, filter: RetrievalFilter | null): RetrievalConfig {
  return {
    ...DEFAULT_RETRIEVAL_CONFIG,
    mode: settings.mode,
    fusion: settings.fusion,
    vectorWeight: settings.vectorWeight,
    topK,
    candidates: settings.candidates,
    mmrLambda: settings.mmr ? settings.mmrLambda : null,
    minScore: settings.threshold ? settings.minScore : null,
    filter,
    keywordAnalysis: { stopWords: settings.stopWords, stemming: settings.stemming },
    contextualHeaders: settings.contextualHeaders,
    parentChild: settings.parentChild ? settings.parent : null,
  };
}

/** A page range typed by a person: either end may be empty. */
export interface PageRangeInput {
  from: number | null;
  to: number | null;
}

/**
 * The filter for the chosen documents (null: all of them) and page range (empty ends: open); null when it
 * restricts nothing. `liveDocIds` drops documents removed since they were chosen.
 */
export function toRetrievalFilter(docIds: readonly string[] | null, pages: PageRangeInput, liveDocIds: readonly string[]): RetrievalFilter | null {
  const filter: RetrievalFilter = {};
  if (docIds) filter.docIds = docIds.filter((id) => liveDocIds.includes(id));
  if (pages.from !== null || pages.to !== null) filter.pages = { from: pages.from ?? 1, to: pages.to ?? Number.MAX_SAFE_INTEGER };
  return filter.docIds || filter.pages ? filter : null;
}
