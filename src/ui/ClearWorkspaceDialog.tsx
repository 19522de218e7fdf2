// "Clear workspace" asks first, in a modal dialog: everything saved goes, and there is no undo.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearWorkspace } from '../state/flows/workspaceRestore';

interface Props {
  open: boolean;
  onClose: () => void;
}

export function ClearWorkspaceDialog({ open, onClose }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const confirm = async () => {
    setWorking(true);
    await clearWorkspace();
    setWorking(false);
    onClose();
  };

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby="clear-workspace-title" aria-describedby="clear-workspace-body" onClose={onClose}>
      <h2 id="clear-workspace-title">{t('workspace.confirmTitle')}</h2>
      <p id="clear-workspace-body">{t('workspace.confirmBody')}</p>
      <div className="row">
        <button type="button" className="danger" disabled={working} onClick={() => void confirm()}>
          {t('workspace.confirmClear')}
        </button>
        <button type="button" className="secondary" autoFocus disabled={working} onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
