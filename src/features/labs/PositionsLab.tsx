// "Lost in the middle": the chunk that holds the answer placed first, in the middle and last among the
// others, one answer for each position, side by side with the prompt each was answered from.
import { useTranslation } from 'react-i18next';
import { compareAnswers } from '@openbook/core/labs/answerComparison';
import { distinctPositions } from '@openbook/core/labs/contextOrder';
import { runPositionsLab } from '../../state/flows/labs';
import { useLabStore, type PositionAnswer } from '../../state/labs/labStore';
import { LabAnswerBody, LabPrompt } from './LabAnswerBody';
import { LabProgress } from './LabProgress';
import { useLabAvailability } from './labAvailability';

const START_LENGTH = 60;
const startOf = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > START_LENGTH ? `${flat.slice(0, START_LENGTH)}…` : flat;
};

function PositionPane({ answer, first, count }: { answer: PositionAnswer; first: PositionAnswer | undefined; count: number }) {
  const { t } = useTranslation();
  const label = t(`labs.positions.position.${answer.position}`);
  const compared = first && first !== answer && first.status === 'done' && answer.status === 'done' ? compareAnswers(first.answer, answer.answer) : null;
  return (
    <section className="comparison-pane" aria-label={label} data-testid={`position-${answer.position}`}>
      <h4>{label}</h4>
      <p className="muted small">{t('labs.positions.placed', { n: answer.targetNumber, count })}</p>
      <LabAnswerBody answer={answer} chunkCount={count} testId={`position-${answer.position}-text`} showPrompt={false} />
      {compared && (
        <p className="small" data-testid={`position-${answer.position}-change`}>
          {compared.changed ? t('labs.positions.differsFromFirst') : t('labs.positions.sameAsFirst')}{' '}
          {compared.changed && <span className="muted">{t('labs.overlap', { percent: `${Math.round(compared.overlap * 100)}%` })}</span>}
        </p>
      )}
      <LabPrompt prompt={answer.prompt} />
    </section>
  );
}

export function PositionsLab() {
  const { t, i18n } = useTranslation();
  const { ranked, ready, busy } = useLabAvailability();
  const target = useLabStore((s) => s.target);
  const run = useLabStore((s) => s.positions);
  const setTarget = useLabStore((s) => s.setTarget);
  const chosen = target < ranked.length ? target : 0;
  const positions = distinctPositions(ranked.length);
  return (
    <details className="lab" id="lab-positions">
      <summary>{t('labs.positions.title')}</summary>
      <p className="small">{t('labs.positions.help')}</p>
      <div className="row align-end">
        <label className="grow">
          {t('labs.positions.target')}
          <select value={chosen} disabled={!ready || busy} onChange={(e) => setTarget(Number(e.target.value))}>
            {ranked.map((chunk, i) => (
              <option key={i} value={i}>
                {t('labs.positions.targetOption', { rank: i + 1, source: chunk.source, start: startOf(chunk.text) })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!ready || busy || positions.length < 2} onClick={() => void runPositionsLab(i18n.language)}>
          {t('labs.positions.run')}
        </button>
      </div>
      {ready && positions.length < 3 && <p className="muted small">{t('labs.positions.fewChunks', { count: ranked.length })}</p>}
      {run && (
        <>
          <LabProgress answers={run.answers} testId="positions-progress" />
          <p className="small muted">{t('labs.question', { question: run.question })}</p>
          <div className="lab-answers" role="region" aria-label={t('labs.positions.answers')}>
            {run.answers.map((answer) => (
              <PositionPane key={answer.position} answer={answer} first={run.answers[0]} count={run.chunks.length} />
            ))}
          </div>
        </>
      )}
    </details>
  );
}
