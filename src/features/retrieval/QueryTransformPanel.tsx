// Query transformation (multi-query, HyDE, standalone rewrite) with the loaded chat model: the mode, the
// queries it wrote (editable, each can be removed or added), and after Ask, what each query found.
import { useTranslation } from 'react-i18next';
import { MAX_REWRITES, type QueryTransformMode } from '@openbook/core/retrieval/queryTransform';
import { useQueryTransformStore } from '../../state/retrieval/queryTransformStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { MessageText } from '../../ui/MessageText';

const MODES: QueryTransformMode[] = ['none', 'multi', 'hyde', 'standalone'];

export function QueryTransformPanel() {
  const { t } = useTranslation();
  const s = useQueryTransformStore();
  const question = useRetrievalStore((r) => r.question);
  const last = useRetrievalStore((r) => r.last);
  const answer = useGenerationStore((g) => g.answer);
  const modelReady = useGenerationStore((g) => g.loadedModelId !== null && g.phase === 'ready');
  const documents = useDocumentsStore((d) => d.documents);
  const names = new Map(documents.map((d) => [d.id, d.name]));
  const previous = last && answer ? { question: last.question, answer } : undefined;
  const generating = s.phase === 'generating';

  return (
    <div className="query-transform" role="group" aria-label={t('techniques.queries.legend')}>
      <div className="row">
        <label title={t('techniques.queries.help')}>
          {t('techniques.queries.legend')}{' '}
          <select value={s.mode} onChange={(e) => s.setMode(e.target.value as QueryTransformMode)} disabled={generating}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`techniques.queries.modes.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {s.mode === 'multi' && (
          <label>
            {t('techniques.queries.rewrites')}{' '}
            <input type="number" min={1} max={MAX_REWRITES} value={s.rewrites} onChange={(e) => s.setRewrites(Number(e.target.value))} />
          </label>
        )}
        {s.mode !== 'none' &&
          (generating ? (
            <button type="button" className="secondary" onClick={() => void s.stop()}>
              {t('techniques.queries.stop')}
            </button>
          ) : (
            <button type="button" onClick={() => void s.generate(question, previous)}>
              {t('techniques.queries.generate')}
            </button>
          ))}
      </div>
      {s.mode !== 'none' && (
        <p className="small muted">
          {t(`techniques.queries.explain.${s.mode}`)} {modelReady ? t('techniques.queries.cost') : t('techniques.queries.needsModel')}
        </p>
      )}
      {generating && <p className="small muted">{t('techniques.queries.generating')}</p>}
      {s.error && (
        <p className="small error" role="alert">
          <MessageText message={s.error} />
        </p>
      )}
      {s.mode !== 'none' && s.queries.length > 0 && (
        <ol className="query-list" aria-label={t('techniques.queries.listLabel')}>
          {s.queries.map((q, i) => (
            <li key={i} className="row">
              {s.mode === 'hyde' ? (
                <textarea aria-label={t('techniques.queries.queryLabel', { n: i + 1 })} value={q} rows={3} onChange={(e) => s.setQuery(i, e.target.value)} />
              ) : (
                <input
                  className="grow"
                  aria-label={t('techniques.queries.queryLabel', { n: i + 1 })}
                  value={q}
                  onChange={(e) => s.setQuery(i, e.target.value)}
                />
              )}
              <button type="button" className="link-button" aria-label={t('techniques.queries.remove', { n: i + 1 })} onClick={() => s.removeQuery(i)}>
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      {s.mode !== 'none' && !generating && (
        <button type="button" className="link-button small" onClick={s.addQuery}>
          {t('techniques.queries.add')}
        </button>
      )}
      {last?.queryRuns && (
        <section aria-label={t('techniques.queries.runsLabel')}>
          <h3 className="small">{t('techniques.queries.runsTitle', { count: last.queryRuns.length })}</h3>
          <ul className="small">
            {last.queryRuns.map((run, i) => (
              <li key={i}>
                <q>{run.query.length > 120 ? `${run.query.slice(0, 120)}…` : run.query}</q>{' '}
                {t('techniques.queries.found', {
                  hits: run.hitIds
                    .map((id) => {
                      const chunk = last.results.find((r) => r.chunk.id === id)?.chunk;
                      const [docId, index] = id.split('#');
                      return `${names.get(chunk?.docId ?? docId ?? '') ?? docId} #${Number(index) + 1}`;
                    })
                    .join(', '),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
