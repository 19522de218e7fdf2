// Writing the chunk contexts with the loaded chat model (issue 14, the contextual-retrieval recipe; the
// state is chunkContextStore.ts): first the cost is stated (one generation per chunk without a kept
// context, estimated prompt and answer tokens), then, on request, one generation per chunk with progress;
// cancel stops at once and keeps what was written.
import type { Chunk } from '@openbook/core/types';
import { chunkContextCost, chunkContextKey, chunkContextPrompt, cleanChunkContext, documentExcerpt } from '@openbook/core/retrieval/chunkContext';
import { message } from '../../i18n/message';
import { describeError } from '../runtime/errors';
import { currentGenerator } from '../generation/chatGenerator';
import { useGenerationStore } from '../generation/generationStore';
import { chatMessages, useSamplingStore } from '../generation/samplingStore';
import { useDocumentsStore } from '../documents/documentsStore';
import { allChunks } from './chunkingStore';
import { chatModelProblem } from '../retrieval/queryGeneration';
import { contextRuns, useChunkContextStore } from './chunkContextStore';

/** A context is one sentence: the answer is cut off after this many tokens. */
export const CONTEXT_ANSWER_TOKENS = 80;

const set = useChunkContextStore.setState;
const get = useChunkContextStore.getState;

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

/** Work out what writing the contexts would cost now (the loaded model, the chunks as they are). */
export async function planChunkContexts(): Promise<void> {
  if (get().phase === 'writing') return;
  const problem = chatModelProblem();
  const modelId = useGenerationStore.getState().loadedModelId;
  if (problem || !modelId) {
    set({ plan: null, error: problem ?? message('techniques.queries.errors.no-model') });
    return;
  }
  const run = ++contextRuns.current;
  set({ phase: 'planning', error: null, notice: null });
  const chunks = await allChunks();
  if (run !== contextRuns.current) return;
  const todo = missing(chunks, modelId, get().contexts);
  const names = titles();
  const distinct = new Set(chunks.map((c) => chunkContextKey(modelId, names.get(c.docId) ?? '', c.text))).size;
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
}

/** Write the missing contexts with the loaded chat model, one generation per chunk, after the cost was stated. */
export async function writeChunkContexts(): Promise<void> {
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
    return planChunkContexts();
  }
  const run = ++contextRuns.current;
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
      if (run !== contextRuns.current) break;
      const context = cleanChunkContext(reply);
      if (context) {
        written++;
        get().keep(item.key, context, modelId);
      }
      set({ progress: { done: i + 1, total: todo.length } });
    }
  } catch (err) {
    if (run === contextRuns.current) set({ error: message('retr14.chunkContext.errors.failed', { detail: describeError(err) }) });
  }
  const cancelled = run !== contextRuns.current;
  set({
    phase: 'idle',
    progress: null,
    plan: null,
    notice: message(cancelled ? 'retr14.chunkContext.cancelled' : 'retr14.chunkContext.done', { count: written }),
  });
}

/** Stop writing (the chat model's interrupt); what was written is kept. */
export function cancelChunkContexts(): void {
  if (get().phase !== 'writing') return;
  contextRuns.current++;
  void currentGenerator()
    ?.interrupt()
    .catch(() => undefined);
}
