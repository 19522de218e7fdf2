// Why no model can run, or why loading or generating failed, and what to do next.
import { useTranslation } from 'react-i18next';
import { CHAT_MODELS } from '../../state/models/catalog';
import { useGenerationStore, type GenerationFailure } from '../../state/generation/generationStore';
import { Alert } from '../../ui/Alert';
import { chatModelLabel } from './chosenModel';
import { WaysForward } from '../offline';

export function GenerationFailureNote({ failure, modelId }: { failure: GenerationFailure; modelId: string }) {
  const { t } = useTranslation();
  const setModel = useGenerationStore((s) => s.setModel);
  const setEngine = useGenerationStore((s) => s.setEngine);
  const engine = useGenerationStore((s) => s.engine);
  const transformersModels = useGenerationStore((s) => s.transformersModels);
  const model = engine === 'webllm' ? CHAT_MODELS.find((m) => m.id === modelId) : undefined;
  const f32 = model?.f32VariantId ? CHAT_MODELS.find((m) => m.id === model.f32VariantId) : undefined;
  const gpuMissing = failure.code === 'no-webgpu' || failure.code === 'no-adapter';
  return (
    <Alert level="error">
      <p>
        <strong>
          {engine === 'openai' && failure.stage === 'load'
            ? t('endpoint.failure.title')
            : t(failure.stage === 'generate' ? 'generation.failure.generateTitle' : 'generation.failure.title', {
                model: chatModelLabel(engine, modelId, transformersModels),
              })}
        </strong>
      </p>
      <p>{failure.code.startsWith('endpoint-') ? t(`endpoint.failure.${failure.code}`) : t(`generation.failure.${failure.code}`)}</p>
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
      {failure.stage === 'load' && engine !== 'openai' && (failure.code === 'network' || failure.code === 'not-found') && <WaysForward kind="chat" />}
      {gpuMissing && engine !== 'transformers-wasm' && (
        <button type="button" onClick={() => setEngine('transformers-wasm')}>
          {t('generation.useWasm')}
        </button>
      )}
    </Alert>
  );
}
