// The files being added, one row each: queued, parsing, added, already there, failed (with the reason)
// or cancelled, with how far a long parse has got; a Cancel button while files are being parsed.
import { useTranslation } from 'react-i18next';
import { useIngestStore, type IngestItem } from '../../state/documents/ingestStore';
import { formatBytes } from '@openbook/core/format';

function Row({ item }: { item: IngestItem }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`ingest-item ingest-${item.status}`}>
      <span className="document-name">{item.name}</span> <span className="muted">{formatBytes(item.sizeBytes, i18n.language)}</span>{' '}
      <span className="ingest-status">{t(`ingest.status.${item.status}`)}</span>
      {item.status === 'parsing' && item.progress !== undefined && (
        <>
          {' '}
          <progress className="ingest-progress" max={1} value={item.progress} aria-label={item.name} />{' '}
          <span className="muted ingest-percent">{t('resilience.parseProgress', { percent: Math.floor(item.progress * 100) })}</span>
        </>
      )}
      {item.reason && (
        <span className="ingest-reason">
          {t('ingest.reasonSeparator')}
          {t(item.reason.key, item.reason.values ?? {})}
        </span>
      )}
    </li>
  );
}

export function IngestQueue() {
  const { t } = useTranslation();
  const items = useIngestStore((s) => s.items);
  const running = useIngestStore((s) => s.running);
  const cancel = useIngestStore((s) => s.cancel);
  const clearFinished = useIngestStore((s) => s.clearFinished);
  if (items.length === 0) return null;
  const done = items.filter((i) => i.status !== 'queued' && i.status !== 'parsing').length;
  return (
    <section className="ingest-queue" aria-label={t('ingest.title')}>
      <div className="row">
        <strong>{t('ingest.title')}</strong>
        <span className="muted" role="status">
          {t('ingest.progress', { done, total: items.length })}
        </span>
        {running ? (
          <button type="button" className="secondary" aria-label={t('ingest.cancelLabel')} onClick={cancel}>
            {t('ingest.cancel')}
          </button>
        ) : (
          <button type="button" className="link-button" onClick={clearFinished}>
            {t('ingest.clear')}
          </button>
        )}
      </div>
      <ul className="ingest-list" aria-label={t('ingest.listLabel')}>
        {items.map((item) => (
          <Row key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}
