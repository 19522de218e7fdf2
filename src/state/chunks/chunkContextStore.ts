// LLM-written chunk context (issue 14, the contextual-retrieval recipe): on request, the loaded chat model
// writes one sentence per chunk that situates it in its document. The cost (one generation per chunk
// without a kept context, estimated tokens) is stated before it starts; the run shows its progress and can
// be cancelled (what was written is kept). Contexts are kept in this browser by chunk content hash, model
// and prompt version (core/retrieval/chunkContext.ts). With "use" on, the embedded and keyword-indexed text
// of each chunk that has one is: header, context, text; the text shown stays the chunk's own.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import * as v from 'valibot';
import type { Chunk } from '../../core/types';
import {
  chunkContextCost,
  chunkContextKey,
  chunkContextPrompt,
  cleanChunkContext,
  documentExcerpt,
  type ChunkContextCost,
} from '../../core/retrieval/chunkContext';
import { message, type Message } from '../../i18n/message';
import { settingsStorage } from '../runtime/persistence';
import { schemaPersistOptions } from '../runtime/persistedSchema';
import { describeError } from '../runtime/errors';
import { currentGenerator } from '../generation/chatGenerator';
import { useGenerationStore } from '../generation/generationStore';
import { chatMessages, useSamplingStore } from '../generation/samplingStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { allChunks } from './chunkingStore';
import { chatModelProblem } from '../retrieval/queryGeneration';

/** A context is one sentence: the answer is cut off after this many tokens. */
export const CONTEXT_ANSWER_TOKENS = 80;
/** Kept contexts at most (the oldest go first): a few hundred KB of localStorage. */
const MAX_KEPT = 5000;

interface ChunkContextState {
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
  /** Work out what writing the contexts would cost now (the loaded model, the chunks as they are). */
  planContexts(): Promise<void>;
  /** Write the missing contexts with the loaded chat model, one generation per chunk. */
  writeContexts(): Promise<void>;
  cancel(): void;
  /** Forget every kept context (the workspace is cleared: they are sentences about its documents). */
  forgetContexts(): void;
}

let runId = 0;

const titles = () => new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));
const docTexts = () => new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.text]));

/** The chunks without a kept context for this model, with their prompts. */
function missing(chunks: Chunk[], modelId: string, contexts: Record<string, string>): Array<{ key: string; prompt: string }> {
  const names = titles();
  const texts = docTexts();
  const seen = new Set<string>();
  const out: Array<{ key: string; prompt: string }> = [];
  for (const c of chunks) {
    const title = names.get(c.docId) ?? '';
    const key = chunkContextKey(modelId, title, c.text);
    if (key in contexts || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, prompt: chunkContextPrompt(title, documentExcerpt(texts.get(c.docId) ?? c.text, c.start, c.end), c.text) });
  }
  return out;
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

      async planContexts() {
        if (get().phase === 'writing') return;
        const problem = chatModelProblem();
        const modelId = useGenerationStore.getState().loadedModelId;
        if (problem || !modelId) {
          set({ plan: null, error: problem ?? message('techniques.queries.errors.no-model') });
          return;
        }
        const run = ++runId;
        set({ phase: 'planning', error: null, notice: null });
        const chunks = await allChunks();
        if (run !== runId) return;
        const todo = missing(chunks, modelId, get().contexts);
        const distinct = new Set(chunks.map((c) => chunkContextKey(modelId, titles().get(c.docId) ?? '', c.text))).size;
        set({
          phase: 'idle',
          plan: {
            ...chunkContextCost(
              todo.map((t) => t.prompt),
              distinct - todo.length,
              CONTEXT_ANSWER_TOKENS,
            ),
            modelId,
          },
        });
      },

      async writeContexts() {
        const { phase, plan } = get();
        if (phase !== 'idle' || !plan) return;
        const problem = chatModelProblem();
        const generator = currentGenerator();
        const modelId = useGenerationStore.getState().loadedModelId;
        if (problem || !generator || !modelId) {
          set({ error: problem ?? message('techniques.queries.errors.no-model') });
          return;
        }
        // Another model than the one the cost was stated for: state it again first.
        if (modelId !== plan.modelId) {
          set({ plan: null });
          return get().planContexts();
        }
        const run = ++runId;
        const todo = missing(await allChunks(), modelId, get().contexts);
        set({ phase: 'writing', progress: { done: 0, total: todo.length }, error: null, notice: null });
        const sampling = useSamplingStore.getState();
        let written = 0;
        try {
          for (const [i, item] of todo.entries()) {
            let reply = '';
            await generator.generate(
              chatMessages('', item.prompt),
              { temperature: sampling.temperature, topP: sampling.topP, maxTokens: CONTEXT_ANSWER_TOKENS },
              (delta) => {
                reply += delta;
              },
            );
            if (run !== runId) break;
            const context = cleanChunkContext(reply);
            if (context) {
              written++;
              set((s) => ({ contexts: keepAtMost({ ...s.contexts, [item.key]: context }), modelId, version: s.version + 1 }));
            }
            set({ progress: { done: i + 1, total: todo.length } });
          }
        } catch (err) {
          if (run === runId) set({ error: message('retr14.chunkContext.errors.failed', { detail: describeError(err) }) });
        }
        const cancelled = run !== runId;
        set({
          phase: 'idle',
          progress: null,
          plan: null,
          notice: message(cancelled ? 'retr14.chunkContext.cancelled' : 'retr14.chunkContext.done', { count: written }),
        });
      },

      forgetContexts() {
        runId++;
        set({ contexts: {}, modelId: null, plan: null, progress: null, notice: null, phase: 'idle', version: get().version + 1 });
      },

      cancel() {
        if (get().phase !== 'writing') return;
        runId++;
        void currentGenerator()
          ?.interrupt()
          .catch(() => undefined);
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
