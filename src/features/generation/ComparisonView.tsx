// The answers with and without retrieval, side by side, each streaming in turn with its own figures.
import { useTranslation } from 'react-i18next';
import { COMPARISON_SIDES, type ComparisonPane, type ComparisonSide } from '../../state/generation/comparison';
import { useGenerationStore } from '../../state/generation/generationStore';
import type { ScoredChunk } from '@openbook/core/types';
import { AnswerStats } from './AnswerStats';
import { useCitationSources } from './citationSources';
import { CitedAnswer } from './CitedAnswer';

const NO_SOURCES: ScoredChunk[] = [];

function PaneView({ side, pane, sources }: { side: ComparisonSide; pane: ComparisonPane; sources: readonly ScoredChunk[] }) {
  const { t } = useTranslation();
  const label = t(`generation.comparison.${side}`);
  const note = pane.status === 'waiting' || pane.status === 'skipped' || pane.status === 'failed' ? t(`generation.comparison.${pane.status}`) : null;
  return (
    <section className="comparison-pane" aria-label={label} data-testid={`comparison-${side}`}>
      <h4>{label}</h4>
      {note && !pane.answer ? (
        <p className="muted">{note}</p>
      ) : (
        <div className="answer-text" aria-live="polite" aria-busy={pane.status === 'generating'} data-testid={`comparison-${side}-text`}>
          <CitedAnswer text={pane.answer} sources={sources} />
          {pane.status === 'generating' && <span className="cursor" aria-hidden="true" />}
        </div>
      )}
      {pane.status === 'stopped' && <p className="muted small">{t('generation.stopped')}</p>}
      {pane.stats && <AnswerStats stats={pane.stats} testId={`comparison-${side}-stats`} />}
    </section>
  );
}

export function ComparisonView() {
  const { t } = useTranslation();
  const comparison = useGenerationStore((s) => s.comparison);
  // Only the answer with retrieval was given numbered chunks to cite.
  const ragSources = useCitationSources(comparison?.rag.prompt ?? null);
  if (!comparison) return null;
  return (
    <div className="answer" role="region" aria-label={t('generation.comparison.label')}>
      <h3>{t('generation.comparison.label')}</h3>
      <p className="muted small">{t('generation.comparison.help')}</p>
      <div className="comparison">
        {COMPARISON_SIDES.map((side) => (
          <PaneView key={side} side={side} pane={comparison[side]} sources={side === 'rag' ? ragSources : NO_SOURCES} />
        ))}
      </div>
    </div>
  );
}
