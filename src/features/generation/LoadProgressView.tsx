// The chat model's download: overall progress, the file in hand, bytes, each file where the engine reports
// files (transformers.js), and a way to cancel.
import { useTranslation } from 'react-i18next';
import { useGenerationStore } from '../../state/generation/generationStore';
import { ModelDownloadProgress } from '../../ui/ModelDownloadProgress';
import { formatBytes, formatNumber } from '@openbook/core/format';

export function LoadProgressView() {
  const { t, i18n } = useTranslation();
  const progress = useGenerationStore((s) => s.progress);
  const cancelLoad = useGenerationStore((s) => s.cancelLoad);
  const detail = progress
    ? [
        `${formatNumber(progress.progress * 100, i18n.language)}%`,
        progress.text,
        progress.bytes && progress.bytes.total > 0
          ? `${formatBytes(progress.bytes.loaded, i18n.language)} / ${formatBytes(progress.bytes.total, i18n.language)}`
          : '',
      ]
        .filter(Boolean)
        .join(' · ')
    : undefined;
  return (
    <div className="progress-list" data-testid="chat-load-progress">
      <ModelDownloadProgress
        files={progress?.files ?? []}
        overall={{ label: t('generation.loading'), value: progress?.progress ?? 0, max: 1, detail }}
        cancel={{ label: t('common.cancel'), onCancel: cancelLoad }}
      />
    </div>
  );
}
