// Told when the workspace is open in another tab (src/state/workspace/tabLock.ts): this tab does not save; "Use here"
// makes it the one that saves (the other becomes read-only), or it stays read-only.
import { useTranslation } from 'react-i18next';
import { tabLock, useTabStore } from '../../state/workspace/tabLock';

export function TabNotice() {
  const { t } = useTranslation();
  const role = useTabStore((s) => s.role);
  if (role !== 'other-tab' && role !== 'read-only') return null;
  const other = role === 'other-tab';
  return (
    <div className="alert alert-warning tab-notice" role="alert" data-tab-role={role}>
      <div className="alert-body">
        <p>
          <strong>{t(other ? 'resilience.tabs.otherTabTitle' : 'resilience.tabs.readOnlyTitle')}</strong>
        </p>
        <p>{t(other ? 'resilience.tabs.otherTabBody' : 'resilience.tabs.readOnlyBody')}</p>
        <div className="row">
          <button type="button" onClick={tabLock.useHere} title={t('resilience.tabs.useHereHint')}>
            {t('resilience.tabs.useHere')}
          </button>
          {other && (
            <button type="button" className="secondary" onClick={tabLock.stayReadOnly}>
              {t('resilience.tabs.stayReadOnly')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
