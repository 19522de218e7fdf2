// Where models are downloaded from: the Hugging Face hub, a mirror, or the user's own host.
import { useTranslation } from 'react-i18next';
import { MODEL_HOSTS, normaliseHost, useSettingsStore, type ModelSourceChoice } from '../../state/models/settingsStore';
import { Alert } from '../../ui/Alert';

export function ModelSourceSettings() {
  const { t } = useTranslation();
  const source = useSettingsStore((s) => s.modelSource);
  const customHost = useSettingsStore((s) => s.customHost);
  const setSource = useSettingsStore((s) => s.setModelSource);
  const setCustomHost = useSettingsStore((s) => s.setCustomHost);
  const invalid = source === 'custom' && normaliseHost(customHost) === null;

  return (
    <details id="model-source" className="settings">
      <summary>{t('settings.title')}</summary>
      <p className="muted small">{t('settings.explain')}</p>
      <label>
        {t('settings.source')}
        <select value={source} onChange={(e) => setSource(e.target.value as ModelSourceChoice)}>
          <option value="huggingface">{t('settings.huggingface', { host: MODEL_HOSTS.huggingface })}</option>
          <option value="hf-mirror">{t('settings.mirror', { host: MODEL_HOSTS['hf-mirror'] })}</option>
          <option value="custom">{t('settings.custom')}</option>
        </select>
      </label>
      {source === 'custom' && (
        <label>
          {t('settings.customHost')}
          <input value={customHost} onChange={(e) => setCustomHost(e.target.value)} placeholder="https://example.org" inputMode="url" />
        </label>
      )}
      {invalid && <Alert level="error">{t('settings.errors.bad-host')}</Alert>}
      <p className="muted small">{t('settings.siteModels')}</p>
    </details>
  );
}
