// A run that the closed tab interrupted: how far it got, which documents are incomplete, and Resume
// (which embeds only the chunks still without a vector, then builds the index). A run that finished but
// whose index could not be saved (a full storage) is said to be exactly that, with what to do.
import { useTranslation } from 'react-i18next';
import { isIndexBusy, useIndexStore } from '../../state/embedding/indexStore';
import { clearProgress, useResumeStore } from '../../state/embedding/resumeStore';
import { Alert } from '../../ui/Alert';

export function ResumeEmbedding() {
  const { t } = useTranslation();
  const interrupted = useResumeStore((s) => s.interrupted);
  const phase = useIndexStore((s) => s.phase);
  const known = useIndexStore((s) => (interrupted ? s.models.some((m) => m.id === interrupted.modelId) : false));
  const busy = isIndexBusy(phase);
  if (!interrupted || busy) return null;

  const resume = () => {
    useIndexStore.getState().setModel(interrupted.modelId);
    useIndexStore.getState().setDevicePreference(interrupted.device);
    void useIndexStore.getState().embedAndIndex();
  };
  const values = { done: interrupted.done, total: interrupted.total, model: interrupted.modelId };
  const unsaved = interrupted.unsaved;
  return (
    <Alert level="warning">
      {unsaved ? (
        <>
          <p data-testid="embedding-not-saved">{t(unsaved === 'quota' ? 'resumeUnsaved.quota' : 'resumeUnsaved.failed', values)}</p>
          <p>{t(unsaved === 'quota' ? 'resumeUnsaved.quotaNext' : 'resumeUnsaved.failedNext')}</p>
        </>
      ) : (
        <p data-testid="embedding-interrupted">{t('resume.interrupted', values)}</p>
      )}
      {interrupted.documents.length > 0 && (
        <ul aria-label={t(unsaved ? 'resumeUnsaved.incompleteList' : 'resume.incompleteList')}>
          {interrupted.documents.map((d) => (
            <li key={d.id}>{t(unsaved ? 'resumeUnsaved.document' : 'resume.document', { name: d.name, done: d.done, total: d.total })}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" disabled={!known} onClick={resume}>
          {t(unsaved ? 'resumeUnsaved.build' : 'resume.resume')}
        </button>
        <button type="button" className="secondary" onClick={() => void clearProgress()}>
          {t(unsaved ? 'resumeUnsaved.discard' : 'resume.discard')}
        </button>
      </div>
      {!known && <p className="small">{t('resume.unknownModel', { model: interrupted.modelId })}</p>}
    </Alert>
  );
}
