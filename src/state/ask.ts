// Asking a question runs the whole loop: retrieve, augment (within the context budget), and generate when a
// model is loaded.
import { useRetrievalStore } from './retrievalStore';
import { useGenerationStore } from './generationStore';
import { promptToSend } from './filledPrompt';
import { systemPromptIn, useSamplingStore } from './samplingStore';

export async function ask(uiLanguage: string): Promise<void> {
  const run = await useRetrievalStore.getState().retrieve();
  if (!run) return;
  const generation = useGenerationStore.getState();
  if (!generation.loadedModelId || generation.phase !== 'ready') return;
  await answerCurrent(uiLanguage);
}

/** Answer the current prompt (the "Generate answer" button, and the end of ask()). */
export async function answerCurrent(uiLanguage: string): Promise<void> {
  const prompt = await promptToSend(uiLanguage);
  if (!prompt) return;
  await useGenerationStore.getState().generate(prompt.text, systemPromptIn(useSamplingStore.getState().customSystem, uiLanguage));
}
