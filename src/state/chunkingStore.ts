// Step 2, chunking: the chunk size and overlap, and the chunks of every document under those settings.
// Chunking runs in a worker; whenever documents or settings change, the documents whose chunks are
// missing or were made with other settings are chunked again, one after another.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from './persistence';
import type { Chunk, ChunkingOptions } from '../core/types';
import { validateChunkingOptions } from '../core/chunking';
import { useDocumentsStore } from './documentsStore';
import { getChunker } from './workers';
import { describeError } from './errors';

export const DEFAULT_CHUNKING: ChunkingOptions = { chunkSize: 500, overlap: 50 };

interface ChunkingState {
  /** The settings in force (always valid). */
  options: ChunkingOptions;
  /** What the user typed, which may be invalid; shown with its error until corrected. */
  draft: ChunkingOptions;
  draftError: string | null;
  chunksByDoc: Record<string, Chunk[]>;
  /** The settings each document's chunks were made with. */
  chunkedWith: Record<string, string>;
  /** Documents still waiting to be chunked under the current settings. */
  pending: number;
  failure: string | null;
  setDraft(draft: ChunkingOptions): void;
}

const settingsKey = (o: ChunkingOptions) => `${o.chunkSize}/${o.overlap}`;

export const useChunkingStore = create<ChunkingState>()(
  persist(
    (set) => ({
      options: DEFAULT_CHUNKING,
      draft: DEFAULT_CHUNKING,
      draftError: null,
      chunksByDoc: {},
      chunkedWith: {},
      pending: 0,
      failure: null,
      setDraft(draft) {
        const error = validateChunkingOptions(draft);
        if (error) {
          set({ draft, draftError: error });
          return;
        }
        set({ draft, draftError: null, options: draft });
        void chunkingSettled();
      },
    }),
    {
      name: 'openbook.chunking',
      storage: settingsStorage,
      partialize: (s) => ({ options: s.options, draft: s.options }),
    },
  ),
);

/** Chunk, one at a time, every document whose chunks are missing or stale; drop removed documents. */
async function syncChunks(): Promise<void> {
  for (;;) {
    const { options, chunksByDoc, chunkedWith } = useChunkingStore.getState();
    const documents = useDocumentsStore.getState().documents;
    const live = new Set(documents.map((d) => d.id));
    if (Object.keys(chunksByDoc).some((id) => !live.has(id))) {
      useChunkingStore.setState({
        chunksByDoc: Object.fromEntries(Object.entries(chunksByDoc).filter(([id]) => live.has(id))),
        chunkedWith: Object.fromEntries(Object.entries(chunkedWith).filter(([id]) => live.has(id))),
      });
    }
    const key = settingsKey(options);
    const stale = documents.filter((d) => chunkedWith[d.id] !== key);
    useChunkingStore.setState({ pending: stale.length });
    const next = stale[0];
    if (!next) return;
    try {
      const chunks = await (await getChunker()).api.chunk(next.id, next.text, options);
      // Stored with the settings it was made with: if they changed meanwhile, the next round redoes it.
      if (useDocumentsStore.getState().documents.some((d) => d.id === next.id)) {
        useChunkingStore.setState((s) => ({
          chunksByDoc: { ...s.chunksByDoc, [next.id]: chunks },
          chunkedWith: { ...s.chunkedWith, [next.id]: key },
          failure: null,
        }));
      }
    } catch (err) {
      useChunkingStore.setState({ failure: describeError(err), pending: 0 });
      return;
    }
  }
}

let running: Promise<void> = Promise.resolve();

/** Resolves once every document is chunked under the current settings. */
export function chunkingSettled(): Promise<void> {
  running = running.then(syncChunks);
  return running;
}

// Documents added or removed: chunk the new ones, drop the removed ones.
useDocumentsStore.subscribe((state, prev) => {
  if (state.documents !== prev.documents) void chunkingSettled();
});

/** Every chunk of every document, in document order, once chunking has caught up. */
export async function allChunks(): Promise<Chunk[]> {
  await chunkingSettled();
  const { chunksByDoc } = useChunkingStore.getState();
  return useDocumentsStore.getState().documents.flatMap((d) => chunksByDoc[d.id] ?? []);
}
