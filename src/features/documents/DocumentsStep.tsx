// Step 1: getting documents in (files, pasted text, or the sample corpus), and the saved workspace.
import { useTranslation } from 'react-i18next';
import { StepCard } from '../../ui/StepCard';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useIngestSettingsStore } from '../../state/documents/ingestSettingsStore';
import { addAndIndex } from '../../state/flows/ingestPipeline';
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
  const indexOnAdd = useIngestSettingsStore((s) => s.indexOnAdd);
  // With "Embed and index files as they are added" on, the sample corpus goes through the pipeline too.
  const loadSample = () => {
    const add = () => {
      addDocuments(SAMPLE_DOCUMENTS);
      return true;
    };
    if (indexOnAdd) addAndIndex(SAMPLE_DOCUMENTS.length, add);
    else add();
  };
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
        <button type="button" className="secondary" data-lesson="load-sample" onClick={loadSample}>
          {t('documents.loadSample')}
        </button>
      </div>
      <InputNotices />
      <DocumentList />
      <WorkspacePanel />
    </StepCard>
  );
}
