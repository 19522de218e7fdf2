// The name of a generation engine in the interface (the Automatic transformers.js engine's lives in its own section).
import type { TFunction } from 'i18next';
import type { GenerationEngine } from '../../state/generation/generationEngines';

export function engineLabel(t: TFunction, engine: GenerationEngine): string {
  return engine === 'transformers-auto' ? t('chatDevice.engine') : t(`generation.engine.${engine}`);
}
