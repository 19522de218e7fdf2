// LLM-written chunk context (issue 14, the contextual-retrieval recipe): on request, the loaded chat model
// writes one sentence per chunk that situates it in its document. The cost (one generation per chunk
// without a kept context, estimated tokens) is stated before it starts; the run shows its progress and can
// be cancelled (what was written is kept). Contexts are kept in this browser by chunk content hash, model
// and prompt version (core/retrieval/chunkContext.ts). With "use" on, the embedded and keyword-indexed text
// of each chunk that has one is: header, context, text; the text shown stays the chunk's own.
// This module holds the state only (the index and keyword stores read it); writing the contexts with the
// chat model is chunkContextFlow.ts.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import * as v from 'valibot';
import type { Chunk } from '@openbook/core/types';
import { chunkContextKey, type ChunkContextCost } from '@openbook/core/retrieval/chunkContext';
import type { Message } from '../../i18n/message';
import { settingsStorage } from '../runtime/persistence';
import { schemaPersistOptions } from '../runtime/persistedSchema';

/** Kept contexts at most (the oldest go first): a few hundred KB of localStorage. */
const MAX_KEPT = 5000;

export interface ChunkContextState {
  /** Use the contexts in the embedded and keyword-indexed text. */
  use: boolean;
  /** The chat model whose contexts are used (the last one that wrote any). */
  modelId: string | null;
  /** Kept contexts by chunkContextKey. */
  contexts: Record<string, string>;
  /** Bumped whenever the contexts in use change: the indexes made with others are out of date. */
  version: number;
  phase: 'idle' | 'planning' | 'writing';
  /** The cost of writing the contexts of the chunks as they are now, stated before it starts. */
  plan: (ChunkContextCost & { modelId: string }) | null;
  progress: { done: number; total: number } | null;
  error: Message | null;
  notice: Message | null;
  setUse(on: boolean): void;
  /** Keep a context written by `modelId`. */
  keep(key: string, context: string, modelId: string): void;
  /** Forget every kept context (the workspace is cleared: they are sentences about its documents). */
  forgetContexts(): void;
}

export const useChunkContextStore = create<ChunkContextState>()(
  persist(
    (set, get) => ({
      use: false,
      modelId: null,
      contexts: {},
      version: 0,
      phase: 'idle',
      plan: null,
      progress: null,
      error: null,
      notice: null,
      setUse(use) {
        if (get().use === use) return;
        set({ use, version: get().version + 1, error: null });
      },
      keep(key, context, modelId) {
        set((s) => ({ contexts: keepAtMost({ ...s.contexts, [key]: context }), modelId, version: s.version + 1 }));
      },
      forgetContexts() {
        contextRuns.current++;
        set({ contexts: {}, modelId: null, plan: null, progress: null, notice: null, phase: 'idle', version: get().version + 1 });
      },
    }),
    {
      name: 'openbook.chunkContexts',
      storage: settingsStorage,
      partialize: (s) => ({ use: s.use, modelId: s.modelId, contexts: s.contexts, version: s.version }),
      ...schemaPersistOptions<ChunkContextState>('openbook.chunkContexts', {
        use: v.boolean(),
        version: v.pipe(v.number(), v.integer(), v.minValue(0)),
        modelId: v.nullable(v.pipe(v.string(), v.maxLength(500))),
        contexts: v.record(v.pipe(v.string(), v.maxLength(600)), v.pipe(v.string(), v.maxLength(1000))),
      }),
    },
  ),
);

/** The current writing run: a run whose number is no longer current stops (cancel, forget). */
export const contextRuns = { current: 0 };

/** At most MAX_KEPT contexts: the oldest written go first. */
function keepAtMost(contexts: Record<string, string>): Record<string, string> {
  const keys = Object.keys(contexts);
  if (keys.length <= MAX_KEPT) return contexts;
  return Object.fromEntries(keys.slice(keys.length - MAX_KEPT).map((k) => [k, contexts[k]!]));
}

/**
 * The context set in use (the model that wrote them and the version), or null when contexts are not used:
 * what an index made with them remembers.
 */
export function chunkContextSet(): string | null {
  const { use, modelId, version } = useChunkContextStore.getState();
  return use && modelId ? `${modelId}#${version}` : null;
}

/** The contexts in use now, as an index made with them keeps them (null: none used). */
export interface ChunkContexts {
  set: string;
  modelId: string;
  contexts: Readonly<Record<string, string>>;
}

export function chunkContextsInUse(): ChunkContexts | null {
  const { use, modelId, contexts } = useChunkContextStore.getState();
  const set = chunkContextSet();
  return use && modelId && set ? { set, modelId, contexts } : null;
}

/** The context of a chunk among these contexts (or undefined): `title` is its document's name. */
export function contextOf(c: ChunkContexts | null, chunk: Chunk, title: string): string | undefined {
  return c ? c.contexts[chunkContextKey(c.modelId, title, chunk.text)] : undefined;
}
