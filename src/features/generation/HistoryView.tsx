// The session's questions and answers, each with its settings, exportable as JSON and Markdown.
import { useTranslation } from 'react-i18next';
import { historyToJson, historyToMarkdown } from '@openbook/core/history';
import { useHistoryStore } from '../../state/generation/historyStore';
import { downloadText } from '../../ui/download';

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');

export function HistoryView() {
  const { t } = useTranslation();
  const entries = useHistoryStore((s) => s.entries);
  const clear = useHistoryStore((s) => s.clear);
  if (entries.length === 0) return null;
  return (
    <details className="history" data-testid="history">
      <summary>{t('history.title', { count: entries.length })}</summary>
      <ol aria-label={t('history.list')}>
        {entries.map((e, i) => (
          <li key={i}>
            <strong>{e.question}</strong>{' '}
            <span className="muted small">
              {t('history.settings', {
                engine: t(`generation.engine.${e.settings.engine}`),
                model: e.settings.model,
                retrieval: e.settings.retrieval
                  ? t('history.withRetrieval', { k: e.settings.k, kept: e.settings.chunksInPrompt })
                  : t('history.withoutRetrieval'),
                temperature: e.settings.temperature,
                topP: e.settings.topP,
                maxTokens: e.settings.maxTokens,
              })}
              {e.outcome !== 'complete' && ` · ${t(`history.outcome.${e.outcome}`)}`}
            </span>
            <p className="history-answer">{e.answer}</p>
          </li>
        ))}
      </ol>
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={() => downloadText(historyToJson(entries), `openbook-history-${stamp()}.json`, 'application/json', false)}
        >
          {t('history.exportJson')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => downloadText(historyToMarkdown(entries, t('history.documentTitle')), `openbook-history-${stamp()}.md`, 'text/markdown', false)}
        >
          {t('history.exportMarkdown')}
        </button>
        <button type="button" className="secondary" onClick={clear}>
          {t('history.clear')}
        </button>
      </div>
    </details>
  );
}
