// Drag-and-drop target and file picker for documents.
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCEPTED_EXTENSIONS } from '../../core/documentFormats';
import { useIngestStore } from '../../state/documents/ingestStore';

export function DropZone() {
  const { t } = useTranslation();
  const addFiles = useIngestStore((s) => s.addFiles);
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
    </div>
  );
}
