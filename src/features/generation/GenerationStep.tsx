// Step 6: generation — an in-browser LLM streams an answer from the filled prompt: WebLLM on WebGPU, or
// transformers.js on WebGPU or WASM.
import { useEffect, useRef } from 'react';
import { useFocusWhenDone } from '../../ui/useFocusWhenDone';
import { useTranslation } from 'react-i18next';
import { StepCard } from '../../ui/StepCard';
import { CHAT_MODELS, modelBlocker } from '../../state/models/catalog';
import { engineBlocker, engineInUse } from '../../state/generation/generationEngines';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useGpuStore } from '../../state/models/gpuStore';
import { useFilledPrompt } from '../../state/augment/filledPrompt';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { AnswerView } from './AnswerView';
import { ComparisonView } from './ComparisonView';
import { ChatModelPicker } from './ChatModelPicker';
import { EnginePicker } from './EnginePicker';
import { ChatDeviceTrialNote } from './ChatDeviceTrialNote';
import { engineLabel } from './engineLabel';
import { GenerationFailureNote } from './GenerationFailureNote';
import { LoadProgressView } from './LoadProgressView';
import { TransformersModelPicker } from './TransformersModelPicker';
import { EndpointSettings } from './EndpointSettings';
import { SamplingSettings } from './SamplingSettings';
import { ExpertOnly } from '../../ui/ExpertOnly';
import { answerCurrent, compareCurrent } from '../../state/flows/ask';
import { HistoryView } from './HistoryView';
import { LabsPanel } from '../labs';

export function GenerationStep() {
  const { t, i18n } = useTranslation();
  const engine = useGenerationStore((s) => s.engine);
  const modelId = useGenerationStore((s) => s.modelId);
  const phase = useGenerationStore((s) => s.phase);
  const failure = useGenerationStore((s) => s.failure);
  const loadedModelId = useGenerationStore((s) => s.loadedModelId);
  const loadedEngine = useGenerationStore((s) => s.loadedEngine);
  const loadedDevice = useGenerationStore((s) => s.loadedDevice);
  const loadCancelled = useGenerationStore((s) => s.loadCancelled);
  const comparing = useGenerationStore((s) => s.comparison !== null);
  const { load, stop, unload } = useGenerationStore.getState();
  const caps = useGpuStore((s) => s.caps);
  const detect = useGpuStore((s) => s.detect);
  const filled = useFilledPrompt();
  const question = useRetrievalStore((s) => s.last?.question);

  useEffect(() => {
    void detect().then((found) => useGenerationStore.getState().adaptDefaultTo(found));
  }, [detect]);

  // Explain a blocker as soon as the engine and model are chosen, before anything is downloaded.
  const webllmModel = engine === 'webllm' ? CHAT_MODELS.find((m) => m.id === modelId) : undefined;
  let blocker = null;
  if (caps) blocker = engine === 'webllm' ? webllmModel && modelBlocker(webllmModel, caps) : engineBlocker(engine, caps);
  const shownFailure = failure ?? (blocker ? { code: blocker, detail: '', stage: 'load' as const } : null);
  const busy = phase === 'loading' || phase === 'checking' || phase === 'generating';
  const isLoaded = loadedModelId === modelId && loadedEngine === engine;
  // After loading, the focus goes to "Generate answer"; after an answer, to the answer.
  const generateRef = useRef<HTMLButtonElement>(null);
  const answerRef = useRef<HTMLDivElement>(null);
  useFocusWhenDone(phase === 'loading' || phase === 'checking', generateRef);
  useFocusWhenDone(phase === 'generating', answerRef);

  return (
    <StepCard step={6} id="generation" title={t('generation.title')} subtitle={t('generation.subtitle')}>
      <EnginePicker disabled={busy} />
      <div className="row align-end">
        {engine === 'webllm' ? <ChatModelPicker disabled={busy} /> : engine === 'openai' ? null : <TransformersModelPicker disabled={busy} />}
        {engine !== 'openai' && (
          <button type="button" disabled={busy || isLoaded} onClick={() => void load()}>
            {isLoaded ? t('generation.loaded') : t('generation.load')}
          </button>
        )}
        {loadedModelId && !busy && (
          <button type="button" className="secondary" onClick={() => void unload()}>
            {t('generation.unload')}
          </button>
        )}
      </div>
      {engine === 'transformers-auto' && <ChatDeviceTrialNote disabled={busy} />}
      {engine === 'openai' && (
        <>
          <EndpointSettings disabled={busy} />
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void load()}>
              {isLoaded ? t('endpoint.reconnect') : t('endpoint.connect')}
            </button>
          </div>
        </>
      )}
      {caps?.adapter && (
        <ExpertOnly>
          <p className="muted small">{t('generation.gpu', { adapter: caps.adapterName ?? '?', f16: caps.shaderF16 ? t('common.yes') : t('common.no') })}</p>
        </ExpertOnly>
      )}
      {loadedEngine && !busy && (
        <p>
          <span className="badge" data-testid="chat-in-use">
            {t('generation.inUse', { engine: engineLabel(t, engineInUse(loadedEngine, loadedDevice)) })}
          </span>
        </p>
      )}
      {loadCancelled && phase === 'idle' && <p className="muted small">{t('generation.loadCancelled')}</p>}
      {phase === 'loading' && <LoadProgressView />}
      {shownFailure && !busy && <GenerationFailureNote failure={shownFailure} modelId={modelId} />}
      <ExpertOnly>
        <SamplingSettings disabled={busy} />
      </ExpertOnly>
      <div className="row">
        <button ref={generateRef} type="button" disabled={!filled || !loadedModelId || busy} onClick={() => void answerCurrent(i18n.language)}>
          {t('generation.generate')}
        </button>
        <button
          type="button"
          id="compare-answers"
          className="secondary"
          disabled={!filled || question === undefined || !loadedModelId || busy}
          onClick={() => void compareCurrent(i18n.language)}
        >
          {t('generation.compare')}
        </button>
        {phase === 'generating' && (
          <button type="button" className="danger" onClick={() => void stop()}>
            {t('generation.stop')}
          </button>
        )}
      </div>
      <div ref={answerRef} tabIndex={-1} className="focus-target">
        {comparing ? <ComparisonView /> : <AnswerView />}
      </div>
      <HistoryView />
      <LabsPanel />
    </StepCard>
  );
}
