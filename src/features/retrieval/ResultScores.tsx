// One result's scores in a compact line: each stage that scored it, named in words with its range (no
// tooltip needed), the final one (which orders the list) in bold and said to be so.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ScoredChunk } from '@openbook/core/types';
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import { firstStageSize, scoreStage, type ScoreStage } from '@openbook/core/retrieval/stages';
import { formatNumber } from '@openbook/core/format';
import { rrfMaxText } from './scoreLabels';

/** The stages that scored this run's results, in pipeline order. */
export function scoredStages(config: RetrievalConfig, results: readonly ScoredChunk[]): ScoreStage[] {
  const stages: ScoreStage[] = [];
  if (config.mode !== 'keyword') stages.push('cosine');
  if (config.mode !== 'vector') stages.push('bm25');
  if (config.mode === 'hybrid') stages.push('fused');
  if (results.some((r) => r.scores?.rerank !== undefined)) stages.push('rerank');
  return stages;
}

/** A score's name in words, with its range: "cosine similarity (−1 to 1)". */
export function scoreLabel(t: TFunction, config: Pick<RetrievalConfig, 'fusion'>, locale: string, stage: ScoreStage): string {
  if (stage !== 'fused') return t(`search.stage.${stage}`);
  return config.fusion === 'rrf' ? t('search.stage.rrf', { max: rrfMaxText(locale) }) : t('search.stage.weighted');
}

export function ResultScores({ result, config, stages }: { result: ScoredChunk; config: RetrievalConfig; stages: ScoreStage[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const final = scoreStage(config);
  const label = (stage: ScoreStage) => scoreLabel(t, config, locale, stage);
  const digits = (stage: ScoreStage) => (stage === 'fused' && config.fusion === 'rrf' ? 4 : 3);
  return (
    <p className="result-scores small">
      {stages.map((stage, i) => {
        const value =
          stage === 'cosine'
            ? result.scores?.cosine
            : stage === 'bm25'
              ? result.scores?.bm25
              : stage === 'fused'
                ? result.scores?.fused
                : result.scores?.rerank;
        const isFinal = stage === final;
        return (
          <span key={stage}>
            {i > 0 && <span className="muted"> · </span>}
            <span className={`result-score${isFinal ? ' score final-score' : ''}`} data-stage={stage} data-score={isFinal ? result.score : value}>
              {label(stage)} {value === undefined ? '—' : <strong className="score-value">{formatNumber(value, locale, digits(stage))}</strong>}
              {value === undefined && <span className="muted"> ({t('results.missingScore', { n: formatNumber(firstStageSize(config), locale) })})</span>}
              {isFinal && <span className="muted"> ({t('results.finalScore')})</span>}
            </span>
          </span>
        );
      })}
    </p>
  );
}
