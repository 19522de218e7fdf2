// Token counts of the chunks on show (chunking A, and B when comparing), counted in the chunker worker with
// the embedding model's own tokenizer, prefix and special tokens included: what the model sees, so that the
// chunks it would cut short (over its maximum sequence length) can be counted.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { TokenizerRef } from '../../adapters/chunker/tokenizer';
import { settingsStorage } from '../runtime/persistence';
import * as v from 'valibot';
import { stringUpTo, schemaPersistOptions } from '../runtime/persistedSchema';
import type { Chunk } from '@openbook/core/types';
import { callback, transfer } from '../../adapters/workerRpc';
import { useChunkingStore } from './chunkingStore';
import { describeError } from '../runtime/errors';
import { getChunker } from '../runtime/workers';
import { throttle } from '../runtime/throttle';

export type ChunkView = 'a' | 'b';

export interface TokenCounts {
  /** Which chunks and which tokenizer these counts are for. */
  key: string;
  modelId: string;
  maxTokens: number;
  counts: Int32Array | null;
  done: number;
  total: number;
  error: string | null;
}

interface ChunkTokensState {
  byView: Partial<Record<ChunkView, TokenCounts>>;
  /**
   * Models whose tokenizer may be loaded just to count tokens. A tokenizer from the hub can be a large
   * download (multilingual-e5's is about 17 MB), so it is fetched for counting only once asked for, or
   * when the model is served by the site itself or has already been loaded to embed.
   */
  allowed: string[];
  allow(modelId: string): void;
}

export const useChunkTokensStore = create<ChunkTokensState>()(
  persist(
    (set) => ({
      byView: {},
      allowed: [],
      allow: (modelId) => set((s) => ({ allowed: s.allowed.includes(modelId) ? s.allowed : [...s.allowed, modelId] })),
    }),
    {
      name: 'openbook.token-counts',
      storage: settingsStorage,
      partialize: (s) => ({ allowed: s.allowed }),
      ...schemaPersistOptions<ChunkTokensState>('openbook.token-counts', { allowed: v.pipe(v.array(stringUpTo(500)), v.maxLength(1000)) }),
    },
  ),
);

/** Whether the tokenizer of this model may be loaded without asking (see `allowed`). */
export function mayCountWith(tokenizer: TokenizerRef, loadedModelId: string | null): boolean {
  return (
    !!tokenizer.builtin ||
    !!tokenizer.selfHostedOnly ||
    tokenizer.modelId === loadedModelId ||
    useChunkTokensStore.getState().allowed.includes(tokenizer.modelId)
  );
}

const update = (view: ChunkView, key: string, patch: Partial<TokenCounts>) =>
  useChunkTokensStore.setState((s) => {
    const current = s.byView[view];
    return current?.key === key ? { byView: { ...s.byView, [view]: { ...current, ...patch } } } : s;
  });

/**
 * Count the tokens of `chunks` for a view, unless they are counted (or being counted) already. `chunksKey`
 * names the chunks (document and settings); a newer request for the same view replaces an older one.
 */
export function requestTokenCounts(view: ChunkView, text: string, chunks: Chunk[], chunksKey: string): void {
  const tokenizer = useChunkingStore.getState().tokenizer;
  if (!tokenizer) return;
  const key = `${chunksKey}|${tokenizer.modelId}|${tokenizer.source.remoteHost}`;
  const current = useChunkTokensStore.getState().byView[view];
  if (current?.key === key && !current.error) return;
  useChunkTokensStore.setState((s) => ({
    byView: {
      ...s.byView,
      [view]: { key, modelId: tokenizer.modelId, maxTokens: tokenizer.maxTokens, counts: null, done: 0, total: chunks.length, error: null },
    },
  }));
  const spans = new Int32Array(chunks.length * 2);
  chunks.forEach((c, i) => {
    spans[i * 2] = c.start;
    spans[i * 2 + 1] = c.end;
  });
  const showDone = throttle((done: number) => update(view, key, { done }));
  void (async () => {
    try {
      const { api } = await getChunker();
      const counts = await api.countPassageTokens(view, text, transfer(spans, [spans.buffer]), tokenizer, callback(showDone));
      showDone.cancel();
      update(view, key, { counts, done: chunks.length });
    } catch (err) {
      showDone.cancel();
      const detail = describeError(err);
      if (!/superseded/.test(detail)) update(view, key, { error: detail });
    }
  })();
}
