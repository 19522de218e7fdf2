// How far a lab's series of answers has gone, with Stop while it runs.
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../ui/ProgressBar';
import { seriesProgress } from '../../state/labs/labStore';
import type { SeriesAnswer } from '../../state/generation/answerSeries';
import { useGenerationStore } from '../../state/generation/generationStore';

export function LabProgress({ answers, testId }: { answers: readonly SeriesAnswer[]; testId: string }) {
  const { t } = useTranslation();
  const { done, total } = seriesProgress(answers);
  const running = answers.some((a) => a.status === 'generating');
  if (total === 0) return null;
  return (
    <div className="row lab-progress" data-testid={testId}>
      <div className="grow">
        <ProgressBar label={t('labs.progress')} value={done} max={total} detail={t('labs.progressCount', { done, total })} />
      </div>
      {running && (
        <button type="button" className="danger" onClick={() => void useGenerationStore.getState().stop()}>
          {t('labs.stop')}
        </button>
      )}
    </div>
  );
}
