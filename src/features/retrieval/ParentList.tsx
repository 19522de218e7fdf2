// Parent-child retrieval's parents: what went to the prompt in place of the matched chunks, each with the
// ranks of the hits (children) it holds; hits that share a parent share one entry.
import { useTranslation } from 'react-i18next';
import type { RetrievalRun } from '../../state/retrieval/retrievalStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { formatNumber } from '@openbook/core/format';

export function ParentList({ run }: { run: RetrievalRun }) {
  const { t, i18n } = useTranslation();
  const documents = useDocumentsStore((s) => s.documents);
  if (!run.parents) return null;
  const names = new Map(documents.map((d) => [d.id, d.name]));
  return (
    <section className="parent-list" aria-label={t('techniques.parent.listLabel')}>
      <h3 className="small">{t('techniques.parent.listTitle', { count: run.parents.length, hits: run.results.length })}</h3>
      <ol>
        {run.parents.map((p) => (
          <li key={`${p.docId}:${p.start}`}>
            <details>
              <summary>
                {t('techniques.parent.item', {
                  ranks: p.childRanks.map((r) => `#${r}`).join(', '),
                  document: names.get(p.docId) ?? p.docId,
                  chars: formatNumber(p.text.length, i18n.language),
                })}
              </summary>
              <p className="parent-text">{p.text}</p>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
