// Step 4, retrieval: the question, k, the search settings (mode, fusion, candidates, MMR, threshold)
// and the filter, and the chunks that came back with their scores at each stage. The settings and k
// persist like other settings; the filter (documents, pages) belongs to the current workspace and does not.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import {
  DEFAULT_SEARCH_SETTINGS,
  sanitizeSearchSettings,
  toRetrievalConfig,
  toRetrievalFilter,
  type PageRangeInput,
  type SearchSettings,
} from '@openbook/core/retrieval/searchSettings';
import { message, type Message } from '../../i18n/message';
import { useIndexStore } from '../embedding/indexStore';
import { chunkingSettled } from '../chunks/chunkingStore';
import { currentChunkMap, hasVectorIndex } from './searchableChunks';
import { useDocumentsStore } from '../documents/documentsStore';
import { needsQueryEmbedding, type RetrievalOutcome } from './retrievalPipeline';
import { runWithQueries, type QueryRun } from './transformedRetrieval';
import { describeError } from '../runtime/errors';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { schemaPersistOptions } from '../runtime/persistedSchema';
import { chosenRerankConfig, rerankProblemOf } from './rerank';

export type RetrievalPhase = 'idle' | 'loading-model' | 'embedding-query' | 'searching' | 'done' | 'error';

/** One question's retrieval as the app keeps it: the pipeline's outcome, with the question and configuration. */
export interface RetrievalRun extends RetrievalOutcome {
  /** Query transformation: the queries searched and their hits (absent or null: the question alone). */
  queryRuns?: QueryRun[] | null;
  question: string;
  /** The configuration this run used (the table labels its columns by it). */
  config: RetrievalConfig;
}

interface RetrievalState {
  question: string;
  topK: number;
  search: SearchSettings;
  /** The documents the search is limited to, or null for all of them. */
  filterDocIds: string[] | null;
  /** A page range for paged documents (PDF); empty ends are open. */
  pageRange: PageRangeInput;
  setSearch(patch: Partial<SearchSettings>): void;
  setFilterDocIds(ids: string[] | null): void;
  setPageRange(range: PageRangeInput): void;
  /** The RetrievalConfig of the current settings, k and filter. */
  currentConfig(): RetrievalConfig;
  phase: RetrievalPhase;
  last: RetrievalRun | null;
  error: Message | null;
  /** The chunk the user asked to see in its document. */
  focusedChunkId: string | null;
  /** How step 2 shows the selected document: coloured chunks over the text, the list of chunks, or its text. */
  documentView: 'colours' | 'chunks' | 'text';
  setDocumentView(view: 'colours' | 'chunks' | 'text'): void;
  setQuestion(q: string): void;
  setTopK(k: number): void;
  retrieve(): Promise<RetrievalRun | null>;
  focusChunk(id: string | null): void;
  /** Forget the question's results (the documents they came from are gone). */
  clearResults(): void;
}

export const MAX_TOP_K = 20;

export const useRetrievalStore = create<RetrievalState>()(
  persist(
    (set, get) => ({
      question: '',
      topK: 4,
      search: DEFAULT_SEARCH_SETTINGS,
      filterDocIds: null,
      pageRange: { from: null, to: null },
      setSearch: (patch) => set({ search: sanitizeSearchSettings({ ...get().search, ...patch }) }),
      setFilterDocIds: (filterDocIds) => set({ filterDocIds, error: null }),
      setPageRange: (pageRange) => set({ pageRange, error: null }),
      currentConfig: () => {
        const { search, topK, filterDocIds, pageRange } = get();
        const live = useDocumentsStore.getState().documents.map((d) => d.id);
        return { ...toRetrievalConfig(search, topK, toRetrievalFilter(filterDocIds, pageRange, live)), ...chosenRerankConfig() };
      },
      phase: 'idle',
      last: null,
      error: null,
      focusedChunkId: null,
      // The coloured view teaches most: every chunk over the text, overlaps hatched.
      documentView: 'colours',
      setDocumentView: (documentView) => set({ documentView }),
      setQuestion: (question) => set({ question }),
      setTopK: (k) => set({ topK: Math.min(MAX_TOP_K, Math.max(1, Math.round(k) || 1)) }),
      // Seeing a retrieved chunk "in its document" means its text, in place.
      focusChunk: (focusedChunkId) => set({ focusedChunkId, documentView: focusedChunkId ? 'text' : get().documentView }),
      clearResults: () => set({ phase: 'idle', last: null, error: null, focusedChunkId: null, documentView: 'colours' }),

      async retrieve() {
        const question = get().question.trim();
        if (!question) {
          set({ error: message('ask.errors.empty-question') });
          return null;
        }
        const config = get().currentConfig();
        if (!hasVectorIndex()) {
          // Before any embedding, keyword search runs over the chunks as they are; the other modes need vectors.
          await chunkingSettled();
          if (currentChunkMap().size === 0) {
            set({ error: message('ask.errors.no-chunks') });
            return null;
          }
          if (needsQueryEmbedding(config)) {
            set({ error: message('ask.errors.needs-vectors', { mode: config.mode }) });
            return null;
          }
        }
        const index = useIndexStore.getState();
        if (config.filter?.docIds?.length === 0) {
          set({ error: message('search.errors.no-documents') });
          return null;
        }
        const pages = config.filter?.pages;
        if (pages && (pages.from < 1 || pages.from > pages.to)) {
          set({ error: message('search.errors.bad-pages') });
          return null;
        }
        // The question must be embedded by the model (and on the device) that embedded the chunks. After a
        // reload the index comes back from storage without its model: it is loaded now, on first use.
        // Keyword search alone does not embed the question.
        const modelMissing = index.loaded?.modelId !== index.indexedModelId || index.loaded?.device !== index.indexedDevice;
        if (needsQueryEmbedding(config) && modelMissing) {
          set({ phase: 'loading-model', error: null });
          const problem = await useIndexStore.getState().loadIndexModel();
          if (problem) {
            set({ phase: 'error', error: problem });
            return null;
          }
        }
        set({ phase: needsQueryEmbedding(config) ? 'embedding-query' : 'searching', error: null });
        try {
          // With transformed queries (multi-query, HyDE, standalone), each is searched and their hits fused.
          const { labelConfig, ...outcome } = await runWithQueries(question, config);
          const run: RetrievalRun = { question, ...outcome, config: labelConfig };
          set({ phase: 'done', last: run });
          return run;
        } catch (err) {
          set({ phase: 'error', error: rerankProblemOf(err) ?? message('ask.errors.failed', { detail: describeError(err) }) });
          return null;
        }
      },
    }),
    {
      name: 'openbook.search',
      storage: settingsStorage,
      partialize: (s) => ({ topK: s.topK, search: s.search }),
      // topK is kept within 1..MAX_TOP_K and the search settings sanitised, as when they are set.
      ...schemaPersistOptions<RetrievalState>(
        'openbook.search',
        {
          topK: v.pipe(
            v.number(),
            v.finite(),
            v.transform((k) => Math.min(MAX_TOP_K, Math.max(1, Math.round(k)))),
          ),
          search: v.pipe(v.unknown(), v.transform(sanitizeSearchSettings)),
        },
        (parsed, current) => ({ ...current, topK: parsed.topK ?? current.topK, search: parsed.search ?? sanitizeSearchSettings(undefined) }),
      ),
    },
  ),
);
