// Chunk size and overlap controls; an invalid value is shown with its reason and not applied.
import { useTranslation } from 'react-i18next';
import { useChunkingStore } from '../../state/chunkingStore';
import { Alert } from '../../ui/Alert';

export function ChunkSettings() {
  const { t } = useTranslation();
  const draft = useChunkingStore((s) => s.draft);
  const error = useChunkingStore((s) => s.draftError);
  const setDraft = useChunkingStore((s) => s.setDraft);
  const pending = useChunkingStore((s) => s.pending);
  const failure = useChunkingStore((s) => s.failure);

  const numberFrom = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

  return (
    <div className="chunk-settings">
      <div className="row">
        <label>
          {t('chunks.size')}
          <input
            type="number"
            min={20}
            step={10}
            value={Number.isNaN(draft.chunkSize) ? '' : draft.chunkSize}
            onChange={(e) => setDraft({ ...draft, chunkSize: numberFrom(e.target.value) })}
          />
        </label>
        <label>
          {t('chunks.overlap')}
          <input
            type="number"
            min={0}
            step={10}
            value={Number.isNaN(draft.overlap) ? '' : draft.overlap}
            onChange={(e) => setDraft({ ...draft, overlap: numberFrom(e.target.value) })}
          />
        </label>
      </div>
      <p className="muted small">{t('chunks.unitsHint')}</p>
      {error && <Alert level="error">{t(`chunks.errors.${error}`)}</Alert>}
      {pending > 0 && (
        <p className="muted small" role="status">
          {t('chunks.pending', { count: pending })}
        </p>
      )}
      {failure && <Alert level="error">{t('chunks.failed', { detail: failure })}</Alert>}
    </div>
  );
}
