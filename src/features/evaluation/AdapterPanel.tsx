// Fine-tuning an embedding adapter: train a linear adapter on the question set's (question, expected
// chunk) pairs against the index, watch the loss curve, compare the held-out hit rate and MRR before and
// after; switch it on or off for searches; discard it.
import { useTranslation } from 'react-i18next';
import { adapterMismatchNow, MAX_ADAPTER_EPOCHS, useAdapterStore } from '../../state/evaluation/adapterStore';
import { cancelAdapterTraining, trainAdapterOnQuestions } from '../../state/flows/adapterTraining';
import { useIndexStore } from '../../state/embedding/indexStore';
import { formatNumber } from '@openbook/core/format';
import type { SetMetrics } from '@openbook/core/evaluation/metrics';
import { Alert } from '../../ui/Alert';
import { LineChart } from '../../ui/LineChart';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';

export function AdapterPanel() {
  const { t, i18n } = useTranslation();
  const adapter = useAdapterStore((s) => s.adapter);
  const phase = useAdapterStore((s) => s.phase);
  const progress = useAdapterStore((s) => s.progress);
  const liveLosses = useAdapterStore((s) => s.liveLosses);
  const epochs = useAdapterStore((s) => s.epochs);
  const error = useAdapterStore((s) => s.error);
  const notice = useAdapterStore((s) => s.notice);
  useIndexStore((s) => s.indexedModelId); // re-render when the index's model changes (the mismatch below)
  const mismatch = adapterMismatchNow();
  const busy = phase !== 'idle';
  const n = (x: number, digits = 0) => formatNumber(x, i18n.language, digits);
  const metric = (m: SetMetrics, key: 'hitRate' | 'mrr') => (m[key] === null ? '—' : n(m[key]!, 3));
  const losses = busy ? liveLosses : (adapter?.losses ?? []);

  return (
    <section className="adapter-panel" aria-labelledby="adapter-title">
      <h3 id="adapter-title">{t('adapter.title')}</h3>
      <p className="small muted">{t('adapter.intro')}</p>
      <div className="row">
        <label>
          {t('adapter.epochs')}{' '}
          <input
            type="number"
            min={1}
            max={MAX_ADAPTER_EPOCHS}
            value={Number.isNaN(epochs) ? '' : epochs}
            disabled={busy}
            onChange={(e) => useAdapterStore.getState().setEpochs(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          />
        </label>
        <button type="button" disabled={busy} onClick={() => void trainAdapterOnQuestions()}>
          {t('adapter.train')}
        </button>
        {busy && (
          <button type="button" className="secondary" onClick={cancelAdapterTraining}>
            {t('adapter.cancel')}
          </button>
        )}
      </div>
      {busy && (
        <div data-testid="adapter-progress">
          {phase === 'preparing' || !progress ? (
            <ProgressBar label={t('adapter.preparing')} />
          ) : (
            <ProgressBar
              label={t('adapter.training')}
              value={progress.step}
              max={progress.steps}
              detail={t('adapter.step', {
                step: n(progress.step),
                steps: n(progress.steps),
                epoch: progress.epoch + 1,
                epochs: progress.epochs,
                loss: n(progress.loss, 3),
              })}
            />
          )}
        </div>
      )}
      {losses.length > 0 && (
        <LineChart
          title={t('adapter.curve.title')}
          description={t('adapter.curve.description', { steps: losses.length, first: n(losses[0]!, 3), last: n(losses.at(-1)!, 3) })}
          values={losses}
          xLabel={t('adapter.curve.x')}
          yLabel={t('adapter.curve.y')}
          valuesLabel={t('adapter.curve.values')}
          format={(x) => n(x, 2)}
        />
      )}
      {adapter && !busy && (
        <>
          <div className="table-wrap">
            <table className="results adapter-table">
              <caption>
                {t('adapter.result.caption', { model: adapter.modelId, train: adapter.trainCount, heldOut: adapter.heldOutCount, k: adapter.k })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('adapter.result.when')}</th>
                  <th scope="col">{t('adapter.result.hitRate', { k: adapter.k })}</th>
                  <th scope="col">{t('adapter.result.mrr', { k: adapter.k })}</th>
                </tr>
              </thead>
              <tbody>
                <tr data-testid="adapter-before">
                  <th scope="row">{t('adapter.result.before')}</th>
                  <td data-value={adapter.before.hitRate ?? ''}>{metric(adapter.before, 'hitRate')}</td>
                  <td data-value={adapter.before.mrr ?? ''}>{metric(adapter.before, 'mrr')}</td>
                </tr>
                <tr data-testid="adapter-after">
                  <th scope="row">{t('adapter.result.after')}</th>
                  <td data-value={adapter.after.hitRate ?? ''}>{metric(adapter.after, 'hitRate')}</td>
                  <td data-value={adapter.after.mrr ?? ''}>{metric(adapter.after, 'mrr')}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <div className="row">
            <label className="inline-check">
              <input type="checkbox" checked={adapter.enabled} onChange={(e) => useAdapterStore.getState().setEnabled(e.target.checked)} /> {t('adapter.apply')}
            </label>
            <button type="button" className="secondary" onClick={() => useAdapterStore.getState().discard()}>
              {t('adapter.discard')}
            </button>
          </div>
          {mismatch && <Alert level="warning">{t(`adapter.mismatch.${mismatch}`, { model: adapter.modelId })}</Alert>}
        </>
      )}
      {error && (
        <Alert level="error" onDismiss={() => useAdapterStore.setState({ error: null })}>
          <MessageText message={error} />
        </Alert>
      )}
      {notice && (
        <Alert level="info" onDismiss={() => useAdapterStore.setState({ notice: null })}>
          <MessageText message={notice} />
        </Alert>
      )}
    </section>
  );
}
