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

  return (
    <div className="chunk-settings">
      <div className="row">
        <NumberField label={t('chunks.size')} min={20} value={draft.chunkSize} onChange={(chunkSize) => setDraft({ ...draft, chunkSize })} />
        <NumberField label={t('chunks.overlap')} min={0} value={draft.overlap} onChange={(overlap) => setDraft({ ...draft, overlap })} />
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

/** A whole-number input; an empty field is NaN, which validation then names. */
function NumberField({ label, min, value, onChange }: { label: string; min: number; value: number; onChange: (n: number) => void }) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        step={10}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))}
      />
    </label>
  );
}
