// The large runtimes (ONNX Runtime, transformers.js, WebLLM, the PDF reader...) are not part of a first
// visit's download: each is kept the first time it is used. Here they can all be kept at once, with
// progress and a way to stop, so that everything works offline later. Shown in "Models and storage".
import { useTranslation } from 'react-i18next';
import { formatBytes } from '@openbook/core/format';
import { cancelOfflineRuntimes, keepAllOfflineRuntimes, useOfflineStore } from '../../state/runtime/offlineStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';

export function OfflineRuntimes() {
  const { t, i18n } = useTranslation();
  const { files, kept, total, downloading, error } = useOfflineStore((s) => s.runtimes);
  const dismissError = useOfflineStore((s) => s.dismissRuntimesError);
  if (!files) return null;
  const size = (bytes: number) => formatBytes(bytes, i18n.language);
  const all = kept >= total;
  return (
    <section className="offline-runtimes" aria-label={t('offlineRuntimes.title')}>
      <h3>{t('offlineRuntimes.title')}</h3>
      <p className="small" data-testid="offline-runtimes-kept">
        {all ? t('offlineRuntimes.allKept', { total: size(total) }) : t('offlineRuntimes.kept', { kept: size(kept), total: size(total) })}
      </p>
      {!all && !downloading && (
        <button type="button" className="secondary" onClick={() => void keepAllOfflineRuntimes()}>
          {t('offlineRuntimes.keepAll', { size: size(total - kept) })}
        </button>
      )}
      {downloading && (
        <>
          <ProgressBar
            value={kept}
            max={total}
            label={t('offlineRuntimes.downloading')}
            detail={t('offlineRuntimes.progress', { kept: size(kept), total: size(total) })}
          />
          <button type="button" className="secondary" onClick={cancelOfflineRuntimes}>
            {t('offlineRuntimes.cancel')}
          </button>
        </>
      )}
      {error && (
        <Alert level="error" onDismiss={dismissError}>
          <MessageText message={error} />
        </Alert>
      )}
    </section>
  );
}
