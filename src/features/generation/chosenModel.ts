// The chosen chat model's display name, whichever engine it belongs to.
import { CHAT_MODELS, type TransformersChatModelInfo } from '../../state/models/catalog';
import type { GenerationEngine } from '../../state/generation/generationEngines';

export function chatModelLabel(engine: GenerationEngine, modelId: string, transformersModels: readonly TransformersChatModelInfo[]): string {
  const model = engine === 'webllm' ? CHAT_MODELS.find((m) => m.id === modelId) : transformersModels.find((m) => m.id === modelId);
  return model?.label ?? modelId;
}
