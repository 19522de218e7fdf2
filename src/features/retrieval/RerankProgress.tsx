// The reranker's download (bytes per file) and the candidates scored so far, with a Cancel button.
import { useTranslation } from 'react-i18next';
import { useRerankStore } from '../../state/retrieval/rerankStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatBytes } from '../../core/format';

export function RerankProgress() {
  const { t, i18n } = useTranslation();
  const phase = useRerankStore((s) => s.phase);
  const downloads = useRerankStore((s) => s.downloads);
  const scored = useRerankStore((s) => s.scored);
  const cancel = useRerankStore((s) => s.cancel);
  if (phase === 'idle') return null;

  const files = Object.values(downloads);
  return (
    <div className="progress-list" data-testid="rerank-progress">
      {phase === 'loading' && files.length === 0 && <ProgressBar label={t('rerank.progress.preparing')} />}
      {phase === 'loading' &&
        files.map((f) => (
          <ProgressBar
            key={f.file}
            label={t('rerank.progress.download', { file: f.file })}
            value={f.loadedBytes}
            max={f.totalBytes}
            detail={
              f.done
                ? t('rerank.progress.fileDone', { size: formatBytes(f.totalBytes, i18n.language) })
                : `${formatBytes(f.loadedBytes, i18n.language)} / ${formatBytes(f.totalBytes, i18n.language)}`
            }
          />
        ))}
      {phase === 'reranking' && scored && (
        <ProgressBar
          label={t('rerank.progress.scoring')}
          value={scored.done}
          max={scored.total}
          detail={t('rerank.progress.scoringDetail', { done: scored.done, total: scored.total })}
        />
      )}
      <div className="row">
        <button type="button" className="secondary" onClick={cancel}>
          {t('rerank.cancel')}
        </button>
      </div>
    </div>
  );
}
