// The line of timings above the results: how many chunks came back, each search that ran, and the stages
// after them named as they ran (fusion, reranking, threshold, MMR: "reranking and MMR 12 ms"), never a
// stage that did not run.
import type { TFunction } from 'i18next';
import { formatMs } from '@openbook/core/format';
import type { RetrievalRun } from '../../state/retrieval/retrievalStore';

export function retrievalTimingText(t: TFunction, locale: string, run: RetrievalRun): string {
  const { config } = run;
  const later = [
    config.mode === 'hybrid' && 'fusion',
    run.results.some((r) => r.ranks?.rerank !== undefined) && 'rerank',
    config.minScore !== null && 'threshold',
    config.mmrLambda !== null && 'mmr',
  ].filter((s): s is string => s !== false);
  const stages = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(later.map((s) => t(`results.timing.stage.${s}`)));
  return [
    t('search.timing.count', { count: run.results.length }),
    run.engine !== null && t('search.timing.embed', { ms: formatMs(run.embedMs, locale) }),
    run.engine !== null && t('search.timing.vector', { ms: formatMs(run.searchMs, locale), engine: t(`embedding.engine.${run.engine}`) }),
    run.keywordMs !== null && t('search.timing.keyword', { ms: formatMs(run.keywordMs, locale) }),
    later.length > 0 && t('results.timing.later', { stages, ms: formatMs(run.combineMs, locale) }),
    run.allowed !== null && t('search.timing.filtered', { count: run.allowed }),
  ]
    .filter(Boolean)
    .join(' · ');
}
