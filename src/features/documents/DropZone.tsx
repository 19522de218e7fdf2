// Drag-and-drop target and file picker for documents; with "Embed and index files as they are added" on,
// the files go through the ingestion pipeline (read, chunked, keyword-indexed and embedded at once).
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_EXTENSIONS } from '@openbook/core/documentFormats';
import { useIngestStore } from '../../state/documents/ingestStore';
import { useIngestSettingsStore } from '../../state/documents/ingestSettingsStore';
import { ingestAndIndex } from '../../state/flows/ingestPipeline';
import { useIndexStore } from '../../state/embedding/indexStore';
import { isBuiltinLsa } from '@openbook/core/lsa/builtinLsa';

export function DropZone() {
  const { t } = useTranslation();
  const readFiles = useIngestStore((s) => s.addFiles);
  const indexOnAdd = useIngestSettingsStore((s) => s.indexOnAdd);
  const setIndexOnAdd = useIngestSettingsStore((s) => s.setIndexOnAdd);
  const builtin = useIndexStore((s) => isBuiltinLsa(s.modelId));
  const addFiles = (files: File[]) => (indexOnAdd ? ingestAndIndex(files) : readFiles(files));
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void addFiles([...e.dataTransfer.files]);
  };

  return (
    <div
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      role="region"
      aria-label={t('documents.dropZone')}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>{t('documents.dropHint', { types: ACCEPTED_EXTENSIONS.join(' ') })}</p>
      <input
        ref={input}
        id="file-input"
        type="file"
        multiple
        accept={ACCEPTED_EXTENSIONS.join(',')}
        className="visually-hidden"
        aria-label={t('documents.chooseFiles')}
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void addFiles(files);
        }}
      />
      <button type="button" id="choose-files" onClick={() => input.current?.click()}>
        {t('documents.chooseFiles')}
      </button>
      <label className="choice" title={t('ingestPipeline.toggleHelp')}>
        <input type="checkbox" checked={indexOnAdd} onChange={(e) => setIndexOnAdd(e.target.checked)} /> {t('ingestPipeline.toggle')}
      </label>
      {indexOnAdd && builtin && <p className="muted small">{t('ingestStream.lsaNote')}</p>}
    </div>
  );
}
