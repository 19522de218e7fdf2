// Step 3: embedding the chunks and building the vector index.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusWhenDone } from '../../ui/useFocusWhenDone';
import { StepCard } from '../../ui/StepCard';
import { isIndexBusy, useIndexStore } from '../../state/embedding/indexStore';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useWorkspaceStore } from '../../state/workspace/workspaceStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { EmbeddingModelPicker } from './EmbeddingModelPicker';
import { DevicePicker } from './DevicePicker';
import { ExpertOnly } from '../../ui/ExpertOnly';
import { EmbeddingProgress } from './EmbeddingProgress';
import { IndexSummary } from './IndexSummary';
import { ResumeEmbedding } from './ResumeEmbedding';
import { ReembedOffer } from './ReembedOffer';
import { EmbedHeadersChoice } from './EmbedHeadersChoice';
import { ChunkContextPanel } from './ChunkContextPanel';
import { WaysForward } from '../offline';

export function EmbeddingStep() {
  const { t } = useTranslation();
  const phase = useIndexStore((s) => s.phase);
  const error = useIndexStore((s) => s.error);
  const notice = useIndexStore((s) => s.notice);
  const embedAndIndex = useIndexStore((s) => s.embedAndIndex);
  const cancel = useIndexStore((s) => s.cancel);
  const hasDocuments = useDocumentsStore((s) => s.documents.length > 0);
  const saveError = useWorkspaceStore((s) => s.indexSaveError);
  const busy = isIndexBusy(phase);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusWhenDone(busy, summaryRef);

  return (
    <StepCard step={3} id="embedding" title={t('embedding.title')} subtitle={t('embedding.subtitle')}>
      <EmbeddingModelPicker disabled={busy} />
      <ExpertOnly>
        <DevicePicker disabled={busy} />
      </ExpertOnly>
      <EmbedHeadersChoice disabled={busy} />
      <ChunkContextPanel disabled={busy} />
      <div className="row">
        <button type="button" data-lesson="embed" disabled={busy || !hasDocuments} onClick={() => void embedAndIndex()}>
          {t('embedding.run')}
        </button>
        {busy && phase !== 'indexing' && (
          <button type="button" className="secondary" onClick={cancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      <EmbeddingProgress />
      <ResumeEmbedding />
      <ReembedOffer />
      {error && (
        <Alert level="error" onDismiss={() => useIndexStore.setState({ error: null })}>
          <MessageText message={error} />
          {error.key === 'embedding.errors.load-failed' && <WaysForward kind="embedding" />}
        </Alert>
      )}
      {notice && !busy && (
        <Alert level="info" onDismiss={() => useIndexStore.setState({ notice: null })}>
          <MessageText message={notice} />
        </Alert>
      )}
      {saveError && (
        <Alert level="error" onDismiss={() => useWorkspaceStore.setState({ indexSaveError: null })}>
          <MessageText message={saveError} />
        </Alert>
      )}
      <div ref={summaryRef} tabIndex={-1} className="focus-target">
        <IndexSummary />
      </div>
    </StepCard>
  );
}
