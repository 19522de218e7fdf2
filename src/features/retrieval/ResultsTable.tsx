// The retrieved chunks: rank, cosine similarity, document and position, and the text.
import { useTranslation } from 'react-i18next';
import type { ScoredChunk } from '../../core/types';
import type { RetrievalRun } from '../../state/retrievalStore';
import { useRetrievalStore } from '../../state/retrievalStore';
import { useDocumentsStore } from '../../state/documentsStore';
import { formatMs, formatNumber } from '../../ui/format';
import { showChunkInDocument } from './showChunk';
import { RerankCells, RerankHeaderCells, isReranked } from './RerankCells';

/** The cosine similarity: after reranking, `score` is the rerank score, so read the vector stage's own. */
const cosineOf = (r: ScoredChunk) => r.scores?.cosine ?? r.score;

export function ResultsTable({ run }: { run: RetrievalRun }) {
  const { t, i18n } = useTranslation();
  const documents = useDocumentsStore((s) => s.documents);
  const focusedChunkId = useRetrievalStore((s) => s.focusedChunkId);
  const name = (docId: string) => documents.find((d) => d.id === docId)?.name ?? t('ask.removedDocument');
  const n = (x: number) => formatNumber(x, i18n.language);

  if (run.results.length === 0) return <p className="muted">{t('ask.noResults')}</p>;
  const reranked = isReranked(run.results);
  return (
    <>
      <p className="muted small" data-testid="retrieval-timing">
        {t('ask.timing', {
          count: run.results.length,
          embed: formatMs(run.embedMs, i18n.language),
          search: formatMs(run.searchMs, i18n.language),
          engine: t(`embedding.engine.${run.engine}`),
        })}
      </p>
      <div className="table-wrap">
        <table className="results">
          <caption>{t('ask.resultsCaption', { question: run.question })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ask.col.rank')}</th>
              <th scope="col" title={t('ask.col.scoreHelp')}>
                {t('ask.col.score')}
              </th>
              {reranked && <RerankHeaderCells />}
              <th scope="col">{t('ask.col.document')}</th>
              <th scope="col">{t('ask.col.position')}</th>
              <th scope="col">{t('ask.col.text')}</th>
            </tr>
          </thead>
          <tbody>
            {run.results.map((r) => (
              <tr key={r.chunk.id} className={r.chunk.id === focusedChunkId ? 'focused' : undefined} aria-current={r.chunk.id === focusedChunkId || undefined}>
                <td>{r.rank}</td>
                <td className="score" data-score={cosineOf(r)}>
                  {formatNumber(cosineOf(r), i18n.language, 3)}
                  <span className="score-track" aria-hidden="true">
                    <span className="score-bar" style={{ width: `${Math.max(0, cosineOf(r)) * 100}%` }} />
                  </span>
                </td>
                {reranked && <RerankCells result={r} />}
                <td>{name(r.chunk.docId)}</td>
                <td className="nowrap">
                  <button type="button" className="link-button" onClick={() => showChunkInDocument(r.chunk.docId, r.chunk.id)}>
                    {t('ask.position', { index: n(r.chunk.index + 1), start: n(r.chunk.start), end: n(r.chunk.end) })}
                  </button>
                </td>
                <td className="result-text">
                  <span className="result-text-inner">{r.chunk.text}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
