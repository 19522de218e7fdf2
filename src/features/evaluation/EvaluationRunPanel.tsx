// Starting an evaluation, its progress (configuration, stage, items done) and cancelling it.
import { useTranslation } from 'react-i18next';
import { useEvaluationStore } from '../../state/evaluation/evaluationStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatNumber } from '@openbook/core/format';

export function EvaluationRunPanel() {
  const { t, i18n } = useTranslation();
  const phase = useEvaluationStore((s) => s.phase);
  const progress = useEvaluationStore((s) => s.progress);
  const error = useEvaluationStore((s) => s.error);
  const notice = useEvaluationStore((s) => s.notice);
  const run = useEvaluationStore((s) => s.run);
  const cancel = useEvaluationStore((s) => s.cancel);
  const running = phase === 'running';
  const n = (x: number) => formatNumber(x, i18n.language);
  const counted = progress && progress.stage !== 'loading-model' && progress.stage !== 'indexing';

  return (
    <div className="evaluation-run">
      <div className="row">
        <button type="button" disabled={running} onClick={() => void run()}>
          {t('evaluation.run')}
        </button>
        {running && (
          <button type="button" className="secondary" onClick={cancel}>
            {t('evaluation.cancel')}
          </button>
        )}
      </div>
      {running && progress && (
        <div data-testid="evaluation-progress">
          <p className="small muted">{t('evaluation.progress.configuration', { n: progress.configuration + 1, total: progress.configurations })}</p>
          <ProgressBar
            label={t(`evaluation.progress.${progress.stage}`)}
            value={counted || progress.total > 0 ? progress.done : undefined}
            max={counted || progress.total > 0 ? progress.total : undefined}
            detail={counted ? t('evaluation.progress.count', { done: n(progress.done), total: n(progress.total) }) : undefined}
          />
        </div>
      )}
      {error && (
        <Alert level="error" onDismiss={() => useEvaluationStore.setState({ error: null })}>
          <MessageText message={error} />
        </Alert>
      )}
      {notice && (
        <Alert level="info" onDismiss={() => useEvaluationStore.setState({ notice: null })}>
          <MessageText message={notice} />
        </Alert>
      )}
    </div>
  );
}
