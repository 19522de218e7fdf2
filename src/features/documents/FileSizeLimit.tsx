// The size cap for added files (a setting, in MB).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidMaxFileMB, MAX_MAX_FILE_MB, MIN_MAX_FILE_MB, useIngestSettingsStore } from '../../state/documents/ingestSettingsStore';

export function FileSizeLimit() {
  const { t } = useTranslation();
  const maxFileMB = useIngestSettingsStore((s) => s.maxFileMB);
  const setMaxFileMB = useIngestSettingsStore((s) => s.setMaxFileMB);
  const [draft, setDraft] = useState(String(maxFileMB));
  const value = Number(draft);
  const valid = draft.trim() !== '' && isValidMaxFileMB(value);
  return (
    <div className="file-size-limit">
      <label>
        {t('ingest.maxFileSize')}{' '}
        <input
          type="number"
          inputMode="decimal"
          min={MIN_MAX_FILE_MB}
          max={MAX_MAX_FILE_MB}
          step="any"
          value={draft}
          aria-invalid={!valid}
          onChange={(e) => {
            setDraft(e.target.value);
            const mb = Number(e.target.value);
            if (e.target.value.trim() !== '' && isValidMaxFileMB(mb)) setMaxFileMB(mb);
          }}
        />
      </label>
      {!valid && (
        <span className="small danger-text" role="alert">
          {t('ingest.maxFileSizeInvalid', { min: MIN_MAX_FILE_MB, max: MAX_MAX_FILE_MB })}
        </span>
      )}
    </div>
  );
}
