// The context budget: the prompt's tokens against the model's window less the answer's room, and exactly
// which retrieved chunks were left out because they did not fit.
import { useTranslation } from 'react-i18next';
import type { BudgetedPrompt } from '../../state/augment/filledPrompt';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { formatNumber } from '@openbook/core/format';
import { Alert } from '../../ui/Alert';

export function BudgetView({ prompt }: { prompt: BudgetedPrompt }) {
  const { t, i18n } = useTranslation();
  const run = useRetrievalStore((s) => s.last);
  const documents = useDocumentsStore((s) => s.documents);
  const { budget } = prompt;
  const n = (x: number) => formatNumber(x, i18n.language);
  const dropped = run ? budget.dropped.map((i) => run.results[i]).filter((r) => r !== undefined) : [];
  return (
    <div className="budget" data-testid="context-budget">
      <p className="small">
        {t('budget.summary', {
          prompt: n(budget.promptTokens),
          answer: n(budget.maxTokens),
          window: n(budget.contextWindow),
          kept: budget.kept,
          retrieved: prompt.retrieved,
        })}{' '}
        <span className="badge">{budget.exact ? t('budget.exact') : t('budget.estimate')}</span>
      </p>
      <meter
        aria-label={t('budget.meter')}
        min={0}
        max={budget.contextWindow}
        value={Math.min(budget.contextWindow, budget.promptTokens + budget.maxTokens)}
        high={budget.contextWindow * 0.9}
      />
      {!budget.baseFits && <Alert level="error">{t('budget.noRoom', { available: n(budget.available) })}</Alert>}
      {dropped.length > 0 && (
        <Alert level="warning">
          <p>{t('budget.dropped', { count: dropped.length })}</p>
          <ul aria-label={t('budget.droppedList')} data-testid="dropped-chunks">
            {dropped.map((r) => (
              <li key={r.chunk.id}>
                {t('budget.droppedItem', {
                  rank: r.rank,
                  document: documents.find((d) => d.id === r.chunk.docId)?.name ?? r.chunk.docId,
                  chunk: r.chunk.index + 1,
                })}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}
