// "Which chunk did the answer use?": the answer with every chunk, then the question answered again with
// each chunk left out; each removal marked changed or unchanged (and how much), beside whether the full
// answer cites that chunk. It costs k + 1 answers, said before it starts; Stop ends it.
import { useTranslation } from 'react-i18next';
import { attribute, type ChunkAttribution } from '@openbook/core/labs/leaveOneOut';
import { runLeaveOneOut } from '../../state/flows/labs';
import { useLabStore, type LeaveOneOutAnswer } from '../../state/labs/labStore';
import { LabAnswerBody } from './LabAnswerBody';
import { LabProgress } from './LabProgress';
import { useLabAvailability } from './labAvailability';

function ChangeCell({ row }: { row: ChunkAttribution | undefined }) {
  const { t } = useTranslation();
  if (!row) return <span className="muted">{t('labs.leaveOneOut.pending')}</span>;
  return (
    <>
      <span className={row.changed ? 'badge changed' : 'badge'}>{row.changed ? t('labs.leaveOneOut.changed') : t('labs.leaveOneOut.unchanged')}</span>
      {row.changed && <span className="muted small"> {t('labs.overlap', { percent: `${Math.round(row.overlap * 100)}%` })}</span>}
    </>
  );
}

function attributionOf(answers: readonly LeaveOneOutAnswer[], count: number): ChunkAttribution[] {
  const [full, ...without] = answers;
  if (full?.status !== 'done') return [];
  return attribute(
    full.answer,
    without.map((a) => (a.status === 'done' ? a.answer : null)),
    count,
  );
}

export function LeaveOneOutLab() {
  const { t, i18n } = useTranslation();
  const { ranked, ready, busy } = useLabAvailability();
  const run = useLabStore((s) => s.leaveOneOut);
  const k = ranked.length;
  const rows = run ? attributionOf(run.answers, run.chunks.length) : [];
  const byNumber = new Map(rows.map((r) => [r.chunkNumber, r]));
  const finished = !!run?.answers.every((a) => a.status !== 'generating' && a.status !== 'waiting');
  const changed = rows.filter((r) => r.changed).map((r) => `[${r.chunkNumber}]`);
  const full = run?.answers[0];
  return (
    <details className="lab" id="lab-leave-one-out">
      <summary>{t('labs.leaveOneOut.title')}</summary>
      <p className="small">{t('labs.leaveOneOut.help')}</p>
      {k > 0 && (
        <p className="small" data-testid="leave-one-out-cost">
          {t('labs.leaveOneOut.cost', { count: k, total: k + 1 })}
        </p>
      )}
      <div className="row">
        <button type="button" disabled={!ready || busy} onClick={() => void runLeaveOneOut(i18n.language)}>
          {k > 0 ? t('labs.leaveOneOut.run', { total: k + 1 }) : t('labs.leaveOneOut.runPlain')}
        </button>
      </div>
      {run && full && (
        <>
          <LabProgress answers={run.answers} testId="leave-one-out-progress" />
          <p className="small muted">{t('labs.question', { question: run.question })}</p>
          <section className="lab-full" aria-label={t('labs.leaveOneOut.full')}>
            <h4>{t('labs.leaveOneOut.full')}</h4>
            <LabAnswerBody answer={full} chunkCount={run.chunks.length} testId="leave-one-out-full" />
          </section>
          {finished && full.status === 'done' && rows.length > 0 && (
            <p className="small" role="status" data-testid="leave-one-out-summary">
              {changed.length ? t('labs.leaveOneOut.summarySome', { list: changed.join(' ') }) : t('labs.leaveOneOut.summaryNone')}
            </p>
          )}
          <div className="table-wrap">
            <table className="results lab-table" aria-label={t('labs.leaveOneOut.table')}>
              <caption>{t('labs.leaveOneOut.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('labs.leaveOneOut.column.chunk')}</th>
                  <th scope="col">{t('labs.leaveOneOut.column.cited')}</th>
                  <th scope="col">{t('labs.leaveOneOut.column.change')}</th>
                  <th scope="col">{t('labs.leaveOneOut.column.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {run.answers.slice(1).map((answer, i) => {
                  const row = byNumber.get(i + 1);
                  return (
                    <tr key={i} data-testid="leave-one-out-row">
                      <th scope="row">
                        [{i + 1}] <span className="muted small">{run.chunks[i]?.source}</span>
                      </th>
                      <td data-testid="leave-one-out-cited">
                        {full.status === 'done' ? (row?.cited ? t('labs.leaveOneOut.cited') : t('labs.leaveOneOut.notCited')) : ''}
                      </td>
                      <td data-testid="leave-one-out-change">
                        <ChangeCell row={row} />
                      </td>
                      <td>
                        <LabAnswerBody answer={answer} chunkCount={run.chunks.length} testId={`leave-one-out-answer-${i + 1}`} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </details>
  );
}
