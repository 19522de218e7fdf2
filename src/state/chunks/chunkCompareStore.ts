// Comparing two chunkings of the selected document: chunking A is the one in force (step 2's settings,
// used for the index); chunking B has its own settings and is made, in the chunker worker, only for the
// selected document while the comparison is open.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_CHUNKER_SETTINGS, validateChunkerSettings, type ChunkerSettings, type ChunkerSettingsError } from '@openbook/core/chunkers/settings';
import type { Chunk } from '@openbook/core/types';
import { unpackChunks } from '@openbook/core/chunkPacking';
import { chunkingKey, useChunkingStore } from './chunkingStore';
import { semanticWindowVectors } from './semanticEmbedding';
import { useDocumentsStore } from '../documents/documentsStore';
import { describeError } from '../runtime/errors';
import { settingsStorage } from '../runtime/persistence';
import { chunkerSettingsSchema, schemaPersistOptions } from '../runtime/persistedSchema';
import { getChunker } from '../runtime/workers';

interface CompareState {
  open: boolean;
  settings: ChunkerSettings;
  draft: ChunkerSettings;
  draftError: ChunkerSettingsError | null;
  /** B's chunks of the selected document, and what they were made from (document and settings). */
  chunks: Chunk[] | null;
  key: string | null;
  busy: boolean;
  failure: string | null;
  setOpen(open: boolean): void;
  setDraft(draft: ChunkerSettings, delayMs?: number): void;
}

let applyTimer: ReturnType<typeof setTimeout> | null = null;

export const useChunkCompareStore = create<CompareState>()(
  persist(
    (set) => ({
      open: false,
      settings: DEFAULT_CHUNKER_SETTINGS.sentence,
      draft: DEFAULT_CHUNKER_SETTINGS.sentence,
      draftError: null,
      chunks: null,
      key: null,
      busy: false,
      failure: null,
      setOpen(open) {
        set({ open });
        if (open) void refreshComparison();
      },
      setDraft(draft, delayMs = 0) {
        if (applyTimer) clearTimeout(applyTimer);
        applyTimer = null;
        const error = validateChunkerSettings(draft);
        set({ draft, draftError: error });
        if (error) return;
        const apply = () => {
          applyTimer = null;
          set({ settings: draft });
          void refreshComparison();
        };
        if (delayMs > 0) applyTimer = setTimeout(apply, delayMs);
        else apply();
      },
    }),
    {
      name: 'openbook.chunking-compare',
      storage: settingsStorage,
      partialize: (s) => ({ settings: s.settings }),
      ...schemaPersistOptions<CompareState>('openbook.chunking-compare', { settings: chunkerSettingsSchema }, (parsed, current) => {
        const settings = parsed.settings ?? current.settings;
        return { ...current, settings, draft: settings };
      }),
    },
  ),
);

/** The key of what B's chunks should be made from now, or null when there is nothing to compare. */
function wantedKey(): string | null {
  const { open, settings } = useChunkCompareStore.getState();
  const docId = useDocumentsStore.getState().selectedDocId;
  if (!open || !docId) return null;
  return `${docId}|${chunkingKey(settings, useChunkingStore.getState().tokenizer, useChunkingStore.getState().semanticEmbedder)}`;
}

let run = 0;

/** Make B's chunks of the selected document if they are missing or stale. */
export async function refreshComparison(): Promise<void> {
  const key = wantedKey();
  const state = useChunkCompareStore.getState();
  if (!key || (key === state.key && !state.failure)) return;
  const doc = useDocumentsStore.getState().documents.find((d) => d.id === useDocumentsStore.getState().selectedDocId);
  if (!doc) return;
  const mine = ++run;
  useChunkCompareStore.setState({ busy: true });
  try {
    const { id, name, kind, text, structure } = doc;
    const { tokenizer, semanticEmbedder } = useChunkingStore.getState();
    const vectors = state.settings.kind === 'semantic' ? await semanticWindowVectors(text, state.settings, semanticEmbedder) : null;
    const packed = await (await getChunker()).api.chunk({ id, name, kind, text, structure }, state.settings, tokenizer, vectors);
    const chunks = unpackChunks(id, text, packed);
    if (mine === run) useChunkCompareStore.setState({ chunks, key, busy: false, failure: null });
  } catch (err) {
    if (mine === run) useChunkCompareStore.setState({ busy: false, failure: describeError(err), chunks: null, key });
  }
}

/** Another document selected, documents changed, or another tokenizer: B follows (started by src/app/start.ts). */
export function startChunkComparison(): () => void {
  const stops = [
    useDocumentsStore.subscribe((s, prev) => {
      if (s.selectedDocId !== prev.selectedDocId || s.documents !== prev.documents) void refreshComparison();
    }),
    useChunkingStore.subscribe((s, prev) => {
      if (s.tokenizer !== prev.tokenizer) void refreshComparison();
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
