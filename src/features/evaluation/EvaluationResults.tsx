// The metrics table: hit rate@k and MRR per configuration, a way into each one's questions, and the
// CSV exports.
import { useTranslation } from 'react-i18next';
import { useEvaluationStore, type ConfigurationRun } from '../../state/evaluation/evaluationStore';
import type { ConfigurationResult } from '@openbook/core/evaluation/results';
import { MessageText } from '../../ui/MessageText';
import { formatNumber } from '@openbook/core/format';
import { configurationColumns, describeConfiguration, type IndexDefaults } from './describeConfiguration';
import { downloadText } from '../../ui/download';
import { ProductionExportButton } from '../workspace';
import { useIndexStore } from '../../state/embedding/indexStore';
import { settingsKey } from '@openbook/core/chunkers/settings';
import { keywordAnalysisOf, keywordHeadersOf } from '@openbook/core/evaluation/configuration';
import { BarChart } from '../../ui/BarChart';

const NO_INDEX: IndexDefaults = { modelId: null, chunking: null };

/** The CSV writer (and its CSV library) is loaded on the first export, not with the first screen. */
async function exportCsv(runs: ConfigurationRun[], index: IndexDefaults, kind: 'summary' | 'details') {
  const { detailsCsv, summaryCsv } = await import('@openbook/core/evaluation/resultsCsv');
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
  const indexedModelId = useIndexStore((s) => s.indexedModelId);
  const indexedChunking = useIndexStore((s) => s.indexedChunking);
  const indexedHeaders = useIndexStore((s) => s.indexedHeaders);
  if (runs.length === 0) return null;
  const anyResult = runs.some((r) => r.result);
  // The best configuration: highest MRR, then hit rate; the first of equals.
  let best: { run: ConfigurationRun; number: number } | null = null;
  runs.forEach((r, i) => {
    const m = r.result?.metrics;
    const b = best?.run.result?.metrics;
    if (m && m.mrr !== null && (!b || b.mrr === null || m.mrr > b.mrr || (m.mrr === b.mrr && (m.hitRate ?? 0) > (b.hitRate ?? 0))))
      best = { run: r, number: i + 1 };
  });
  const bestRun = best as { run: ConfigurationRun; number: number } | null;
  // Its vectors are the index's only when it used the index's model and chunks.
  const bestMatchesIndex =
    !!bestRun &&
    !!indexedModelId &&
    (bestRun.run.configuration.embeddingModelId === null || bestRun.run.configuration.embeddingModelId === indexedModelId) &&
    (bestRun.run.configuration.chunking === null || (!!indexedChunking && settingsKey(bestRun.run.configuration.chunking) === settingsKey(indexedChunking))) &&
    // A configuration that embedded headers otherwise than the index did has vectors of its own.
    !(bestRun.run.configuration.mode !== 'keyword' && (bestRun.run.configuration.embedHeaders ?? false) !== indexedHeaders);

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
      {bestRun && (
        <div className="best-configuration" data-testid="best-configuration">
          <p className="small">
            {t('productionExport.best', {
              number: bestRun.number,
              name: describeConfiguration(t, bestRun.run.configuration, index),
              mrr: metric(bestRun.run.result?.metrics.mrr ?? null),
            })}
          </p>
          <ProductionExportButton
            ariaLabel={t('productionExport.exportBestLabel', { number: bestRun.number })}
            disabled={!bestMatchesIndex}
            overrides={{
              mode: bestRun.run.configuration.mode,
              topK: bestRun.run.configuration.topK,
              rerankModelId: bestRun.run.configuration.rerankModelId,
              // Its retrieval techniques (embedded headers need an index of their own: then the button is off).
              keywordAnalysis: keywordAnalysisOf(bestRun.run.configuration),
              contextualHeaders: keywordHeadersOf(bestRun.run.configuration),
              parentChild: bestRun.run.configuration.parentChild ?? null,
            }}
          />
          {!bestMatchesIndex && <p className="small muted">{t('productionExport.exportBestNeedsIndex')}</p>}
        </div>
      )}
      {anyResult && (
        <BarChart
          title={t('evalLab.chart.title')}
          description={t('evalLab.chart.description')}
          series={[t('evalLab.chart.hitRate'), t('evalLab.chart.mrr')]}
          groups={runs.map((r, i) => ({
            label: `${i + 1}. ${describeConfiguration(t, r.configuration, index)}`,
            values: [r.result?.metrics.hitRate ?? null, r.result?.metrics.mrr ?? null],
          }))}
          format={(x) => formatNumber(x, i18n.language, 2)}
        />
      )}
      {anyResult && (
        <div className="row">
          <button type="button" className="secondary" onClick={() => void exportCsv(runs, index, 'summary')}>
            {t('evaluation.results.exportSummary')}
          </button>
          <button type="button" className="secondary" onClick={() => void exportCsv(runs, index, 'details')}>
            {t('evaluation.results.exportDetails')}
          </button>
        </div>
      )}
    </div>
  );
}
