// The "Export for production" button: builds the export zip (src/state/export/productionExportStore.ts) with its
// progress and Cancel, downloads it, and says what came of it (the sizes, or what is missing, or why it failed)
// right below. Used in the workspace panel and beside the best configuration of an evaluation (with that
// configuration's search settings as `overrides`).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelProductionExport, exportForProduction, useProductionExportStore } from '../../state/export/productionExportStore';
import type { PipelineOverrides } from '../../state/export/pipelineFile';
import { message, type Message } from '../../i18n/message';
import { formatBytes, formatNumber } from '@openbook/core/format';
import { Alert } from '../../ui/Alert';
import { downloadBlob } from '../../ui/download';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';

interface Props {
  overrides?: PipelineOverrides;
  /** An accessible name other than the button's text (several such buttons on one screen). */
  ariaLabel?: string;
  disabled?: boolean;
}

export function ProductionExportButton({ overrides, ariaLabel, disabled = false }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const job = useProductionExportStore((s) => s.job);
  const [mine, setMine] = useState(false);
  const [outcome, setOutcome] = useState<{ level: 'info' | 'error'; text: Message } | null>(null);

  const run = async () => {
    setOutcome(null);
    setMine(true);
    try {
      const result = await exportForProduction(locale, overrides);
      if (!result) return;
      if (result.ok) {
        downloadBlob(result.blob, result.name);
        const { parquetBytes, sqlBytes, zipBytes } = result.sizes;
        setOutcome({
          level: 'info',
          text: message('productionExport.done', {
            rows: formatNumber(result.rows, locale),
            parquet: formatBytes(parquetBytes, locale),
            sql: formatBytes(sqlBytes, locale),
            zip: formatBytes(zipBytes, locale),
          }),
        });
      } else if (result.cancelled) setOutcome({ level: 'info', text: message('productionExport.cancelled') });
      else if (result.error) setOutcome({ level: 'error', text: result.error });
    } finally {
      setMine(false);
    }
  };

  const counted = job && job.total > 0 && (job.stage === 'writing' || job.stage === 'counting');
  return (
    <div className="production-export">
      <button type="button" className="secondary" aria-label={ariaLabel} disabled={disabled || job !== null} onClick={() => void run()}>
        {t('productionExport.export')}
      </button>
      {mine && job && (
        <div className="row" data-testid="production-export-progress">
          <div style={{ flex: 1 }}>
            <ProgressBar
              label={t('productionExport.export')}
              value={counted ? job.done : undefined}
              max={counted ? job.total : undefined}
              detail={t(`productionExport.stage.${job.stage}`, { done: formatNumber(job.done, locale), total: formatNumber(job.total, locale) })}
            />
          </div>
          <button type="button" className="secondary" onClick={cancelProductionExport}>
            {t('productionExport.cancel')}
          </button>
        </div>
      )}
      {outcome && (
        <Alert level={outcome.level} onDismiss={() => setOutcome(null)}>
          <span data-testid="production-export-outcome">
            <MessageText message={outcome.text} />
          </span>
        </Alert>
      )}
    </div>
  );
}
