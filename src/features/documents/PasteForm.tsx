// Adding a document by pasting text; with "Embed and index files as they are added" on, it goes through
// the ingestion pipeline as a file does.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { useIngestSettingsStore } from '../../state/documents/ingestSettingsStore';
import { addAndIndex } from '../../state/flows/ingestPipeline';

export function PasteForm() {
  const { t } = useTranslation();
  const addPasted = useDocumentsStore((s) => s.addPasted);
  const indexOnAdd = useIngestSettingsStore((s) => s.indexOnAdd);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [text, setText] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const add = () => addPasted(name.trim() || t('documents.pastedName'), text);
    if (indexOnAdd ? addAndIndex(1, add) : add()) {
      setName('');
      setText('');
      setOpen(false);
    }
  };

  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t('documents.pasteText')}
      </button>
    );

  return (
    <form className="paste-form" onSubmit={submit}>
      <label>
        {t('documents.pasteTitle')}
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('documents.pastedName')} />
      </label>
      <label>
        {t('documents.pasteBody')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={6} />
      </label>
      <div className="row">
        <button type="submit">{t('documents.addPasted')}</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
