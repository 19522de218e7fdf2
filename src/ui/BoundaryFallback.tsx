// What an error boundary shows instead of a part that failed: the error, and the ways out (try again,
// reset settings (then the page reloads with the defaults), clear workspace (asked first, as in the
// Workspace area), export what can be read),
// each saying how it went.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportReadable, resetSettings } from '../state/workspace/recovery';
import { useWorkspaceStore } from '../state/workspace/workspaceStore';
import { ClearWorkspaceDialog } from './ClearWorkspaceDialog';
import { downloadBlob } from './download';

interface Props {
  scope: 'step' | 'app';
  name: string;
  detail: string;
  onRetry: () => void;
}

type Outcome = { key: string } | null;

export function BoundaryFallback({ scope, name, detail, onRetry }: Props) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [working, setWorking] = useState(false);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [askedToClear, setAskedToClear] = useState(false);
  const cleared = useWorkspaceStore((s) => s.cleared);
  const clearProblem = useWorkspaceStore((s) => s.problem);

  const act = async (work: () => Promise<Outcome>) => {
    setWorking(true);
    try {
      setOutcome(await work());
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="alert alert-error boundary-fallback" role="alert" data-boundary={name}>
      <div className="alert-body">
        <p>
          <strong>{t(scope === 'app' ? 'resilience.boundary.appTitle' : 'resilience.boundary.stepTitle')}</strong>
        </p>
        <p>{t(scope === 'app' ? 'resilience.boundary.appBody' : 'resilience.boundary.body', { detail })}</p>
        <div className="row">
          <button type="button" onClick={onRetry} disabled={working}>
            {t('resilience.boundary.retry')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={working}
            onClick={() => {
              // At once, before a store writes its current values back: the page starts again with the defaults.
              resetSettings();
              location.reload();
            }}
          >
            {t('resilience.boundary.resetSettings')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={working}
            onClick={() => {
              setAskedToClear(true);
              setConfirmingClear(true);
            }}
          >
            {t('resilience.boundary.clearWorkspace')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={working}
            onClick={() =>
              void act(async () => {
                const saved = await exportReadable(downloadBlob);
                return {
                  key:
                    saved === 'workspace'
                      ? 'resilience.boundary.exportedWorkspace'
                      : saved === 'texts'
                        ? 'resilience.boundary.exportedTexts'
                        : 'resilience.boundary.nothingToExport',
                };
              })
            }
          >
            {t('resilience.boundary.exportReadable')}
          </button>
        </div>
        {outcome && <p role="status">{t(outcome.key)}</p>}
        {askedToClear && cleared && <p role="status">{t('resilience.boundary.cleared')}</p>}
        {askedToClear && clearProblem && <p>{t(clearProblem.key, clearProblem.values ?? {})}</p>}
        {/* The same question as the Workspace area's Clear: everything goes, with no undo. */}
        <ClearWorkspaceDialog open={confirmingClear} onClose={() => setConfirmingClear(false)} />
      </div>
    </div>
  );
}
