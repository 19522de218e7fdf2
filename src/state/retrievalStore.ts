// Step 4, retrieval: the question, k, and the chunks that came back with their cosine similarity.
import { create } from 'zustand';
import type { ScoredChunk } from '../core/types';
import type { IndexEngine } from '../adapters/vectorIndex/vectorIndex';
import { message, type Message } from '../i18n/message';
import { useIndexStore } from './indexStore';
import { getEmbedder, getVectorIndex } from './workers';
import { describeError } from './errors';

export type RetrievalPhase = 'idle' | 'embedding-query' | 'searching' | 'done' | 'error';

export interface RetrievalRun {
  question: string;
  results: ScoredChunk[];
  engine: IndexEngine;
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

  async retrieve() {
    const question = get().question.trim();
    if (!question) {
      set({ error: message('ask.errors.empty-question') });
      return null;
    }
    const index = useIndexStore.getState();
    if (index.indexedChunks.size === 0 || !index.loaded) {
      set({ error: message('ask.errors.no-index') });
      return null;
    }
    if (index.loaded.modelId !== index.indexedModelId || index.loaded.device !== index.indexedDevice) {
      // The question must be embedded by the model that embedded the chunks.
      set({ error: message('ask.errors.model-mismatch', { model: index.indexedModelId ?? '' }) });
      return null;
    }
    set({ phase: 'embedding-query', error: null });
    try {
      const t0 = performance.now();
      const { api: embedder } = await getEmbedder();
      const [queryVector] = await embedder.embed([question], 'query');
      if (!queryVector) throw new Error('no query vector');
      const t1 = performance.now();
      set({ phase: 'searching' });
      const { api: vectorIndex } = await getVectorIndex();
      const found = await vectorIndex.search(queryVector, get().topK);
      const t2 = performance.now();
      const chunks = useIndexStore.getState().indexedChunks;
      const results: ScoredChunk[] = [];
      for (const hit of found.hits) {
        const chunk = chunks.get(hit.id);
        if (chunk) results.push({ chunk, score: hit.score, rank: results.length + 1 });
      }
      const run: RetrievalRun = { question, results, engine: found.engine, embedMs: t1 - t0, searchMs: found.tookMs ?? t2 - t1 };
      set({ phase: 'done', last: run });
      return run;
    } catch (err) {
      set({ phase: 'error', error: message('ask.errors.failed', { detail: describeError(err) }) });
      return null;
    }
  },
}));
