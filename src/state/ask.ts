// Asking a question runs the whole loop: retrieve, augment, and generate when a model is loaded.
import { useRetrievalStore } from './retrievalStore';
import { useGenerationStore } from './generationStore';
import { currentFilledPrompt } from './filledPrompt';

export async function ask(uiLanguage: string): Promise<void> {
  const run = await useRetrievalStore.getState().retrieve();
  if (!run) return;
  const generation = useGenerationStore.getState();
  const prompt = currentFilledPrompt(uiLanguage);
  if (prompt && generation.loadedModelId && generation.phase === 'ready') await generation.generate(prompt.text);
}
