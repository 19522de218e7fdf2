// The metrics table: hit rate@k and MRR per configuration, a way into each one's questions, and the
// CSV exports.
import { useTranslation } from 'react-i18next';
import { useEvaluationStore, type ConfigurationRun } from '../../state/evaluationStore';
import { detailsCsv, summaryCsv } from '../../core/evaluation/resultsCsv';
import type { ConfigurationResult } from '../../core/evaluation/results';
import { MessageText } from '../../ui/MessageText';
import { formatNumber } from '../../core/format';
import { configurationColumns, describeConfiguration, type IndexDefaults } from './describeConfiguration';
import { downloadText } from '../../ui/download';

const NO_INDEX: IndexDefaults = { modelId: null, chunking: null };

function exportCsv(runs: ConfigurationRun[], index: IndexDefaults, kind: 'summary' | 'details') {
  const done = runs.filter((r): r is ConfigurationRun & { result: ConfigurationResult } => r.result !== null);
  const numberOf = new Map(runs.map((r, i) => [r.configuration.id, i + 1]));
  const byId = new Map(runs.map((r) => [r.configuration.id, r.configuration]));
  const describe = (id: string) => configurationColumns(numberOf.get(id) ?? 0, byId.get(id)!, index);
  const results = done.map((r) => r.result);
  const csv = kind === 'summary' ? summaryCsv(results, describe) : detailsCsv(results, describe);
  const date = new Date().toISOString().slice(0, 10);
  downloadText(csv, `openbook-evaluation-${kind === 'summary' ? 'results' : 'questions'}-${date}.csv`);
}

export function EvaluationResults() {
  const { t, i18n } = useTranslation();
  const runs = useEvaluationStore((s) => s.runs);
  const index = useEvaluationStore((s) => s.ranWith) ?? NO_INDEX;
  const drilldownId = useEvaluationStore((s) => s.drilldownId);
  const show = useEvaluationStore((s) => s.showDrilldown);
  const metric = (x: number | null) => (x === null ? '—' : formatNumber(x, i18n.language, 3));
  if (runs.length === 0) return null;
  const anyResult = runs.some((r) => r.result);

  return (
    <div className="evaluation-results">
      <h3>{t('evaluation.results.title')}</h3>
      <div className="table-wrap" tabIndex={0}>
        <table className="results metrics-table">
          <caption>{t('evaluation.results.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evaluation.results.configuration')}</th>
              <th scope="col">{t('evaluation.results.questions')}</th>
              <th scope="col" title={t('evaluation.results.hitRateHelp')}>
                {t('evaluation.results.hitRate')}
              </th>
              <th scope="col" title={t('evaluation.results.mrrHelp')}>
                {t('evaluation.results.mrr')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('evaluation.results.show')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r, i) => (
              <tr key={r.configuration.id} aria-current={r.configuration.id === drilldownId || undefined}>
                <th scope="row">
                  {i + 1}. {describeConfiguration(t, r.configuration, index)}
                </th>
                {r.result ? (
                  <>
                    <td>{t('evaluation.results.hits', { hits: r.result.metrics.hits, count: r.result.metrics.questions })}</td>
                    <td className="metric" data-metric="hit-rate" data-value={r.result.metrics.hitRate ?? ''}>
                      {metric(r.result.metrics.hitRate)}
                    </td>
                    <td className="metric" data-metric="mrr" data-value={r.result.metrics.mrr ?? ''}>
                      {metric(r.result.metrics.mrr)}
                    </td>
                    <td>
                      {r.configuration.id === drilldownId ? (
                        <span className="muted small">{t('evaluation.results.showing')}</span>
                      ) : (
                        <button type="button" className="link-button" onClick={() => show(r.configuration.id)}>
                          {t('evaluation.results.show')}
                        </button>
                      )}
                    </td>
                  </>
                ) : (
                  <td colSpan={4} className="danger-text">
                    {t('evaluation.results.failed')}
                    {r.error && <MessageText message={r.error} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {anyResult && (
        <div className="row">
          <button type="button" className="secondary" onClick={() => exportCsv(runs, index, 'summary')}>
            {t('evaluation.results.exportSummary')}
          </button>
          <button type="button" className="secondary" onClick={() => exportCsv(runs, index, 'details')}>
            {t('evaluation.results.exportDetails')}
          </button>
        </div>
      )}
    </div>
  );
}
