// Training the query adapter (core/adapterTraining) in its worker: the pairs are the evaluation's question
// set against the current index (each question's vector from the index's model, its expected chunk the
// nearest of the chunks its expectation makes relevant), with a seeded held-out split; every step's loss
// goes to the live curve; cancel stops it at the next step. The result becomes the adapter (switched on,
// unless it ranks the held-out questions worse than none) and is saved with the index (evaluation/adapterStore.ts).
import type { SavedAdapter } from '@openbook/core/adapterTraining/savedAdapter';
import { DEFAULT_TRAINING_OPTIONS, type TrainingExample, type TrainingProgress } from '@openbook/core/adapterTraining/trainAdapter';
import { questionProblem } from '@openbook/core/evaluation/questionSet';
import { relevanceMatcher } from '@openbook/core/evaluation/relevance';
import { createAdapterTrainerClient, type AdapterTrainerClient } from '../../adapters/adapterTrainer/adapterTrainerClient';
import { callback } from '../../adapters/workerRpc';
import { message } from '../../i18n/message';
import { MAX_ADAPTER_EPOCHS, persistAdapter, useAdapterStore } from '../evaluation/adapterStore';
import { describeError } from '../runtime/errors';
import { useDocumentsStore } from '../documents/documentsStore';
import { useEvaluationStore } from '../evaluation/evaluationStore';
import { questionEmbedder, useIndexStore } from '../embedding/indexStore';
import { getVectorIndex } from '../runtime/workers';

let client: AdapterTrainerClient | null = null;
let run = 0;

const set = useAdapterStore.setState;
const get = useAdapterStore.getState;

/** Train an adapter on the question set; errors and the outcome show in the adapter panel. */
export async function trainAdapterOnQuestions(): Promise<void> {
  if (get().phase !== 'idle') return;
  const epochs = get().epochs;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_ADAPTER_EPOCHS) {
    set({ error: message('adapter.errors.bad-epochs', { max: MAX_ADAPTER_EPOCHS }) });
    return;
  }
  const index = useIndexStore.getState();
  const modelId = index.indexedModelId;
  if (!modelId || index.indexedChunks.size === 0) {
    set({ error: message('adapter.errors.no-index') });
    return;
  }
  const questions = useEvaluationStore.getState().questions.filter((q) => questionProblem(q) === null);
  if (questions.length < 3) {
    set({ error: message('adapter.errors.too-few-questions', { count: questions.length }) });
    return;
  }
  const mine = ++run;
  const current = () => mine === run;
  set({ phase: 'preparing', error: null, notice: null, progress: null, liveLosses: [] });
  try {
    const problem = await index.loadIndexModel();
    if (!current()) return;
    if (problem) {
      set({ phase: 'idle', error: problem });
      return;
    }
    // The corpus: every indexed chunk's stored vector; the questions embedded by the index's model.
    const chunks = [...useIndexStore.getState().indexedChunks.values()];
    const { api: vectors } = await getVectorIndex();
    const stored = await vectors.getVectors(chunks.map((c) => c.id));
    const names = new Map(useDocumentsStore.getState().documents.map((d) => [d.id, d.name]));
    const kept = chunks.flatMap((chunk, i) => (stored[i] ? [{ chunk, vector: stored[i]! }] : []));
    const corpus = kept.map((k) => k.vector);
    const dimension = corpus[0]?.length ?? 0;
    const embedder = await questionEmbedder();
    const queries = await embedder.embed(
      questions.map((q) => q.question.trim()),
      'query',
    );
    if (!current()) return;
    const examples: TrainingExample[] = [];
    questions.forEach((q, i) => {
      const query = queries[i];
      if (!query || query.every((x) => x === 0)) return;
      const matches = relevanceMatcher(q);
      const relevant = kept.flatMap((k, j) => (matches({ documentName: names.get(k.chunk.docId) ?? k.chunk.docId, text: k.chunk.text }) ? [j] : []));
      if (relevant.length === 0) return;
      // The expected chunk: of the relevant ones, the nearest to the question as it is.
      const cos = (j: number) => corpus[j]!.reduce((s, x, c) => s + x * query[c]!, 0);
      const positive = relevant.reduce((best, j) => (cos(j) > cos(best) ? j : best), relevant[0]!);
      examples.push({ query, positive, relevant });
    });
    if (examples.length < 3) {
      set({ phase: 'idle', error: message('adapter.errors.too-few-pairs', { count: examples.length, questions: questions.length }) });
      return;
    }
    client ??= await createAdapterTrainerClient();
    if (!current()) return;
    set({ phase: 'training' });
    const options = { ...DEFAULT_TRAINING_OPTIONS, epochs };
    const result = await client.api.train(
      { dimension, corpus, examples },
      options,
      callback((p: TrainingProgress) => {
        if (current()) set((s) => ({ progress: p, liveLosses: [...s.liveLosses, p.loss] }));
      }),
    );
    if (!current()) return;
    const worse = (result.after.mrr ?? 0) < (result.before.mrr ?? 0);
    const adapter: SavedAdapter = {
      modelId,
      dimension,
      weights: result.weights,
      // An adapter that ranks the held-out questions worse than no adapter is kept, but not switched on.
      enabled: !worse,
      trainedAt: Date.now(),
      trainCount: result.trainCount,
      heldOutCount: result.heldOutCount,
      k: options.k,
      before: result.before,
      after: result.after,
      losses: result.losses,
    };
    set({ adapter, phase: 'idle', progress: null, notice: message(worse ? 'adapter.trainedWorse' : 'adapter.trained', { ms: Math.round(result.ms) }) });
    persistAdapter(adapter);
  } catch (err) {
    if (!current()) return;
    const cancelled = describeError(err).includes('cancelled');
    set({
      phase: 'idle',
      progress: null,
      ...(cancelled ? { notice: message('adapter.cancelled') } : { error: message('adapter.errors.failed', { detail: describeError(err) }) }),
    });
  }
}

/** Stop the training under way (at its next step), or the preparation before it. */
export function cancelAdapterTraining(): void {
  if (get().phase === 'idle') return;
  if (get().phase === 'training') void client?.api.cancel();
  else {
    run++;
    set({ phase: 'idle', progress: null, notice: message('adapter.cancelled') });
  }
}
