// Step 1: getting documents in (files, pasted text, or the sample corpus), and the saved workspace.
import { useTranslation } from 'react-i18next';
import { StepCard } from '../../ui/StepCard';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { SAMPLE_DOCUMENTS } from '../../content/sampleCorpus';
import { DropZone } from './DropZone';
import { PasteForm } from './PasteForm';
import { DocumentList } from './DocumentList';
import { InputNotices } from './InputNotices';
import { IngestQueue } from './IngestQueue';
import { PipelineProgress } from './PipelineProgress';
import { FileSizeLimit } from './FileSizeLimit';
import { ExpertOnly } from '../../ui/ExpertOnly';
import { WorkspacePanel } from '../workspace';

export function DocumentsStep() {
  const { t } = useTranslation();
  const addDocuments = useDocumentsStore((s) => s.addDocuments);
  return (
    <StepCard step={1} id="documents" title={t('documents.title')} subtitle={t('documents.subtitle')}>
      <DropZone />
      <ExpertOnly>
        <FileSizeLimit />
      </ExpertOnly>
      <PipelineProgress />
      <IngestQueue />
      <div className="row">
        <PasteForm />
        <button type="button" className="secondary" data-lesson="load-sample" onClick={() => addDocuments(SAMPLE_DOCUMENTS)}>
          {t('documents.loadSample')}
        </button>
      </div>
      <InputNotices />
      <DocumentList />
      <WorkspacePanel />
    </StepCard>
  );
}
