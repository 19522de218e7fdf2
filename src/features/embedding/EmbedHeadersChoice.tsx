// Contextual chunk headers in the vector index (issue 14): each chunk embedded as its document title and
// heading path, then its text. A choice for the next "Embed and index"; the index says when it was made
// with the other choice (IndexSummary).
import { useTranslation } from 'react-i18next';
import { useIndexStore } from '../../state/embedding/indexStore';

export function EmbedHeadersChoice({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const embedHeaders = useIndexStore((s) => s.embedHeaders);
  const setEmbedHeaders = useIndexStore((s) => s.setEmbedHeaders);
  return (
    <div className="row">
      <label className="choice" title={t('retr14.embedHeaders.help')}>
        <input type="checkbox" checked={embedHeaders} disabled={disabled} onChange={(e) => setEmbedHeaders(e.target.checked)} />
        {t('retr14.embedHeaders.label')}
      </label>
      <span className="small muted">{t('retr14.embedHeaders.explain')}</span>
    </div>
  );
}
