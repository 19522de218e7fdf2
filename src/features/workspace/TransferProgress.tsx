// The progress of a workspace export or import (which stage, how far) and its Cancel button, shown while
// the job can still be cancelled.
import { useTranslation } from 'react-i18next';
import type { TransferJob } from '../../state/workspace/transferStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatBytes, formatNumber } from '@openbook/core/format';

export function TransferProgress({ job, onCancel }: { job: TransferJob; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const bytes = job.stage === 'unpacking';
  const format = (n: number) => (bytes ? formatBytes(n, locale) : formatNumber(n, locale));
  const counted = job.total > 0 && (bytes || job.stage === 'packing' || job.stage === 'checking');
  const label = job.kind === 'export' ? t('transferJob.exportProgress') : t('transferJob.importProgress', { name: job.name });
  return (
    <div className="row" data-testid="transfer-progress">
      <div style={{ flex: 1 }}>
        <ProgressBar
          label={label}
          value={counted ? job.done : undefined}
          max={counted ? job.total : undefined}
          detail={t(`transferJob.stages.${job.stage}`, { done: format(job.done), total: format(job.total) })}
        />
      </div>
      {job.cancellable && (
        <button type="button" className="secondary" onClick={onCancel}>
          {job.kind === 'export' ? t('transferJob.cancelExport') : t('transferJob.cancelImport')}
        </button>
      )}
    </div>
  );
}
