// The documents added so far, with their type, size, pages or sections, encoding, chunk count, date
// added and content hash; select one to see its chunks, or remove it.
import { useTranslation } from 'react-i18next';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useChunkingStore } from '../../state/chunks/chunkingStore';
import { useIndexStore } from '../../state/embedding/indexStore';
import { formatBytes } from '@openbook/core/format';
import { encodingName, formatAddedAt, structureFact } from './documentFacts';

export function DocumentList() {
  const { t, i18n } = useTranslation();
  const documents = useDocumentsStore((s) => s.documents);
  const selectedDocId = useDocumentsStore((s) => s.selectedDocId);
  const select = useDocumentsStore((s) => s.select);
  const remove = useDocumentsStore((s) => s.remove);
  const chunksByDoc = useChunkingStore((s) => s.chunksByDoc);
  const removeFromIndex = useIndexStore((s) => s.removeDocument);

  if (documents.length === 0) return <p className="muted">{t('documents.none')}</p>;

  return (
    <ul className="document-list" aria-label={t('documents.listLabel')}>
      {documents.map((doc) => (
        <li key={doc.id} className={doc.id === selectedDocId ? 'selected' : undefined}>
          <button type="button" className="document-name link-button" aria-pressed={doc.id === selectedDocId} onClick={() => select(doc.id)}>
            {doc.name}
          </button>
          <span className="muted">
            {[
              t(`documents.kind.${doc.kind}`),
              formatBytes(doc.sizeBytes, i18n.language),
              structureFact(doc, t),
              doc.encoding ? encodingName(doc.encoding) : null,
              t('documents.chunkCount', { count: chunksByDoc.get(doc.id)?.length ?? 0 }),
            ]
              .filter(Boolean)
              .join(' · ')}
            {' · '}
            <time dateTime={new Date(doc.addedAt).toISOString()} title={t('documentMeta.addedAt', { date: formatAddedAt(doc.addedAt, i18n.language, true) })}>
              {formatAddedAt(doc.addedAt, i18n.language)}
            </time>
            {doc.contentHash && (
              <>
                {' · '}
                <abbr title={t('documentMeta.hash', { hash: doc.contentHash })}>{`SHA-256 ${doc.contentHash.slice(0, 8)}`}</abbr>
              </>
            )}
          </span>
          <button
            type="button"
            className="link-button danger"
            aria-label={t('documents.remove', { name: doc.name })}
            onClick={() => {
              remove(doc.id);
              void removeFromIndex(doc.id);
            }}
          >
            {t('common.remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
