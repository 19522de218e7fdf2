// The reranker's download (bytes per file) and the candidates scored so far, with a Cancel button.
import { useTranslation } from 'react-i18next';
import { useRerankStore } from '../../state/retrieval/rerankStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { ModelDownloadProgress } from '../../ui/ModelDownloadProgress';

export function RerankProgress() {
  const { t } = useTranslation();
  const phase = useRerankStore((s) => s.phase);
  const downloads = useRerankStore((s) => s.downloads);
  const scored = useRerankStore((s) => s.scored);
  const cancel = useRerankStore((s) => s.cancel);
  if (phase === 'idle') return null;

  const files = Object.values(downloads);
  return (
    <div className="progress-list" data-testid="rerank-progress">
      {phase === 'loading' && <ModelDownloadProgress files={files} preparing={t('rerank.progress.preparing')} />}
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
