// Why no model can run, or why loading or generating failed, and what to do next.
import { useTranslation } from 'react-i18next';
import { CHAT_MODELS } from '../../adapters/generator/chatModels';
import { useGenerationStore, type GenerationFailure } from '../../state/generationStore';
import { Alert } from '../../ui/Alert';

export function GenerationFailureNote({ failure, modelId }: { failure: GenerationFailure; modelId: string }) {
  const { t } = useTranslation();
  const setModel = useGenerationStore((s) => s.setModel);
  const model = CHAT_MODELS.find((m) => m.id === modelId);
  const f32 = model?.f32VariantId ? CHAT_MODELS.find((m) => m.id === model.f32VariantId) : undefined;
  return (
    <Alert level="error">
      <p>
        <strong>{t(failure.stage === 'generate' ? 'generation.failure.generateTitle' : 'generation.failure.title', { model: model?.label ?? modelId })}</strong>
      </p>
      <p>{t(`generation.failure.${failure.code}`)}</p>
      {failure.detail && (
        <p className="muted small">
          {t('generation.failure.detail')}: <code>{failure.detail}</code>
        </p>
      )}
      {failure.code === 'needs-shader-f16' && f32 && (
        <button type="button" onClick={() => setModel(f32.id)}>
          {t('generation.useF32', { model: `${f32.label} (${f32.quantization})` })}
        </button>
      )}
    </Alert>
  );
}
