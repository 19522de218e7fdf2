// The retrieved chunks: final rank, the score of each stage that ran (cosine, BM25, fused, rerank; each
// column says what it is and its range, the final one is marked), how the rank moved between stages,
// the document, page or section, position, and the text.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoredChunk } from '../../core/types';
import { rankPath } from '../../core/retrieval/rankPath';
import { rrfMax } from '../../core/retrieval/fusion';
import { scoreStage, type ScoreStage } from '../../core/retrieval/stages';
import type { RetrievalRun } from '../../state/retrieval/retrievalStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { formatMs, formatNumber } from '../../core/format';
import { showChunkInDocument } from '../../state/chunks/showChunk';
import { finalScoreLabel, rrfMaxText } from './scoreLabels';
import { RankMoves } from './RankMoves';

interface ScoreColumn {
  stage: ScoreStage;
  header: string;
  help: string;
  value: (r: ScoredChunk) => number | undefined;
  /** Bar width for a value, 0..1. */
  bar: (x: number) => number;
  /** Decimals shown. */
  digits: number;
}

export function ResultsTable({ run }: { run: RetrievalRun }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const documents = useDocumentsStore((s) => s.documents);
  const focusedChunkId = useRetrievalStore((s) => s.focusedChunkId);
  const name = (docId: string) => documents.find((d) => d.id === docId)?.name ?? t('ask.removedDocument');
  const n = (x: number) => formatNumber(x, locale);
  const { config, results } = run;

  const timing = [
    t('search.timing.count', { count: results.length }),
    run.engine !== null && t('search.timing.embed', { ms: formatMs(run.embedMs, locale) }),
    run.engine !== null && t('search.timing.vector', { ms: formatMs(run.searchMs, locale), engine: t(`embedding.engine.${run.engine}`) }),
    run.keywordMs !== null && t('search.timing.keyword', { ms: formatMs(run.keywordMs, locale) }),
    config.mode === 'hybrid' || config.mmrLambda !== null || config.minScore !== null
      ? t('search.timing.combine', { ms: formatMs(run.combineMs, locale) })
      : false,
    run.allowed !== null && t('search.timing.filtered', { count: run.allowed }),
  ].filter(Boolean);

  if (results.length === 0) {
    return (
      <>
        <p className="muted small" data-testid="retrieval-timing">
          {timing.join(' · ')}
        </p>
        <p className="muted">{config.mode === 'keyword' ? t('search.noKeywordMatch') : t('search.noResults')}</p>
      </>
    );
  }

  const final = scoreStage(config);
  const maxBm25 = Math.max(0, ...results.map((r) => r.scores?.bm25 ?? 0));
  const w = config.vectorWeight;
  const columns: ScoreColumn[] = [];
  if (config.mode !== 'keyword')
    columns.push({
      stage: 'cosine',
      header: t('search.col.cosine'),
      help: t('search.col.cosineHelp'),
      value: (r) => r.scores?.cosine,
      bar: (x) => Math.max(0, x),
      digits: 3,
    });
  if (config.mode !== 'vector')
    columns.push({
      stage: 'bm25',
      header: t('search.col.bm25'),
      help: t('search.col.bm25Help'),
      value: (r) => r.scores?.bm25,
      bar: (x) => (maxBm25 > 0 ? x / maxBm25 : 0),
      digits: 3,
    });
  if (config.mode === 'hybrid') {
    const rrf = config.fusion === 'rrf';
    columns.push({
      stage: 'fused',
      header: rrf ? t('search.col.rrf', { max: rrfMaxText(locale) }) : t('search.col.weighted'),
      help: rrf ? t('search.col.rrfHelp') : t('search.col.weightedHelp', { vector: formatNumber(w, locale, 2), keyword: formatNumber(1 - w, locale, 2) }),
      value: (r) => r.scores?.fused,
      bar: (x) => (rrf ? x / rrfMax(2) : x),
      digits: rrf ? 4 : 3,
    });
  }
  if (results.some((r) => r.scores?.rerank !== undefined))
    columns.push({
      stage: 'rerank',
      header: t('search.col.rerank'),
      help: t('search.col.rerankHelp'),
      value: (r) => r.scores?.rerank,
      bar: (x) => x,
      digits: 3,
    });

  const searches = { vector: config.mode !== 'keyword', keyword: config.mode !== 'vector' };
  const showMoves = config.mode === 'hybrid' || config.mmrLambda !== null || results.some((r) => r.ranks?.rerank !== undefined);
  const where = (r: ScoredChunk): string => {
    const meta = r.chunk.meta;
    if (meta?.pageStart !== undefined) {
      const end = meta.pageEnd ?? meta.pageStart;
      return end === meta.pageStart ? t('search.page', { page: n(meta.pageStart) }) : t('search.pages', { from: n(meta.pageStart), to: n(end) });
    }
    return meta?.headingPath?.length ? meta.headingPath.join(' › ') : '';
  };
  const showWhere = results.some((r) => where(r) !== '');
  const mmrNote = config.mmrLambda !== null ? t('search.rankedByMmr', { lambda: formatNumber(config.mmrLambda, locale, 2) }) : '';

  return (
    <>
      <p className="muted small" data-testid="retrieval-timing">
        {timing.join(' · ')}
      </p>
      <p className="small" data-testid="ranked-by">
        {t('search.rankedBy', { score: finalScoreLabel(t, config, locale), mmr: mmrNote })}
      </p>
      <div className="table-wrap">
        <table className="results">
          <caption>{t('ask.resultsCaption', { question: run.question })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ask.col.rank')}</th>
              {columns.map((c) => (
                <th key={c.stage} scope="col" title={c.help} className={c.stage === final ? 'final-score' : undefined} data-stage={c.stage}>
                  {c.header}
                </th>
              ))}
              {showMoves && (
                <th scope="col" title={t('search.col.movesHelp')}>
                  {t('search.col.moves')}
                </th>
              )}
              <th scope="col">{t('ask.col.document')}</th>
              {showWhere && <th scope="col">{t('search.col.where')}</th>}
              <th scope="col">{t('ask.col.position')}</th>
              <th scope="col">{t('ask.col.text')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.chunk.id} className={r.chunk.id === focusedChunkId ? 'focused' : undefined} aria-current={r.chunk.id === focusedChunkId || undefined}>
                <td>{r.rank}</td>
                {columns.map((c) => (
                  <ScoreCell key={c.stage} column={c} result={r} final={c.stage === final} locale={locale} missing={t('search.col.missing')} />
                ))}
                {showMoves && (
                  <td className="moves">
                    <RankMoves steps={rankPath(r.ranks ?? {}, searches)} />
                  </td>
                )}
                <td>{name(r.chunk.docId)}</td>
                {showWhere && <td className="where">{where(r)}</td>}
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

/** One stage's score; the final stage's cell is `td.score` with the value in data-score. */
function ScoreCell({
  column,
  result,
  final,
  locale,
  missing,
}: {
  column: ScoreColumn;
  result: ScoredChunk;
  final: boolean;
  locale: string;
  missing: string;
}): ReactNode {
  const value = column.value(result);
  const className = `stage-score ${column.stage}${final ? ' score' : ''}`;
  if (value === undefined)
    return (
      <td className={className} title={missing}>
        —
      </td>
    );
  return (
    <td className={className} data-score={final ? result.score : value}>
      {formatNumber(value, locale, column.digits)}
      <span className="score-track" aria-hidden="true">
        <span className="score-bar" style={{ width: `${Math.min(1, Math.max(0, column.bar(value))) * 100}%` }} />
      </span>
    </td>
  );
}
