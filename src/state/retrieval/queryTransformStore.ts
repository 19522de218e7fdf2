// Query transformation (issue 14): multi-query, HyDE and standalone rewriting with the loaded chat model.
// The person picks a mode and presses Generate: the model's reply becomes queries, shown and editable; the
// next Ask searches each query (runRetrieval, the same pipeline) and fuses their hits by RRF, and the
// results show which query found what. Generation can be stopped (the chat model's interrupt).
import { create } from 'zustand';
import { MAX_REWRITES, type QueryTransformMode } from '@openbook/core/retrieval/queryTransform';
import { message, type Message } from '../../i18n/message';
import { currentGenerator } from '../generation/chatGenerator';
import { describeError } from '../runtime/errors';
import { chatModelProblem, generateQueries } from './queryGeneration';

interface QueryTransformState {
  mode: QueryTransformMode;
  /** Multi-query: how many rewrites to ask for. */
  rewrites: number;
  /** The queries the next Ask searches (edited by the person); empty: the question alone. */
  queries: string[];
  /** The question they were generated for. */
  generatedFor: string | null;
  phase: 'idle' | 'generating';
  error: Message | null;
  setMode(mode: QueryTransformMode): void;
  setRewrites(n: number): void;
  setQuery(i: number, text: string): void;
  removeQuery(i: number): void;
  addQuery(): void;
  /** Ask the loaded chat model for the queries of this question (the previous turn for a standalone rewrite). */
  generate(question: string, previous?: { question: string; answer: string }): Promise<void>;
  stop(): Promise<void>;
}

export const useQueryTransformStore = create<QueryTransformState>()((set, get) => ({
  mode: 'none',
  rewrites: 3,
  queries: [],
  generatedFor: null,
  phase: 'idle',
  error: null,
  setMode: (mode) => set({ mode, queries: [], generatedFor: null, error: null }),
  setRewrites: (n) => set({ rewrites: Math.min(MAX_REWRITES, Math.max(1, Math.round(n) || 1)) }),
  setQuery: (i, text) => set({ queries: get().queries.map((q, j) => (j === i ? text : q)) }),
  removeQuery: (i) => set({ queries: get().queries.filter((_, j) => j !== i) }),
  addQuery: () => set({ queries: [...get().queries, ''] }),

  async generate(question, previous) {
    const { mode, rewrites } = get();
    if (mode === 'none' || get().phase === 'generating') return;
    if (!question.trim()) {
      set({ error: message('ask.errors.empty-question') });
      return;
    }
    const problem = chatModelProblem();
    if (problem) {
      set({ error: problem });
      return;
    }
    if (mode === 'standalone' && !previous) {
      set({ error: message('techniques.queries.errors.no-previous') });
      return;
    }
    set({ phase: 'generating', error: null, queries: [], generatedFor: question });
    try {
      const queries = await generateQueries(mode, question, rewrites, previous);
      set({ phase: 'idle', queries, error: queries.length === 0 ? message('techniques.queries.errors.empty-reply') : null });
    } catch (err) {
      set({ phase: 'idle', error: message('techniques.queries.errors.failed', { detail: describeError(err) }) });
    }
  },

  async stop() {
    await currentGenerator()
      ?.interrupt()
      .catch(() => undefined);
  },
}));

/** The queries the next Ask searches besides the question (blank ones left out), or none when off. */
export function activeQueries(): string[] {
  const s = useQueryTransformStore.getState();
  return s.mode === 'none' ? [] : s.queries.map((q) => q.trim()).filter((q) => q.length > 0);
}
