// Step 2, chunking: the chunker and its settings, and the chunks of every document under those settings.
// Chunking runs in a worker; whenever documents or settings change, the documents whose chunks are
// missing or were made with other settings are chunked again, one after another. The token chunker counts
// with the selected embedding model's tokenizer, which chunkTokenizer.ts keeps here in `tokenizer`.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { settingsStorage } from '../runtime/persistence';
import { chunkerSettingsSchema, schemaPersistOptions } from '../runtime/persistedSchema';
import type { Chunk } from '@openbook/core/types';
import { unpackChunks } from '@openbook/core/chunkPacking';
import { sameChunk } from '@openbook/core/sameChunk';
import {
  DEFAULT_CHUNKER_SETTINGS,
  settingsKey,
  validateChunkerSettings,
  type ChunkerSettings,
  type ChunkerSettingsError,
} from '@openbook/core/chunkers/settings';
import type { TokenizerRef } from '../../adapters/chunker/tokenizer';
import { useDocumentsStore } from '../documents/documentsStore';
import { getChunker } from '../runtime/workers';
import { describeError } from '../runtime/errors';
import { semanticEmbedderKey, type SemanticEmbedderRef } from '@openbook/core/chunkers/semanticEmbedder';
import { semanticWindowVectors } from './semanticEmbedding';
import { yieldToEventLoop } from '../../adapters/transformers/yieldToEventLoop';

export const DEFAULT_CHUNKING: ChunkerSettings = DEFAULT_CHUNKER_SETTINGS.recursive;

interface ChunkingState {
  /** The settings in force (always valid). */
  options: ChunkerSettings;
  /** What the user typed, which may be invalid; shown with its error until corrected. */
  draft: ChunkerSettings;
  draftError: ChunkerSettingsError | null;
  /** Each document's chunks, by document id (a Map: an id such as `constructor` finds nothing it should not). */
  chunksByDoc: ReadonlyMap<string, Chunk[]>;
  /** The settings (and tokenizer) each document's chunks were made with. */
  chunkedWith: ReadonlyMap<string, string>;
  /** Documents still waiting to be chunked under the current settings. */
  pending: number;
  failure: string | null;
  /** The selected embedding model's tokenizer: what the token chunker and the token counts use. */
  tokenizer: TokenizerRef | null;
  /** The loaded neural embedder the semantic chunker measures with (null: the built-in LSA embedder). */
  semanticEmbedder: SemanticEmbedderRef | null;
  /** Take new settings; valid ones apply after `delayMs` (typing pauses), or at once. */
  setDraft(draft: ChunkerSettings, delayMs?: number): void;
}

/** Which chunks settings make: the token chunker's also depend on the tokenizer, the semantic chunker's on its embedder. */
export function chunkingKey(options: ChunkerSettings, tokenizer: TokenizerRef | null, semanticEmbedder: SemanticEmbedderRef | null = null): string {
  if (options.kind === 'semantic') return `${settingsKey(options)}@${semanticEmbedderKey(semanticEmbedder)}`;
  return options.kind === 'token' ? `${settingsKey(options)}@${tokenizer?.modelId ?? ''}` : settingsKey(options);
}

/** Chunk objects the page holds already, by id (the vector index's: set by indexStore.ts), that equal new chunks may stand for. */
let knownChunk: (id: string) => Chunk | undefined = () => undefined;

/**
 * Let equal chunks the page already holds (the vector index's) stand for the chunks made from now on: one
 * object per chunk instead of two (with its id and text slice), the same to every reader.
 */
export function reuseChunks(known: (id: string) => Chunk | undefined): void {
  knownChunk = known;
}

function withKnownChunks(chunks: Chunk[]): Chunk[] {
  for (let i = 0; i < chunks.length; i++) {
    const known = knownChunk(chunks[i]!.id);
    if (known && sameChunk(known, chunks[i]!)) chunks[i] = known;
  }
  return chunks;
}

let applyTimer: ReturnType<typeof setTimeout> | null = null;
let pendingApply: (() => void) | null = null;

/** Apply at once settings still waiting for the pause in typing (e.g. when indexing starts now). */
export function applyPendingSettings(): void {
  if (applyTimer) clearTimeout(applyTimer);
  const apply = pendingApply;
  applyTimer = null;
  pendingApply = null;
  apply?.();
}

