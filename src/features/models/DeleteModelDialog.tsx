// Deleting a cached model asks first: it must be downloaded (or imported) again to be used.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  model: string | null;
  onConfirm: (id: string) => void;
  onClose: () => void;
}

export function DeleteModelDialog({ model, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (model && !d.open) d.showModal();
    if (!model && d.open) d.close();
  }, [model]);

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby="delete-model-title" aria-describedby="delete-model-body" onClose={onClose}>
      <h2 id="delete-model-title">{t('models.confirmTitle')}</h2>
      <p id="delete-model-body">{t('models.confirmBody', { model: model ?? '' })}</p>
      <div className="row">
        <button type="button" className="danger" onClick={() => model && onConfirm(model)}>
          {t('models.confirmDelete')}
        </button>
        <button type="button" className="secondary" autoFocus onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
