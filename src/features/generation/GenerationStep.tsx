// Step 6: generation — an in-browser LLM (WebLLM on WebGPU) streams an answer from the filled prompt.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { StepCard } from '../layout/StepCard';
import { CHAT_MODELS } from '../../adapters/generator/chatModels';
import { modelBlocker } from '../../adapters/generator/gpuCapabilities';
import { useGenerationStore } from '../../state/generationStore';
import { useGpuStore } from '../../state/gpuStore';
import { useFilledPrompt } from '../../state/filledPrompt';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatNumber } from '../../ui/format';
import { ChatModelPicker } from './ChatModelPicker';
import { GenerationFailureNote } from './GenerationFailureNote';
import { AnswerView } from './AnswerView';

export function GenerationStep() {
  const { t, i18n } = useTranslation();
  const modelId = useGenerationStore((s) => s.modelId);
  const phase = useGenerationStore((s) => s.phase);
  const progress = useGenerationStore((s) => s.progress);
  const failure = useGenerationStore((s) => s.failure);
  const loadedModelId = useGenerationStore((s) => s.loadedModelId);
  const loadCancelled = useGenerationStore((s) => s.loadCancelled);
  const { load, cancelLoad, generate, stop, unload } = useGenerationStore.getState();
  const caps = useGpuStore((s) => s.caps);
  const detect = useGpuStore((s) => s.detect);
  const filled = useFilledPrompt();

  useEffect(() => {
    void detect().then((found) => useGenerationStore.getState().adaptDefaultTo(found));
  }, [detect]);

  const model = CHAT_MODELS.find((m) => m.id === modelId);
  // Explain a blocker as soon as the model is chosen, before anything is downloaded.
  const blocker = model && caps ? modelBlocker(model, caps) : null;
  const shownFailure = failure ?? (blocker ? { code: blocker, detail: '', stage: 'load' as const } : null);
  const busy = phase === 'loading' || phase === 'checking' || phase === 'generating';

  return (
    <StepCard step={6} id="generation" title={t('generation.title')} subtitle={t('generation.subtitle')}>
      <div className="row align-end">
        <ChatModelPicker disabled={busy} />
        <button type="button" disabled={busy || loadedModelId === modelId} onClick={() => void load()}>
          {loadedModelId === modelId ? t('generation.loaded') : t('generation.load')}
        </button>
        {loadedModelId && !busy && (
          <button type="button" className="secondary" onClick={() => void unload()}>
            {t('generation.unload')}
          </button>
        )}
      </div>
      {caps && (
        <p className="muted small">
          {caps.adapter
            ? t('generation.gpu', { adapter: caps.adapterName ?? '?', f16: caps.shaderF16 ? t('common.yes') : t('common.no') })
            : t(caps.webgpu ? 'generation.gpuNoAdapter' : 'generation.gpuNone')}
        </p>
      )}
      {phase === 'loading' && (
        <button type="button" className="secondary" onClick={cancelLoad}>
          {t('common.cancel')}
        </button>
      )}
      {loadCancelled && phase === 'idle' && <p className="muted small">{t('generation.loadCancelled')}</p>}
      {phase === 'loading' && (
        <ProgressBar
          label={t('generation.loading')}
          value={progress?.progress ?? 0}
          max={1}
          detail={progress ? `${formatNumber(progress.progress * 100, i18n.language)}% · ${progress.text}` : undefined}
        />
      )}
      {shownFailure && !busy && <GenerationFailureNote failure={shownFailure} modelId={modelId} />}
      <div className="row">
        <button type="button" disabled={!filled || !loadedModelId || busy} onClick={() => filled && void generate(filled.text)}>
          {t('generation.generate')}
        </button>
        {phase === 'generating' && (
          <button type="button" className="danger" onClick={() => void stop()}>
            {t('generation.stop')}
          </button>
        )}
      </div>
      <AnswerView />
    </StepCard>
  );
}
