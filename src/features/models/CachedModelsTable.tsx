// The cached models, one row each: id, engine, number of files, total size, and a Delete button.
import { useTranslation } from 'react-i18next';
import type { CachedModel } from '@openbook/core/cachedModels';
import { formatBytes } from '@openbook/core/format';

interface Props {
  models: CachedModel[];
  busy: boolean;
  onDelete: (id: string) => void;
}

export function CachedModelsTable({ models, busy, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <table className="models-table" aria-label={t('models.tableLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('models.model')}</th>
          <th scope="col">{t('models.engine')}</th>
          <th scope="col">{t('models.files')}</th>
          <th scope="col">{t('models.size')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('models.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.id}>
            <td>{m.id.startsWith('webllm-lib:') ? t('models.library', { model: m.id.slice('webllm-lib:'.length) }) : m.id}</td>
            <td>{m.engine}</td>
            <td>{m.entries.length}</td>
            <td data-bytes={m.bytes}>{formatBytes(m.bytes, i18n.language)}</td>
            <td>
              <button type="button" className="secondary" disabled={busy} onClick={() => onDelete(m.id)} aria-label={t('models.deleteLabel', { model: m.id })}>
                {t('models.delete')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
