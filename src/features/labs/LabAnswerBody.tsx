// One lab answer: its text as it streams, what became of it (waiting, skipped, stopped, failed), the chunks
// it cites, and the prompt it was answered from.
import { useTranslation } from 'react-i18next';
import { citedNumbers } from '@openbook/core/labs/leaveOneOut';
import type { SeriesAnswer } from '../../state/generation/answerSeries';

interface Props {
  answer: SeriesAnswer;
  /** The highest chunk number the prompt holds (citations above it are not chunks). */
  chunkCount: number;
  testId: string;
  /** The prompt as sent, shown folded; omitted where the row shows it elsewhere. */
  showPrompt?: boolean;
}

export function LabAnswerBody({ answer, chunkCount, testId, showPrompt = true }: Props) {
  const { t } = useTranslation();
  const { status } = answer;
  const cited = citedNumbers(answer.answer, chunkCount);
  const note = status === 'waiting' || status === 'skipped' || status === 'failed' ? t(`labs.status.${status}`) : null;
  return (
    <>
      {note && !answer.answer ? (
        <p className="muted small" data-testid={`${testId}-status`}>
          {note}
        </p>
      ) : (
        <div className="answer-text" aria-busy={status === 'generating'} data-testid={testId}>
          {answer.answer}
          {status === 'generating' && <span className="cursor" aria-hidden="true" />}
        </div>
      )}
      {status === 'stopped' && <p className="muted small">{t('labs.status.stopped')}</p>}
      {status === 'done' && (
        <p className="muted small">{cited.length ? t('labs.cites', { list: cited.map((n) => `[${n}]`).join(' ') }) : t('labs.citesNothing')}</p>
      )}
      {showPrompt && <LabPrompt prompt={answer.prompt} />}
    </>
  );
}

/** The prompt an answer was given, folded. */
export function LabPrompt({ prompt }: { prompt: string }) {
  const { t } = useTranslation();
  return (
    <details className="lab-prompt">
      <summary className="small">{t('labs.promptAsSent')}</summary>
      <pre className="small">{prompt}</pre>
    </details>
  );
}
