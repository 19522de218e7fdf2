// Switching the embedding model: the index stays the old model's until the new vectors are complete (never
// a mix of both); this offers the re-embedding and says that the old index answers meanwhile.
import { useTranslation } from 'react-i18next';
import { isIndexBusy, useIndexStore } from '../../state/embedding/indexStore';

export function ReembedOffer() {
  const { t } = useTranslation();
  const indexedModelId = useIndexStore((s) => s.indexedModelId);
  const modelId = useIndexStore((s) => s.modelId);
  const phase = useIndexStore((s) => s.phase);
  const embedAndIndex = useIndexStore((s) => s.embedAndIndex);
  const label = useIndexStore((s) => s.models.find((m) => m.id === s.modelId)?.label ?? s.modelId);
  if (!indexedModelId || indexedModelId === modelId) return null;
  if (isIndexBusy(phase) && phase !== 'indexing') {
    return (
      <p className="small muted" role="status" data-testid="old-index-searchable">
        {t('reembed.meanwhile', { model: indexedModelId })}
      </p>
    );
  }
  if (phase === 'indexing') return null;
  return (
    <div className="row">
      <button type="button" className="secondary" onClick={() => void embedAndIndex()}>
        {t('reembed.offer', { model: label })}
      </button>
      <span className="small muted">{t('reembed.keeps')}</span>
    </div>
  );
}
