// Step 2's chunker and settings (chunking A, the one the index uses), with chunking progress and failures.
import { useTranslation } from 'react-i18next';
import { useChunkingStore } from '../../state/chunks/chunkingStore';
import { useIndexStore } from '../../state/embedding/indexStore';
import { Alert } from '../../ui/Alert';
import { ChunkerSettingsForm } from './ChunkerSettingsForm';

export function ChunkSettings() {
  const { t } = useTranslation();
  const draft = useChunkingStore((s) => s.draft);
  const error = useChunkingStore((s) => s.draftError);
  const setDraft = useChunkingStore((s) => s.setDraft);
  const pending = useChunkingStore((s) => s.pending);
  const failure = useChunkingStore((s) => s.failure);
  const modelLabel = useModelLabel();

  return (
    <div data-lesson="chunk-settings">
      <ChunkerSettingsForm value={draft} error={error} onChange={setDraft} modelLabel={modelLabel} />
      {pending > 0 && (
        <p className="muted small" role="status">
          {t('chunks.pending', { count: pending })}
        </p>
      )}
      {failure && <Alert level="error">{t('chunks.failed', { detail: failure })}</Alert>}
    </div>
  );
}

/** The label of the embedding model chosen in step 3, whose tokenizer counts tokens. */
export function useModelLabel(): string | null {
  return useIndexStore((s) => s.models.find((m) => m.id === s.modelId)?.label ?? null);
}
