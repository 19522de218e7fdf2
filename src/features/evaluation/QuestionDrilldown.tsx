// One configuration's questions: what was expected, the rank of the first relevant chunk, and every
// chunk that came back with its document, position, score and whether it was relevant.
import { useTranslation } from 'react-i18next';
import { useEvaluationStore } from '../../state/evaluation/evaluationStore';
import { formatNumber } from '@openbook/core/format';
import { describeConfiguration } from './describeConfiguration';

export function QuestionDrilldown() {
  const { t, i18n } = useTranslation();
  const run = useEvaluationStore((s) => s.runs.find((r) => r.configuration.id === s.drilldownId && r.result));
  const index = useEvaluationStore((s) => s.ranWith) ?? { modelId: null, chunking: null };
  if (!run?.result) return null;
  const { result, configuration } = run;
  const n = (x: number) => formatNumber(x, i18n.language);

  return (
    <div className="drilldown">
      <div className="table-wrap" tabIndex={0}>
        <table className="results drilldown-table">
          <caption>{t('evaluation.drilldown.title', { configuration: describeConfiguration(t, configuration, index) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evaluation.drilldown.question')}</th>
              <th scope="col">{t('evaluation.drilldown.expected')}</th>
              <th scope="col">{t('evaluation.drilldown.firstRank')}</th>
              <th scope="col">{t('evaluation.drilldown.retrieved')}</th>
            </tr>
          </thead>
          <tbody>
            {result.questions.map((q, i) => (
              <tr key={q.question.id} className={q.hit ? 'hit' : 'miss'}>
                <th scope="row">
                  {i + 1}. {q.question.question}
                </th>
                <td>
                  <div>{q.question.expectedDocument ?? <span className="muted">{t('evaluation.drilldown.anyDocument')}</span>}</div>
                  {q.question.expectedSubstring && <q className="small">{q.question.expectedSubstring}</q>}
                </td>
                <td data-testid="first-relevant-rank">
                  {q.firstRelevantRank ?? <span className="muted">{t('evaluation.drilldown.noHit', { k: result.k })}</span>}
                </td>
                <td>
                  {q.retrieved.length === 0 ? (
                    <span className="muted">{t('evaluation.drilldown.nothing')}</span>
                  ) : (
                    <ol className="retrieved-list" aria-label={t('evaluation.drilldown.retrievedLabel', { n: i + 1 })}>
                      {q.retrieved.map((r) => (
                        <li key={r.chunkId} className={r.relevant ? 'relevant' : undefined} title={r.text}>
                          {t('evaluation.drilldown.result', {
                            rank: r.rank,
                            document: r.documentName,
                            index: n(r.chunkIndex + 1),
                            score: formatNumber(r.score, i18n.language, 3),
                          })}{' '}
                          <span className={r.relevant ? 'badge relevant-badge' : 'muted small'}>
                            {r.relevant ? t('evaluation.drilldown.relevant') : t('evaluation.drilldown.notRelevant')}
                          </span>
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
