// Step 4, retrieval: the question, k, and the chunks that came back with their cosine similarity.
import { create } from 'zustand';
import type { ScoredChunk } from '../core/types';
import type { IndexEngine } from '../adapters/vectorIndex/vectorIndex';
import { message, type Message } from '../i18n/message';
import { useIndexStore } from './indexStore';
import { runRetrieval } from './retrievalPipeline';
import { DEFAULT_RETRIEVAL_CONFIG } from '../core/retrievalConfig';
import { describeError } from './errors';

export type RetrievalPhase = 'idle' | 'loading-model' | 'embedding-query' | 'searching' | 'done' | 'error';

export interface RetrievalRun {
  question: string;
  results: ScoredChunk[];
  engine: IndexEngine;
  /** Why the exact scan answered although Voy was chosen, or null. */
  engineReason: string | null;
  /** The question's vector, for the embedding map. */
  queryVector: Float32Array | null;
  embedMs: number;
  searchMs: number;
}

interface RetrievalState {
  question: string;
  topK: number;
  phase: RetrievalPhase;
  last: RetrievalRun | null;
  error: Message | null;
  /** The chunk the user asked to see in its document. */
  focusedChunkId: string | null;
  /** How step 2 shows the selected document: its chunks, or its text with the focused chunk marked. */
  documentView: 'chunks' | 'text';
  setDocumentView(view: 'chunks' | 'text'): void;
  setQuestion(q: string): void;
  setTopK(k: number): void;
  retrieve(): Promise<RetrievalRun | null>;
  focusChunk(id: string | null): void;
  /** Forget the question's results (the documents they came from are gone). */
  clearResults(): void;
}

export const MAX_TOP_K = 20;

export const useRetrievalStore = create<RetrievalState>()((set, get) => ({
  question: '',
  topK: 4,
  phase: 'idle',
  last: null,
  error: null,
  focusedChunkId: null,
  documentView: 'chunks',
  setDocumentView: (documentView) => set({ documentView }),
  setQuestion: (question) => set({ question }),
  setTopK: (k) => set({ topK: Math.min(MAX_TOP_K, Math.max(1, Math.round(k) || 1)) }),
  // Seeing a retrieved chunk "in its document" means its text, in place.
  focusChunk: (focusedChunkId) => set({ focusedChunkId, documentView: focusedChunkId ? 'text' : get().documentView }),
  clearResults: () => set({ phase: 'idle', last: null, error: null, focusedChunkId: null, documentView: 'chunks' }),

  async retrieve() {
    const question = get().question.trim();
    if (!question) {
      set({ error: message('ask.errors.empty-question') });
      return null;
    }
    const index = useIndexStore.getState();
    if (index.indexedChunks.size === 0) {
      set({ error: message('ask.errors.no-index') });
      return null;
    }
    // The question must be embedded by the model (and on the device) that embedded the chunks. After a
    // reload the index comes back from storage without its model: it is loaded now, on first use.
    if (index.loaded?.modelId !== index.indexedModelId || index.loaded?.device !== index.indexedDevice) {
      set({ phase: 'loading-model', error: null });
      const problem = await useIndexStore.getState().loadIndexModel();
      if (problem) {
        set({ phase: 'error', error: problem });
        return null;
      }
    }
    set({ phase: 'embedding-query', error: null });
    try {
      const outcome = await runRetrieval(question, { ...DEFAULT_RETRIEVAL_CONFIG, topK: get().topK });
      const run: RetrievalRun = {
        question,
        results: outcome.results,
        engine: outcome.engine ?? 'exact',
        engineReason: outcome.engineReason,
        queryVector: outcome.queryVector,
        embedMs: outcome.embedMs,
        searchMs: outcome.searchMs,
      };
      set({ phase: 'done', last: run });
      return run;
    } catch (err) {
      set({ phase: 'error', error: message('ask.errors.failed', { detail: describeError(err) }) });
      return null;
    }
  },
}));
