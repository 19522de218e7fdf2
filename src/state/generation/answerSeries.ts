// Several answers in turn from the loaded model, each from its own prompt, for the labs (a chunk at each
// position of the context; the question re-answered with each chunk left out). Every answer is at
// temperature 0 (greedy decoding) with the same model, system prompt and answer length, so that only the
// prompt differs between them. Stop (the generation store's) ends the answer in progress and skips the rest.
import type { GenerationStats } from '../../adapters/generator/generator';
import { currentGenerator } from './chatGenerator';
import { failureOf, generateAnswer, useGenerationStore } from './generationStore';
import { chatMessages, generateOptions, useSamplingStore } from './samplingStore';
import type { PaneStatus } from './comparison';

export interface SeriesAnswer {
  /** The prompt as sent. */
  prompt: string;
  answer: string;
  stats: GenerationStats | null;
  status: PaneStatus;
}

export const startSeries = (prompts: readonly string[]): SeriesAnswer[] => prompts.map((prompt) => ({ prompt, answer: '', stats: null, status: 'waiting' }));

/** Whether a model is loaded and free to answer. */
export function canAnswerSeries(): boolean {
  const s = useGenerationStore.getState();
  return !!currentGenerator() && !!s.loadedModelId && s.phase === 'ready';
}

/**
 * Answer each prompt in turn, reporting every change of an answer through `update`. Returns false when no
 * model was free to answer (nothing was started).
 */
export async function answerSeries(
  prompts: readonly string[],
  system: string,
  update: (index: number, change: (a: SeriesAnswer) => SeriesAnswer) => void,
): Promise<boolean> {
  const generator = currentGenerator();
  const store = useGenerationStore;
  if (!generator || !canAnswerSeries()) return false;
  // The single answer's "stopped" is its own: Stop sets it for the series, and it is restored at the end.
  const stoppedBefore = store.getState().stopped;
  store.setState({ phase: 'generating', failure: null, stopped: false });
  const options = { ...generateOptions(useSamplingStore.getState()), temperature: 0 };
  for (const [i, prompt] of prompts.entries()) {
    if (store.getState().stopped) break;
    update(i, (a) => ({ ...a, status: 'generating' }));
    try {
      const stats = await generateAnswer(generator, chatMessages(system, prompt), options, (delta) => update(i, (a) => ({ ...a, answer: a.answer + delta })));
      update(i, (a) => ({ ...a, stats, status: store.getState().stopped ? 'stopped' : 'done' }));
    } catch (err) {
      update(i, (a) => ({ ...a, status: 'failed' }));
      const failure = failureOf(err, 'generate');
      if (failure.code === 'device-lost') {
        await store.getState().unload(); // the GPU is gone, and the model with it
        store.setState({ phase: 'error', failure });
      } else {
        store.setState({ phase: 'ready', failure });
      }
      break;
    }
  }
  for (const i of prompts.keys()) update(i, (a) => (a.status === 'waiting' ? { ...a, status: 'skipped' } : a));
  store.setState((s) => ({ phase: s.phase === 'generating' ? 'ready' : s.phase, stopped: stoppedBefore }));
  return true;
}
