// Step 4's metadata filter: the documents to search, and a page range when there are paged documents
// (PDF). Applied inside the searches (see state/retrieval/retrievalPipeline.ts), so top k are k chunks that pass.
import { useTranslation } from 'react-i18next';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';

const pageNumber = (raw: string): number | null => {
  const value = Math.floor(Number(raw));
  return raw.trim() === '' || !Number.isFinite(value) ? null : value;
};

export function FilterPanel({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const documents = useDocumentsStore((s) => s.documents);
  const filterDocIds = useRetrievalStore((s) => s.filterDocIds);
  const pageRange = useRetrievalStore((s) => s.pageRange);
  const setFilterDocIds = useRetrievalStore((s) => s.setFilterDocIds);
  const setPageRange = useRetrievalStore((s) => s.setPageRange);
  if (documents.length === 0) return null;

  const chosen = (id: string) => filterDocIds === null || filterDocIds.includes(id);
  const chosenCount = documents.filter((d) => chosen(d.id)).length;
  const hasPages = documents.some((d) => d.kind === 'pdf' || (d.structure?.pages?.length ?? 0) > 0);
  const toggle = (id: string, on: boolean) => {
    const next = documents.filter((d) => (d.id === id ? on : chosen(d.id))).map((d) => d.id);
    setFilterDocIds(next.length === documents.length ? null : next);
  };
  const pagesActive = hasPages && (pageRange.from !== null || pageRange.to !== null);
  const summary =
    (filterDocIds === null ? t('search.filter.summaryAll') : t('search.filter.summarySome', { count: chosenCount, total: documents.length })) +
    (pagesActive ? t('search.filter.summaryPages', { from: pageRange.from ?? 1, to: pageRange.to ?? '…' }) : '');

  return (
    <details className="search-filter">
      <summary>{summary}</summary>
      <fieldset disabled={disabled}>
        <legend>{t('search.filter.documents')}</legend>
        <div className="row">
          <button type="button" className="link-button" onClick={() => setFilterDocIds(null)} disabled={filterDocIds === null}>
            {t('search.filter.all')}
          </button>
        </div>
        <ul className="filter-documents">
          {documents.map((d) => (
            <li key={d.id}>
              <label className="choice">
                <input type="checkbox" checked={chosen(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} />
                {d.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {hasPages && (
        <fieldset disabled={disabled}>
          <legend>{t('search.filter.pages')}</legend>
          <div className="row">
            <label>
              {t('search.filter.from')}{' '}
              <input type="number" min={1} value={pageRange.from ?? ''} onChange={(e) => setPageRange({ ...pageRange, from: pageNumber(e.target.value) })} />
            </label>
            <label>
              {t('search.filter.to')}{' '}
              <input type="number" min={1} value={pageRange.to ?? ''} onChange={(e) => setPageRange({ ...pageRange, to: pageNumber(e.target.value) })} />
            </label>
          </div>
          <p className="muted small">{t('search.filter.pagesHelp')}</p>
        </fieldset>
      )}
    </details>
  );
}
