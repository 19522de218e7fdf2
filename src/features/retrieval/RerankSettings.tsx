// Reranking in step 4, folded under a summary that names the choice: the cross-encoder (or none), how many
// candidates it re-scores, where it runs. Below it, always in view: its loading and scoring progress, and
// how long the last reranking took, and with Automatic what measuring each device found.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useGpuStore } from '../../state/models/gpuStore';
import { useRerankStore } from '../../state/retrieval/rerankStore';
import { DeviceSelect, deviceName, useDeviceNote } from '../../ui/DeviceSelect';
import { DeviceTrialNote } from '../../ui/DeviceTrialNote';
import { formatMs } from '@openbook/core/format';
import { RerankModelPicker } from './RerankModelPicker';
import { RerankProgress } from './RerankProgress';

export function RerankSettings() {
  const { t, i18n } = useTranslation();
  const loadSiteModels = useRerankStore((s) => s.loadSiteModels);
  const models = useRerankStore((s) => s.models);
  const modelId = useRerankStore((s) => s.modelId);
  const devicePreference = useRerankStore((s) => s.devicePreference);
  const setDevicePreference = useRerankStore((s) => s.setDevicePreference);
  const phase = useRerankStore((s) => s.phase);
  const loaded = useRerankStore((s) => s.loaded);
  const lastRun = useRerankStore((s) => s.lastRun);
  const measuring = useRerankStore((s) => s.measuring);
  const trial = useRerankStore((s) => (s.deviceTrial?.modelId === s.modelId && s.devicePreference === 'auto' ? s.deviceTrial : null));
  const measureAgain = useRerankStore((s) => s.measureAgain);
  const caps = useGpuStore((s) => s.caps);
  const detectGpu = useGpuStore((s) => s.detect);
  const deviceNote = useDeviceNote(caps);
  const busy = phase !== 'idle';
  const chosen = models.find((m) => m.id === modelId) ?? null;

  useEffect(() => {
    void loadSiteModels();
    void detectGpu();
  }, [loadSiteModels, detectGpu]);

  return (
    <section className="rerank-settings" aria-label={t('rerank.title')}>
      <details>
        <summary>{chosen ? t('rerank.summary', { model: chosen.label }) : t('rerank.summaryNone')}</summary>
        <div className="rerank-settings-body">
          <p className="muted small">{t('rerank.explain')}</p>
          <RerankModelPicker disabled={busy} />
          {chosen && (
            <div className="device-picker">
              <DeviceSelect
                label={t('rerank.device')}
                autoLabel={t('rerank.auto')}
                value={devicePreference}
                disabled={busy}
                webgpuUnavailable={caps !== null && !caps.adapter}
                onChange={setDevicePreference}
              />
              {caps?.software && devicePreference === 'auto' && <span className="muted small">{deviceNote}</span>}
              <span className="muted small">{t('rerank.candidatesHint')}</span>
            </div>
          )}
          {chosen && !busy && (
            <p className="muted small" data-testid="rerank-status">
              {loaded?.modelId === chosen.id ? t('rerank.loaded', { model: loaded.modelId, device: deviceName(loaded.device) }) : t('rerank.loadsOnAsk')}
            </p>
          )}
        </div>
      </details>
      <RerankProgress />
      {chosen && (
        <DeviceTrialNote measuring={measuring} trial={trial} unit="pairs" disabled={busy} onMeasureAgain={measureAgain} testId="rerank-device-trial" />
      )}
      {chosen && lastRun?.modelId === chosen.id && !busy && (
        <p className="muted small" data-testid="rerank-speed">
          {t('rerank.lastRun', {
            count: lastRun.candidates,
            time: formatMs(lastRun.ms, i18n.language),
            perCandidate: formatMs(lastRun.ms / lastRun.candidates, i18n.language),
            device: deviceName(lastRun.device),
          })}
        </p>
      )}
    </section>
  );
}
