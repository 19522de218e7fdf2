// The one download-progress view of a model (embedding model, reranker, chat model): the whole model's
// progress where the engine reports one, each file's bytes where it reports files, "preparing" until the
// first file shows, and a Cancel button where the load can be cancelled.
import { useTranslation } from 'react-i18next';
import type { DownloadProgress } from '@openbook/core/types';
import { formatBytes } from '@openbook/core/format';
import { ProgressBar } from './ProgressBar';

interface Props {
  /** Each file's download so far (empty until the first file starts, or for an engine without files). */
  files: readonly DownloadProgress[];
  /** The whole model's progress (WebLLM, and the chat engine's sum over its files), if shown. */
  overall?: { label: string; value: number; max: number; detail?: string };
  /** Shown, as an indeterminate bar, while no file and no overall progress is known yet. */
  preparing?: string;
  /** A Cancel button, where this progress view holds it. */
  cancel?: { label: string; onCancel(): void };
}

export function ModelDownloadProgress({ files, overall, preparing, cancel }: Props) {
  const { t, i18n } = useTranslation();
  const bytes = (n: number) => formatBytes(n, i18n.language);
  return (
    <>
      {overall && <ProgressBar label={overall.label} value={overall.value} max={overall.max} detail={overall.detail} />}
      {!overall && files.length === 0 && preparing && <ProgressBar label={preparing} />}
      {files.map((f) => (
        <ProgressBar
          key={f.file}
          label={t('modelDownload.file', { file: f.file })}
          value={f.loadedBytes}
          max={f.totalBytes}
          detail={f.done ? t('modelDownload.fileDone', { size: bytes(f.totalBytes) }) : `${bytes(f.loadedBytes)} / ${bytes(f.totalBytes)}`}
        />
      ))}
      {cancel && (
        <div className="row">
          <button type="button" className="secondary" onClick={cancel.onCancel}>
            {cancel.label}
          </button>
        </div>
      )}
    </>
  );
}
