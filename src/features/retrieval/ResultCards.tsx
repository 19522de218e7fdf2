// The retrieved chunks, best first, as cards (ResultCard): the timing of the run, the score that ranks
// them, then one card per chunk. A list, not a table: the text comes first and is read whole at any width.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@openbook/core/format';
import type { RetrievalRun } from '../../state/retrieval/retrievalStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { finalScoreLabel } from './scoreLabels';
import { ResultCard } from './ResultCard';
import { scoredStages } from './ResultScores';
import { retrievalTimingText } from './retrievalTimingText';
import { ScoreHelp } from './ScoreHelp';

export function ResultCards({ run }: { run: RetrievalRun }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const documents = useDocumentsStore((s) => s.documents);
  const focusedChunkId = useRetrievalStore((s) => s.focusedChunkId);
  const name = (docId: string) => documents.find((d) => d.id === docId)?.name ?? t('ask.removedDocument');
  const { config, results } = run;
  const timing = (
    <p className="muted small" data-testid="retrieval-timing">
      {retrievalTimingText(t, locale, run)}
    </p>
  );

  if (results.length === 0) {
    return (
      <>
        {timing}
        <p className="muted">{config.mode === 'keyword' ? t('search.noKeywordMatch') : t('search.noResults')}</p>
      </>
    );
  }

  const stages = scoredStages(config, results);
  const mmrNote = config.mmrLambda !== null ? t('search.rankedByMmr', { lambda: formatNumber(config.mmrLambda, locale, 2) }) : '';
  return (
    <div className="result-list">
      {timing}
      <h3 className="results-title" id="results-title">
        {t('results.listLabel', { question: run.question })}
      </h3>
      <p className="small" data-testid="ranked-by">
        {t('search.rankedBy', { score: finalScoreLabel(t, config, locale), mmr: mmrNote })}
      </p>
      <ScoreHelp config={config} stages={stages} />
      <ol className="result-cards" aria-labelledby="results-title">
        {results.map((r) => (
          <ResultCard
            key={r.chunk.id}
            result={r}
            question={run.question}
            config={config}
            stages={stages}
            documentName={name(r.chunk.docId)}
            focused={r.chunk.id === focusedChunkId}
          />
        ))}
      </ol>
    </div>
  );
}
