// "Models and storage": the models this browser keeps (embedding and chat, from transformers.js and
// WebLLM) with their sizes, each deletable after a confirmation; the space used and available; and
// importing a model folder from disk (a model pack on a USB stick) so that it loads with no network.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteCachedModel, importModelFolder, refreshCachedModels, useModelCacheStore } from '../../state/models/modelCacheStore';
import { useWorkspaceStore } from '../../state/workspace/workspaceStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatBytes } from '@openbook/core/format';
import { DeleteModelDialog } from './DeleteModelDialog';
import { CachedModelsTable } from './CachedModelsTable';
import { OfflineRuntimes } from '../offline';
import { refreshOfflineRuntimes } from '../../state/runtime/offlineStore';

/** The files of a folder chosen with webkitdirectory, with their paths inside the chosen folder. */
function folderFiles(list: FileList): { path: string; file: File }[] {
  return [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

export function ModelsPanel() {
  const { t, i18n } = useTranslation();
  const { models, available, busy, importing, notice, error } = useModelCacheStore();
  const use = useWorkspaceStore((s) => s.use);
  const [confirming, setConfirming] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void refreshCachedModels();
  }, []);

  return (
    <details
      id="models-panel"
      className="models-panel"
      onToggle={(e) => {
        if (!e.currentTarget.open) return;
        void refreshCachedModels();
        // The runtimes used since the page opened are kept by now: say so.
        void refreshOfflineRuntimes().catch(() => undefined);
      }}
    >
      <summary>{t('models.title')}</summary>
      {!available ? (
        <p className="muted small">{t('models.unavailable')}</p>
      ) : (
        <>
          <p className="small" data-testid="models-storage">
            {use
              ? t('models.storage', { used: formatBytes(use.usageBytes, i18n.language), quota: formatBytes(use.quotaBytes, i18n.language) })
              : t('workspace.usageUnknown')}
          </p>
          {error && (
            <Alert level="error" onDismiss={() => useModelCacheStore.setState({ error: null })}>
              <MessageText message={error} />
            </Alert>
          )}
          {notice && (
            <Alert level="info" onDismiss={() => useModelCacheStore.setState({ notice: null })}>
              <MessageText message={notice} />
            </Alert>
          )}
          {models && models.length === 0 && <p className="muted small">{t('models.none')}</p>}
          {models && models.length > 0 && <CachedModelsTable models={models} busy={busy} onDelete={setConfirming} />}
          <div className="row">
            <button type="button" className="secondary" disabled={busy} onClick={() => void refreshCachedModels()}>
              {t('models.refresh')}
            </button>
            <input
              ref={input}
              type="file"
              className="visually-hidden"
              aria-label={t('models.importFolder')}
              tabIndex={-1}
              multiple
              {...{ webkitdirectory: '' }}
              onChange={(e) => {
                const list = e.currentTarget.files;
                if (list && list.length > 0) void importModelFolder(folderFiles(list));
                e.currentTarget.value = '';
              }}
            />
            <button type="button" className="secondary" disabled={busy} onClick={() => input.current?.click()}>
              {t('models.importFolder')}
            </button>
          </div>
          <p className="muted small">{t('models.importHelp')}</p>
          {importing && (
            <ProgressBar value={importing.done} max={importing.total} label={t('models.importing', { done: importing.done, total: importing.total })} />
          )}
          <OfflineRuntimes />
        </>
      )}
      <DeleteModelDialog
        model={confirming}
        onConfirm={(id) => {
          setConfirming(null);
          void deleteCachedModel(id);
        }}
        onClose={() => setConfirming(null)}
      />
    </details>
  );
}
