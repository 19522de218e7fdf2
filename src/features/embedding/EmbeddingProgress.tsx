// Progress of the model download (bytes per file) and of the chunks embedded. While files are embedded as
// they are added, step 1's display of the pipeline is the one progress display: this one says so instead.
import { useTranslation } from 'react-i18next';
import { isIndexBusy, useIndexStore } from '../../state/embedding/indexStore';
import { usePipelineStore } from '../../state/documents/pipelineStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { ModelDownloadProgress } from '../../ui/ModelDownloadProgress';

export function EmbeddingProgress() {
  const { t } = useTranslation();
  const phase = useIndexStore((s) => s.phase);
  const downloads = useIndexStore((s) => s.downloads);
  const embedded = useIndexStore((s) => s.embedded);
  const indexing = useIndexStore((s) => s.indexing);
  const fitting = useIndexStore((s) => s.fitting);
  const pipelined = usePipelineStore((s) => s.status === 'running');

  const files = Object.values(downloads);
  if (pipelined && isIndexBusy(phase))
    return (
      <p className="muted" role="note">
        {t('ingestStream.progressInStep1')}
      </p>
    );
  return (
    <div className="progress-list">
      {phase === 'fitting' && (
        <ProgressBar
          label={t('embedding.progress.fitting')}
          value={fitting && fitting.total > 0 ? fitting.done : undefined}
          max={fitting && fitting.total > 0 ? fitting.total : undefined}
          detail={
            fitting
              ? `${t(`embedding.progress.fitStage.${fitting.stage}`)} · ${t('embedding.progress.chunksDetail', { done: fitting.done, total: fitting.total })}`
              : undefined
          }
        />
      )}
      {phase === 'loading-model' && <ModelDownloadProgress files={files} preparing={t('embedding.progress.preparing')} />}
      {(phase === 'embedding' || phase === 'indexing') && embedded && (
        <ProgressBar
          label={t('embedding.progress.chunks')}
          value={embedded.done}
          max={embedded.total}
          detail={t('embedding.progress.chunksDetail', { done: embedded.done, total: embedded.total })}
        />
      )}
      {phase === 'indexing' && (
        <ProgressBar
          label={t(indexing?.restoring ? 'embedding.progress.restoring' : 'embedding.progress.indexing')}
          value={indexing?.done}
          max={indexing?.total}
          detail={indexing ? t('embedding.progress.chunksDetail', { done: indexing.done, total: indexing.total }) : undefined}
        />
      )}
    </div>
  );
}
