// The OpenAI-compatible endpoint: where it is, which model, an optional key, its context window, and a
// plain statement that the prompt, document text included, goes to that server.
import { useTranslation } from 'react-i18next';
import { useEndpointStore } from '../../state/generation/endpointStore';
import { useGenerationStore } from '../../state/generation/generationStore';
import { Alert } from '../../ui/Alert';

export function EndpointSettings({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const { baseUrl, apiKey, contextWindow, list, setBaseUrl, setApiKey, setContextWindow, listModels } = useEndpointStore();
  const modelId = useGenerationStore((s) => s.modelId);
  const setModel = useGenerationStore((s) => s.setModel);
  return (
    <div className="endpoint-settings">
      <Alert level="warning">
        <p data-testid="endpoint-note">{t('endpoint.note')}</p>
      </Alert>
      <div className="row align-end">
        <label className="grow">
          {t('endpoint.baseUrl')}
          <input value={baseUrl} disabled={disabled} onChange={(e) => setBaseUrl(e.target.value)} placeholder="http://localhost:11434/v1" spellCheck={false} />
        </label>
        <button type="button" className="secondary" disabled={disabled || list?.state === 'listing'} onClick={() => void listModels()}>
          {t('endpoint.listModels')}
        </button>
      </div>
      <p className="muted small">{t('endpoint.examples')}</p>
      {list?.state === 'failed' && (
        <Alert level="error">
          <p>{t('endpoint.listFailed')}</p>
          <p>{t(`endpoint.failure.${list.code ?? 'unknown'}`, { defaultValue: t('generation.failure.unknown') })}</p>
          {list.detail && (
            <p className="muted small">
              <code>{list.detail}</code>
            </p>
          )}
        </Alert>
      )}
      {list?.state === 'done' && list.models.length === 0 && <p className="muted small">{t('endpoint.noModelsListed')}</p>}
      <div className="row align-end">
        <label className="grow" htmlFor="endpoint-model">
          {t('endpoint.model')}
          {list?.state === 'done' && list.models.length > 0 ? (
            <select id="endpoint-model" value={list.models.includes(modelId) ? modelId : ''} disabled={disabled} onChange={(e) => setModel(e.target.value)}>
              <option value="" disabled>
                {t('endpoint.pickModel')}
              </option>
              {list.models.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="endpoint-model"
              value={modelId}
              disabled={disabled}
              onChange={(e) => setModel(e.target.value)}
              placeholder="qwen2.5:0.5b"
              spellCheck={false}
            />
          )}
        </label>
        <label>
          {t('endpoint.apiKey')}
          <input type="password" value={apiKey} disabled={disabled} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" />
        </label>
        <label>
          {t('endpoint.contextWindow')}
          <input type="number" min={256} step={256} value={contextWindow} disabled={disabled} onChange={(e) => setContextWindow(Number(e.target.value))} />
        </label>
      </div>
      <p className="muted small">{t('endpoint.keyNote')}</p>
    </div>
  );
}