export const useChunkingStore = create<ChunkingState>()(
  persist(
    (set) => ({
      options: DEFAULT_CHUNKING,
      draft: DEFAULT_CHUNKING,
      draftError: null,
      chunksByDoc: new Map(),
      chunkedWith: new Map(),
      pending: 0,
      failure: null,
      tokenizer: null,
      semanticEmbedder: null,
      setDraft(draft, delayMs = 0) {
        if (applyTimer) clearTimeout(applyTimer);
        applyTimer = null;
        pendingApply = null;
        const error = validateChunkerSettings(draft);
        set({ draft, draftError: error });
        if (error) return;
        const apply = () => {
          applyTimer = null;
          pendingApply = null;
          set({ options: draft });
          void chunkingSettled();
        };
        if (delayMs > 0) {
          pendingApply = apply;
          applyTimer = setTimeout(apply, delayMs);
        } else apply();
      },
    }),
    {
      name: 'openbook.chunking',
      storage: settingsStorage,
      partialize: (s) => ({ options: s.options }),
      // Settings saved before there were several chunkers are { chunkSize, overlap }: the recursive one.
      ...schemaPersistOptions<ChunkingState>('openbook.chunking', { options: chunkerSettingsSchema }, (parsed, current) => {
        const options = parsed.options ?? current.options;
        return { ...current, options, draft: options };
      }),
    },
  ),
);

/** From how many chunks a document's are made in one task and shown in the next. */
const YIELD_FROM = 1_000;
/** From how many characters a document's text goes to the chunker in a task of its own. */
const YIELD_FROM_CHARS = 256 * 1024;

/** Chunk, one at a time, every document whose chunks are missing or stale; drop removed documents. */
async function syncChunks(): Promise<void> {
  for (;;) {
    const { options, chunksByDoc, chunkedWith, tokenizer, semanticEmbedder } = useChunkingStore.getState();
    const documents = useDocumentsStore.getState().documents;
    const live = new Set(documents.map((d) => d.id));
    if ([...chunksByDoc.keys()].some((id) => !live.has(id))) {
      useChunkingStore.setState({
        chunksByDoc: new Map([...chunksByDoc].filter(([id]) => live.has(id))),
        chunkedWith: new Map([...chunkedWith].filter(([id]) => live.has(id))),
      });
    }
    const key = chunkingKey(options, tokenizer, semanticEmbedder);
    const stale = documents.filter((d) => chunkedWith.get(d.id) !== key);
    useChunkingStore.setState({ pending: stale.length });
    const next = stale[0];
    if (!next) return;
    try {
      const { id, name, kind, text, structure } = next;
      // A large text is sent to the chunker (a copy of it) in a task of its own, not in the one that added its
      // document (and re-rendered the page for it).
      if (text.length >= YIELD_FROM_CHARS) await yieldToEventLoop();
      const vectors = options.kind === 'semantic' ? await semanticWindowVectors(text, options, semanticEmbedder) : null;
      const packed = await (await getChunker()).api.chunk({ id, name, kind, text, structure }, options, tokenizer, vectors);
      const chunks = withKnownChunks(unpackChunks(id, text, packed));
      // The page re-renders for them in a task of its own, not after the 15k chunk objects of a 5 MB document were made.
      if (chunks.length >= YIELD_FROM) await yieldToEventLoop();
      // Stored with the settings it was made with: if they changed meanwhile, the next round redoes it.
      if (useDocumentsStore.getState().documents.some((d) => d.id === next.id)) {
        useChunkingStore.setState((s) => ({
          chunksByDoc: new Map(s.chunksByDoc).set(next.id, chunks),
          chunkedWith: new Map(s.chunkedWith).set(next.id, key),
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

/**
 * Chunk nothing until `until` settles (chunking asked for meanwhile waits, then runs as usual): a restore
 * keeps the cores for the index worker until the workspace is searchable.
 */
export function deferChunking(until: Promise<unknown>): void {
  const settled = until.then(
    () => undefined,
    () => undefined,
  );
  running = running.then(() => settled);
}

/** Use another tokenizer (the embedding model changed); token chunks are made again with it. */
export function setChunkingTokenizer(tokenizer: TokenizerRef | null): void {
  const before = useChunkingStore.getState().tokenizer;
  if (JSON.stringify(before) === JSON.stringify(tokenizer)) return;
  useChunkingStore.setState({ tokenizer });
  if (useChunkingStore.getState().options.kind === 'token') void chunkingSettled();
}

/** Measure semantic chunks with another embedder (a neural model was loaded, or none is); they are made again with it. */
export function setSemanticEmbedder(ref: SemanticEmbedderRef | null): void {
  const before = useChunkingStore.getState().semanticEmbedder;
  if (semanticEmbedderKey(before) === semanticEmbedderKey(ref)) return;
  useChunkingStore.setState({ semanticEmbedder: ref });
  if (useChunkingStore.getState().options.kind === 'semantic') void chunkingSettled();
}

/**
 * Documents added or removed: chunk the new ones, drop the removed ones. Started once by src/app/start.ts
 * (and by the tests that need it); returns the unsubscribe.
 */
export function startChunkingReactions(): () => void {
  return useDocumentsStore.subscribe((state, prev) => {
    if (state.documents !== prev.documents) void chunkingSettled();
  });
}

/** Every chunk of every document, in document order, once chunking has caught up (with settings just typed too). */
export async function allChunks(): Promise<Chunk[]> {
  applyPendingSettings();
  await chunkingSettled();
  const { chunksByDoc } = useChunkingStore.getState();
  return useDocumentsStore.getState().documents.flatMap((d) => chunksByDoc.get(d.id) ?? []);
}
