// What each score of this run means, in a disclosure under the results' heading: open it by click, tap or
// keyboard (no hover needed), for the scores this run shows only.
import { useTranslation } from 'react-i18next';
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import type { ScoreStage } from '@openbook/core/retrieval/stages';
import { formatNumber } from '@openbook/core/format';
import { scoreLabel } from './ResultScores';

export function ScoreHelp({ config, stages }: { config: RetrievalConfig; stages: ScoreStage[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const help = (stage: ScoreStage) => {
    if (stage !== 'fused') return t(`results.scoreHelp.${stage}`);
    if (config.fusion === 'rrf') return t('results.scoreHelp.rrf');
    return t('results.scoreHelp.weighted', { vector: formatNumber(config.vectorWeight, locale, 2), keyword: formatNumber(1 - config.vectorWeight, locale, 2) });
  };
  return (
    <details className="score-help small">
      <summary>{t('results.scoreHelpTitle')}</summary>
      <dl>
        {stages.map((stage) => (
          <div key={stage}>
            <dt>{scoreLabel(t, config, locale, stage)}</dt>
            <dd>{help(stage)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
