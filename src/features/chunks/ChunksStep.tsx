// Step 2: splitting documents into chunks. The selected document is shown as its list of chunks, or as
// its full text with the chunk chosen from the search results marked in place.
import { useTranslation } from 'react-i18next';
import { StepCard } from '../layout/StepCard';
import { useDocumentsStore } from '../../state/documentsStore';
import { useChunkingStore } from '../../state/chunkingStore';
import { useRetrievalStore } from '../../state/retrievalStore';
import { ChunkSettings } from './ChunkSettings';
import { ChunkList } from './ChunkList';
import { DocumentTextView } from './DocumentTextView';

export function ChunksStep() {
  const { t } = useTranslation();
  const view = useRetrievalStore((s) => s.documentView);
  const setView = useRetrievalStore((s) => s.setDocumentView);
  const doc = useDocumentsStore((s) => s.documents.find((d) => d.id === s.selectedDocId));
  const focusedChunkId = useRetrievalStore((s) => s.focusedChunkId);
  const focused = useChunkingStore((s) => (doc ? s.chunksByDoc[doc.id]?.find((c) => c.id === focusedChunkId) : undefined));

  return (
    <StepCard step={2} id="chunks" title={t('chunks.title')} subtitle={t('chunks.subtitle')}>
      <ChunkSettings />
      {doc && (
        <div className="view-switch" role="group" aria-label={t('chunks.viewLabel')}>
          <button type="button" className={view === 'chunks' ? '' : 'secondary'} aria-pressed={view === 'chunks'} onClick={() => setView('chunks')}>
            {t('chunks.viewChunks')}
          </button>
          <button type="button" className={view === 'text' ? '' : 'secondary'} aria-pressed={view === 'text'} onClick={() => setView('text')}>
            {t('chunks.viewText')}
          </button>
        </div>
      )}
      {doc && view === 'text' ? <DocumentTextView doc={doc} focused={focused} /> : <ChunkList />}
    </StepCard>
  );
}
