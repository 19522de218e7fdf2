// Asking the loaded chat model for the queries of a question (multi-query rewrites, a HyDE passage, a
// standalone rewrite), for the question box (queryTransformStore.ts) and for evaluation configurations.
import { queriesFromReply, transformPrompt, type QueryTransformMode } from '@openbook/core/retrieval/queryTransform';
import { message, type Message } from '../../i18n/message';
import { currentGenerator } from '../generation/chatGenerator';
import { useGenerationStore } from '../generation/generationStore';
import { chatMessages, generateOptions, useSamplingStore } from '../generation/samplingStore';

/** Why the chat model cannot write queries now (none loaded, or busy), or null when it can. */
export function chatModelProblem(): Message | null {
  const generation = useGenerationStore.getState();
  if (!currentGenerator() || !generation.loadedModelId) return message('techniques.queries.errors.no-model');
  if (generation.phase !== 'ready') return message('techniques.queries.errors.busy');
  return null;
}

/** The loaded chat model's id, or null. */
export const loadedChatModelId = (): string | null => (currentGenerator() ? useGenerationStore.getState().loadedModelId : null);

/**
 * The queries the loaded chat model writes for this question (no chat model: throws). With the sampling
 * settings of step 6; the reply read back as queries (queriesFromReply).
 */
export async function generateQueries(
  mode: Exclude<QueryTransformMode, 'none'>,
  question: string,
  rewrites: number,
  previous?: { question: string; answer: string },
): Promise<string[]> {
  const generator = currentGenerator();
  if (!generator) throw new Error('No chat model is loaded.');
  let reply = '';
  await generator.generate(chatMessages('', transformPrompt(mode, question, rewrites, previous)), generateOptions(useSamplingStore.getState()), (delta) => {
    reply += delta;
  });
  return queriesFromReply(mode, reply, rewrites);
}
