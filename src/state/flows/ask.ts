// Asking a question runs the whole loop: retrieve, augment (within the context budget), and generate when a
// model is loaded. Each answer goes into the session's history with its settings.
import { useRetrievalStore } from '../retrieval/retrievalStore';
import { useGenerationStore } from '../generation/generationStore';
import { promptToSend } from '../augment/filledPrompt';
import { systemPromptIn, useSamplingStore } from '../generation/samplingStore';
import { templateIn, usePromptStore } from '../augment/promptStore';
import { recordAnswer } from '../generation/historyStore';
import { questionOnlyPrompt } from '@openbook/core/prompt';
import { COMPARISON_SIDES } from '../generation/comparison';
import { askTimings, retrievalSearchMs } from '@openbook/core/askTimings';

export async function ask(uiLanguage: string): Promise<void> {
  const pressed = performance.now();
  useGenerationStore.setState({ askTimings: null });
  const run = await useRetrievalStore.getState().retrieve();
  if (!run) return;
  const generation = useGenerationStore.getState();
  if (!generation.loadedModelId || generation.phase !== 'ready') return;
  const retrieved = performance.now();
  await answerCurrent(uiLanguage, (promptBuilt, firstToken) =>
    useGenerationStore.setState({
      askTimings: askTimings({ pressed, retrieved, promptBuilt, firstToken, embedMs: run.embedMs, searchMs: retrievalSearchMs(run) }),
    }),
  );
}

/** Calls back once, when the answer's first text reaches the store. */
function onFirstText(then: (at: number) => void): () => void {
  const unsubscribe = useGenerationStore.subscribe((s) => {
    if (s.phase === 'generating' && s.answer !== '') {
      unsubscribe();
      then(performance.now());
    }
  });
  return unsubscribe;
}

const outcomeOf = (failed: boolean, stopped: boolean) => (failed ? 'failed' : stopped ? 'stopped' : 'complete');

/**
 * Answer the current prompt (the "Generate answer" button, and the end of ask()). `timed` hears when the
 * prompt was ready and when the first token arrived.
 */
export async function answerCurrent(uiLanguage: string, timed?: (promptBuilt: number, firstToken: number) => void): Promise<void> {
  if (!timed) useGenerationStore.setState({ askTimings: null }); // the figures are those of Ask, not of this button
  const prompt = await promptToSend(uiLanguage);
  const promptBuilt = performance.now();
  const question = useRetrievalStore.getState().last?.question;
  if (!prompt || question === undefined) return;
  const system = systemPromptIn(useSamplingStore.getState().customSystem, uiLanguage);
  const store = useGenerationStore;
  if (!store.getState().loadedModelId || store.getState().phase === 'generating') return;
  const stopWatching = timed ? onFirstText((at) => timed(promptBuilt, at)) : () => {};
  await store.getState().generate(prompt.text, system);
  stopWatching();
  const s = store.getState();
  if (s.answeredPrompt !== prompt.text) return;
  recordAnswer({
    question,
    prompt: prompt.text,
    answer: s.answer,
    stats: s.stats,
    outcome: outcomeOf(s.failure?.stage === 'generate', s.stopped),
    template: templateIn(usePromptStore.getState().custom, uiLanguage),
    systemPrompt: system,
    chunksInPrompt: prompt.budget.kept,
  });
}

/** Answer with and without retrieval, side by side; both answers go into the history. */
export async function compareCurrent(uiLanguage: string): Promise<void> {
  const prompt = await promptToSend(uiLanguage);
  const question = useRetrievalStore.getState().last?.question;
  if (!prompt || question === undefined) return;
  const system = systemPromptIn(useSamplingStore.getState().customSystem, uiLanguage);
  const store = useGenerationStore;
  if (!store.getState().loadedModelId || store.getState().phase === 'generating') return;
  const prompts = { rag: prompt.text, plain: questionOnlyPrompt(question).text };
  await store.getState().compare(prompts, system);
  const comparison = store.getState().comparison;
  if (!comparison) return;
  for (const side of COMPARISON_SIDES) {
    const pane = comparison[side];
    if (pane.status === 'skipped' || pane.status === 'waiting') continue;
    recordAnswer({
      question,
      prompt: prompts[side],
      answer: pane.answer,
      stats: pane.stats,
      outcome: outcomeOf(pane.status === 'failed', pane.status === 'stopped'),
      template: side === 'rag' ? templateIn(usePromptStore.getState().custom, uiLanguage) : null,
      systemPrompt: system,
      chunksInPrompt: prompt.budget.kept,
    });
  }
}
