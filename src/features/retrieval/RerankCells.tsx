// The reranking columns of the results table: the cross-encoder's score, and how each chunk's rank moved
// from the first stage to the reranked order. Shown when the results were reranked.
import { useTranslation } from 'react-i18next';
import type { ScoredChunk } from '../../core/types';
import { formatNumber } from '../../ui/format';

/** Whether any result carries a rerank score. */
export const isReranked = (results: readonly ScoredChunk[]) => results.some((r) => r.scores?.rerank !== undefined);

/** The chunk's rank before reranking: in the fused list, or else the vector or keyword list. */
const firstStageRank = (r: ScoredChunk) => r.ranks?.fused ?? r.ranks?.vector ?? r.ranks?.keyword;

export function RerankHeaderCells() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" title={t('rerank.col.scoreHelp')}>
        {t('rerank.col.score')}
      </th>
      <th scope="col" title={t('rerank.col.moveHelp')}>
        {t('rerank.col.move')}
      </th>
    </>
  );
}

export function RerankCells({ result }: { result: ScoredChunk }) {
  const { t, i18n } = useTranslation();
  const score = result.scores?.rerank;
  const from = firstStageRank(result);
  const to = result.ranks?.rerank;
  const moved = from !== undefined && to !== undefined ? from - to : undefined;
  return (
    <>
      <td className="rerank-score" data-rerank-score={score}>
        {score !== undefined && (
          <>
            {formatNumber(score, i18n.language, 3)}
            <span className="score-track" aria-hidden="true">
              <span className="score-bar" style={{ width: `${score * 100}%` }} />
            </span>
          </>
        )}
      </td>
      <td className="nowrap rank-move" data-from={from} data-to={to}>
        {moved === undefined
          ? ''
          : moved > 0
            ? t('rerank.col.up', { n: moved, from })
            : moved < 0
              ? t('rerank.col.down', { n: -moved, from })
              : t('rerank.col.same', { from })}
      </td>
    </>
  );
}
