// Step 2, chunking: the chunk size and overlap, and the chunks of every document under those settings.
// Chunks are recomputed whenever documents or settings change.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from './persistence';
import type { Chunk, ChunkingOptions } from '../core/types';
import { chunkText, validateChunkingOptions } from '../core/chunking';
import { useDocumentsStore } from './documentsStore';

export const DEFAULT_CHUNKING: ChunkingOptions = { chunkSize: 500, overlap: 50 };

interface ChunkingState {
  /** The settings in force (always valid). */
  options: ChunkingOptions;
  /** What the user typed, which may be invalid; shown with its error until corrected. */
  draft: ChunkingOptions;
  draftError: string | null;
  chunksByDoc: Record<string, Chunk[]>;
  setDraft(draft: ChunkingOptions): void;
}

function chunkAll(options: ChunkingOptions, previous: Record<string, Chunk[]>, reuse: boolean): Record<string, Chunk[]> {
  const out: Record<string, Chunk[]> = {};
  for (const doc of useDocumentsStore.getState().documents) {
    out[doc.id] = (reuse ? previous[doc.id] : undefined) ?? chunkText(doc.id, doc.text, options);
  }
  return out;
}

export const useChunkingStore = create<ChunkingState>()(
  persist(
    (set, get) => ({
      options: DEFAULT_CHUNKING,
      draft: DEFAULT_CHUNKING,
      draftError: null,
      chunksByDoc: {},
      setDraft(draft) {
        const error = validateChunkingOptions(draft);
        if (error) {
          set({ draft, draftError: error });
          return;
        }
        set({ draft, draftError: null, options: draft, chunksByDoc: chunkAll(draft, get().chunksByDoc, false) });
      },
    }),
    {
      name: 'openbook.chunking',
      storage: settingsStorage,
      partialize: (s) => ({ options: s.options, draft: s.options }),
    },
  ),
);

// Documents added or removed: chunk the new ones, drop the removed ones.
useDocumentsStore.subscribe((state, prev) => {
  if (state.documents === prev.documents) return;
  const { options, chunksByDoc } = useChunkingStore.getState();
  useChunkingStore.setState({ chunksByDoc: chunkAll(options, chunksByDoc, true) });
});

/** Every chunk of every document, in document order. */
export function allChunks(): Chunk[] {
  const { chunksByDoc } = useChunkingStore.getState();
  return useDocumentsStore.getState().documents.flatMap((d) => chunksByDoc[d.id] ?? []);
}
