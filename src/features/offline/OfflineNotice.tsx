// The service worker's news: the app is now available offline, or a new version is ready to load.
import { useTranslation } from 'react-i18next';
import { useOfflineStore } from '../../state/runtime/offlineStore';
import { Alert } from '../../ui/Alert';

export function OfflineNotice() {
  const { t } = useTranslation();
  const offlineReady = useOfflineStore((s) => s.offlineReady);
  const update = useOfflineStore((s) => s.update);
  const dismiss = useOfflineStore((s) => s.dismiss);
  if (update) {
    return (
      <Alert level="info" onDismiss={dismiss}>
        {t('offline.updateReady')}{' '}
        <button type="button" className="secondary" onClick={() => void update()}>
          {t('offline.reload')}
        </button>
      </Alert>
    );
  }
  if (!offlineReady) return null;
  return (
    <Alert level="info" onDismiss={dismiss}>
      <span data-testid="offline-ready">{t('offline.ready')}</span>
    </Alert>
  );
}
