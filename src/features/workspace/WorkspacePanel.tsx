// The workspace area: what is saved in this browser, how much space it takes, whether the browser
// keeps it for good, exporting it to one file and importing one, and clearing it all (after a confirmation).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIndexBusy, useIndexStore } from '../../state/embedding/indexStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { refreshStorageUse, requestPersistentStorage, useWorkspaceStore } from '../../state/workspace/workspaceStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { formatBytes } from '@openbook/core/format';
import { ClearWorkspaceDialog } from '../../ui/ClearWorkspaceDialog';
import { WorkspaceTransfer } from './WorkspaceTransfer';
import { ProductionPanel } from './ProductionPanel';

export function WorkspacePanel() {
  const { t, i18n } = useTranslation();
  const status = useWorkspaceStore((s) => s.status);
  const problem = useWorkspaceStore((s) => s.problem);
  const use = useWorkspaceStore((s) => s.use);
  const persisted = useWorkspaceStore((s) => s.persisted);
  const persistAnswer = useWorkspaceStore((s) => s.persistAnswer);
  const cleared = useWorkspaceStore((s) => s.cleared);
  const empty = useDocumentsStore((s) => s.documents.length === 0);
  const busy = useIndexStore((s) => isIndexBusy(s.phase));
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void refreshStorageUse();
  }, []);

  return (
    <section className="workspace" aria-labelledby="workspace-title">
      <h3 id="workspace-title">{t('workspace.title')}</h3>
      {status === 'restoring' ? (
        <p className="muted small" role="status">
          {t('workspace.restoring')}
        </p>
      ) : (
        status === 'ready' && <p className="muted small">{t('workspace.explain')}</p>
      )}
      {problem && (
        <Alert level="error" onDismiss={() => useWorkspaceStore.setState({ problem: null })}>
          <MessageText message={problem} />
        </Alert>
      )}
      {status !== 'unavailable' && (
        <>
          <p className="small" data-testid="storage-use">
            {use
              ? t('workspace.usage', { used: formatBytes(use.usageBytes, i18n.language), quota: formatBytes(use.quotaBytes, i18n.language) })
              : t('workspace.usageUnknown')}
          </p>
          {persistAnswer === null && persisted !== null && <p className="small muted">{t(persisted ? 'workspace.persisted' : 'workspace.notPersisted')}</p>}
          {persistAnswer !== null && (
            <p className="small" role="status" data-testid="persist-answer">
              {t(persistAnswer ? 'workspace.persistGranted' : 'workspace.persistDenied')}
            </p>
          )}
        </>
      )}
      <div className="row">
        {status !== 'unavailable' && persisted !== true && (
          <button type="button" className="secondary" onClick={() => void requestPersistentStorage()}>
            {t('workspace.persist')}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} title={busy ? t('workspace.clearBusy') : undefined} onClick={() => setConfirming(true)}>
          {t('workspace.clear')}
        </button>
      </div>
      <WorkspaceTransfer />
      <ProductionPanel />
      {cleared && empty && (
        <Alert level="info" onDismiss={() => useWorkspaceStore.setState({ cleared: false })}>
          {t('workspace.cleared')}
        </Alert>
      )}
      <ClearWorkspaceDialog open={confirming} onClose={() => setConfirming(false)} />
    </section>
  );
}
