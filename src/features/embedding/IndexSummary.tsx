// What the vector index holds now, which engine answers, and whether it is out of date.
import { useTranslation } from 'react-i18next';
import { isIndexBusy, useIndexStore } from '../../state/embedding/indexStore';
import { useUnindexedCount } from '../../state/embedding/unindexedChunks';
import { useChunkContextStore } from '../../state/chunks/chunkContextStore';
import { Alert } from '../../ui/Alert';
import { formatMs, formatNumber } from '@openbook/core/format';
import { engineReasonText } from './engineReasonText';
import { deviceName } from '../../ui/DeviceSelect';

export function IndexSummary() {
  const { t, i18n } = useTranslation();
  const status = useIndexStore((s) => s.indexStatus);
  const indexed = useIndexStore((s) => s.indexedChunks);
  const indexedModelId = useIndexStore((s) => s.indexedModelId);
  const modelId = useIndexStore((s) => s.modelId);
  const phase = useIndexStore((s) => s.phase);
  const lastRun = useIndexStore((s) => s.lastRun);
  const restored = useIndexStore((s) => s.restored);
  const embedHeaders = useIndexStore((s) => s.embedHeaders);
  const indexedHeaders = useIndexStore((s) => s.indexedHeaders);
  const indexedContexts = useIndexStore((s) => s.indexedContexts?.set ?? null);
  // Re-rendered when the contexts in use change (used, written, another model).
  const contextsInUse = useChunkContextStore((s) => (s.use && s.modelId ? `${s.modelId}#${s.version}` : null));
  // Counted per document's chunks and remembered (not a pass over every chunk at each change).
  const unindexed = useUnindexedCount();
  if (indexed.size === 0 || !status) return <p className="muted">{t('embedding.summary.empty')}</p>;
  const busy = isIndexBusy(phase);

  return (
    <div className="index-summary">
      <p data-testid="index-summary">
        {t('embedding.summary.ready', { count: indexed.size, dimension: status.dimension ?? '?', model: indexedModelId ?? '' })}{' '}
        {indexedHeaders && <span className="badge">{t('retr14.embedHeaders.badge')}</span>}{' '}
        {indexedContexts && <span className="badge">{t('retr14.chunkContext.badge')}</span>}{' '}
        <span className="badge">{t(`embedding.engine.${status.engine}`)}</span>
      </p>
      {lastRun && (
        <p className="muted small" data-testid="embedding-speed">
          {lastRun.embedded > 0
            ? t('embedding.summary.speed', {
                count: lastRun.embedded,
                time: formatMs(lastRun.ms, i18n.language),
                rate: formatNumber((lastRun.embedded * 1000) / Math.max(1, lastRun.ms), i18n.language),
                device: deviceName(lastRun.device),
              })
            : ''}
          {lastRun.reused > 0 ? ` ${t('embedding.summary.reused', { count: lastRun.reused })}` : ''}
          {lastRun.fit
            ? ` ${t('embedding.summary.fitted', { time: formatMs(lastRun.fit.ms, i18n.language), terms: formatNumber(lastRun.fit.terms, i18n.language), dimension: lastRun.fit.dimension })}`
            : ''}
        </p>
      )}
      {restored && (
        <p className="muted small" data-testid="index-restored">
          {t('embedding.summary.restored', { time: formatMs(restored.ms, i18n.language) })}
        </p>
      )}
      {status.fallbackReason && <Alert level="info">{engineReasonText(t, status.fallbackReason, status)}</Alert>}
      {!busy && unindexed > 0 && <Alert level="warning">{t('embedding.summary.stale', { count: unindexed })}</Alert>}
      {!busy && indexedModelId !== modelId && <Alert level="warning">{t('embedding.summary.otherModel', { model: indexedModelId ?? '' })}</Alert>}
      {!busy && contextsInUse !== indexedContexts && (
        <Alert level="warning">
          <span data-testid="index-contexts-stale">{t(contextsInUse ? 'retr14.chunkContext.staleNew' : 'retr14.chunkContext.staleUnused')}</span>
        </Alert>
      )}
      {!busy && embedHeaders !== indexedHeaders && (
        <Alert level="warning">
          <span data-testid="index-headers-stale">{t(indexedHeaders ? 'retr14.embedHeaders.staleWith' : 'retr14.embedHeaders.staleWithout')}</span>
        </Alert>
      )}
    </div>
  );
}
