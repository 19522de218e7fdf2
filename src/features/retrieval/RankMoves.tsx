// One result's rank at each stage, e.g. "vector #5 · keyword #1 → fused #2 ↑3".
import { useTranslation } from 'react-i18next';
import type { RankStep } from '../../core/retrieval/rankPath';

export function RankMoves({ steps }: { steps: RankStep[] }) {
  const { t } = useTranslation();
  return (
    <span className="rank-moves">
      {steps.map((step, i) => {
        const separator = i === 0 ? '' : step.moved === undefined && steps[i - 1]?.moved === undefined ? ' · ' : ' → ';
        const moved = step.moved;
        return (
          <span key={step.stage} className={separator === ' → ' ? 'rank-later' : undefined}>
            {separator}
            <span className="rank-step" data-stage={step.stage} title={step.rank === null ? t('search.col.missing') : undefined}>
              {t(`search.stageName.${step.stage}`)} {step.rank === null ? '—' : `#${step.rank}`}
            </span>
            {moved !== undefined && (
              <span
                className={`rank-move ${moved > 0 ? 'up' : moved < 0 ? 'down' : 'same'}`}
                title={moved > 0 ? t('search.move.up', { count: moved }) : moved < 0 ? t('search.move.down', { count: -moved }) : t('search.move.same')}
              >
                {' '}
                {moved > 0 ? `↑${moved}` : moved < 0 ? `↓${-moved}` : '='}
              </span>
            )}
          </span>
        );
      })}
    </span>
  );
}
