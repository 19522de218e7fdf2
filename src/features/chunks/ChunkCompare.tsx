// Two chunkings of the selected document side by side: A (the settings in use, which the index follows)
// and B (its own settings), each with its statistics and its chunks coloured over the text.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chunk, SourceDocument } from '@openbook/core/types';
import { useChunkCompareStore } from '../../state/chunks/chunkCompareStore';
import { Alert } from '../../ui/Alert';
import { ChunkColours } from './ChunkColours';
import { ChunkSettings, useModelLabel } from './ChunkSettings';
import { ChunkStatsPanel } from './ChunkStatsPanel';
import { ChunkerSettingsForm } from './ChunkerSettingsForm';

export function ChunkCompare({ doc, chunksA, keyA }: { doc: SourceDocument; chunksA: Chunk[]; keyA: string }) {
  const { t } = useTranslation();
  const draft = useChunkCompareStore((s) => s.draft);
  const error = useChunkCompareStore((s) => s.draftError);
  const setDraft = useChunkCompareStore((s) => s.setDraft);
  const chunksB = useChunkCompareStore((s) => s.chunks);
  const keyB = useChunkCompareStore((s) => s.key);
  const busy = useChunkCompareStore((s) => s.busy);
  const failure = useChunkCompareStore((s) => s.failure);
  const modelLabel = useModelLabel();
  const idA = useId();
  const idB = useId();
  const currentB = keyB?.startsWith(`${doc.id}|`) ? chunksB : null;

  return (
    <div className="chunk-compare" role="group" aria-label={t('chunkers.compareLabel', { name: doc.name })}>
      <section aria-labelledby={idA}>
        <h3 id={idA}>{t('chunkers.titleA')}</h3>
        <ChunkSettings />
        <ChunkStatsPanel view="a" text={doc.text} chunks={chunksA} chunksKey={keyA} />
        <ChunkColours doc={doc} chunks={chunksA} label={t('chunkers.coloursLabel', { name: `${doc.name} (A)` })} />
      </section>
      <section aria-labelledby={idB}>
        <h3 id={idB}>{t('chunkers.titleB')}</h3>
        <ChunkerSettingsForm value={draft} error={error} onChange={setDraft} modelLabel={modelLabel} />
        {busy && (
          <p className="muted small" role="status">
            {t('chunkers.busyB')}
          </p>
        )}
        {failure && <Alert level="error">{t('chunkers.failedB', { detail: failure })}</Alert>}
        {currentB && keyB && (
          <>
            <ChunkStatsPanel view="b" text={doc.text} chunks={currentB} chunksKey={keyB} />
            <ChunkColours doc={doc} chunks={currentB} label={t('chunkers.coloursLabel', { name: `${doc.name} (B)` })} />
          </>
        )}
      </section>
    </div>
  );
}
