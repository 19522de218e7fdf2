// Export the workspace to one .zip file, and import such a file in place of the current workspace.
// Both run in a worker: their progress is shown here with a Cancel button (an import can be cancelled
// until it begins to replace the workspace). What became of an import (imported with its counts, refused
// with the reason, or cancelled) is shown right here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIndexBusy, useIndexStore } from '../../state/embedding/indexStore';
import { useWorkspaceStore } from '../../state/workspace/workspaceStore';
import { cancelTransfer, exportCurrentWorkspace, importWorkspaceFile, useTransferStore } from '../../state/workspace/transferStore';
import { workspaceFileName } from '@openbook/core/workspaceFile';
import { message, type Message } from '../../i18n/message';
import { Alert } from '../../ui/Alert';
import { downloadBlob } from '../../ui/download';
import { FileButton } from '../../ui/FileButton';
import { MessageText } from '../../ui/MessageText';
import { TransferProgress } from './TransferProgress';

type Outcome = { level: 'info' | 'error'; lead: Message; reason?: Message };

export function WorkspaceTransfer() {
  const { t } = useTranslation();
  const hasIndex = useIndexStore((s) => s.indexedChunks.size > 0);
  const busy = useIndexStore((s) => isIndexBusy(s.phase));
  // The saved workspace is still coming back: an import now would race with it.
  const restoring = useWorkspaceStore((s) => s.status === 'restoring');
  const [importing, setImporting] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const job = useTransferStore((s) => s.job);

  const exportNow = async () => {
    performance.mark('openbook:export-click'); // marks for scripts/bench-browser.ts
    setOutcome(null);
    const now = new Date();
    const name = workspaceFileName(now);
    const result = await exportCurrentWorkspace(name, now);
    if (!result) return;
    if (result.ok) {
      downloadBlob(result.blob, name);
      performance.mark('openbook:export-downloaded');
    } else if (result.cancelled) setOutcome({ level: 'info', lead: message('transferJob.exportCancelled') });
    else if (result.error) setOutcome({ level: 'error', lead: result.error });
  };

  const importFile = async (file: File) => {
    performance.mark('openbook:import-chosen');
    setOutcome(null);
    setImporting(file.name);
    const name = file.name;
    try {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        setOutcome({ level: 'error', lead: message('workspace.transfer.rejected', { name }), reason: message('workspace.transfer.unreadable') });
        return;
      }
      const result = await importWorkspaceFile(bytes, name);
      setOutcome(
        result.ok
          ? { level: 'info', lead: message('workspace.transfer.imported', { name, documents: result.documents, chunks: result.chunks, model: result.modelId }) }
          : { level: result.cancelled ? 'info' : 'error', lead: message('workspace.transfer.rejected', { name }), reason: result.error },
      );
    } finally {
      setImporting(null);
    }
  };

  const working = busy || restoring || importing !== null || job !== null;
  return (
    <div className="workspace-transfer" data-testid="workspace-transfer">
      <p className="small muted">{t('workspace.transfer.explain')}</p>
      <div className="row">
        <button type="button" className="secondary" disabled={!hasIndex || working} onClick={() => void exportNow()}>
          {t('workspace.transfer.export')}
        </button>
        <FileButton inputLabel={t('workspace.transfer.importFile')} accept=".zip,application/zip" disabled={working} onFile={(file) => void importFile(file)}>
          {t('workspace.transfer.import')}
        </FileButton>
      </div>
      {busy ? (
        <p className="small muted">{t('workspace.transfer.busy')}</p>
      ) : (
        !hasIndex && (
          <p className="small muted" data-testid="export-needs-index">
            {t('workspace.transfer.exportNeedsIndex')}
          </p>
        )
      )}
      {importing !== null && (
        <p className="small" role="status">
          {t('workspace.transfer.importing', { name: importing })}
        </p>
      )}
      {job && <TransferProgress job={job} onCancel={cancelTransfer} />}
      {outcome && (
        <Alert level={outcome.level} onDismiss={() => setOutcome(null)}>
          <span data-testid="import-outcome">
            <MessageText message={outcome.lead} /> {outcome.reason && <MessageText message={outcome.reason} />}
          </span>
        </Alert>
      )}
    </div>
  );
}
