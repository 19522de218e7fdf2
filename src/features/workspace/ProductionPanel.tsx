// The workspace menu's production part: "Export for production" (the tuned pipeline, its vectors in open
// formats and a Node project, in one zip) and "Open pipeline file" (apply every setting of an
// openbook.pipeline.json; a file that cannot be applied changes nothing and says why).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyPipelineFile } from '../../state/export/pipelineFile';
import { message, type Message } from '../../i18n/message';
import { Alert } from '../../ui/Alert';
import { FileButton } from '../../ui/FileButton';
import { MessageText } from '../../ui/MessageText';
import { ProductionExportButton } from './ProductionExportButton';

type Outcome = { level: 'info' | 'error'; lead: Message; reason?: Message };

/** Pipeline files are a few kilobytes; anything far larger is not one. */
const MAX_PIPELINE_BYTES = 5 * 1024 * 1024;

export function ProductionPanel() {
  const { t } = useTranslation();
  const [opening, setOpening] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const open = async (file: File) => {
    setOutcome(null);
    setOpening(true);
    const name = file.name;
    try {
      let text: string;
      try {
        if (file.size > MAX_PIPELINE_BYTES) throw new Error('too large');
        text = await file.text();
      } catch {
        setOutcome({ level: 'error', lead: message('productionExport.rejected', { name }), reason: message('productionExport.unreadable') });
        return;
      }
      const result = await applyPipelineFile(text);
      setOutcome(
        result.ok
          ? { level: 'info', lead: message('productionExport.applied', { name, model: result.modelId }) }
          : { level: 'error', lead: message('productionExport.rejected', { name }), reason: result.error },
      );
    } finally {
      setOpening(false);
    }
  };

  return (
    <section className="production" aria-labelledby="production-title">
      <h4 id="production-title">{t('productionExport.title')}</h4>
      <p className="small muted">{t('productionExport.explain')}</p>
      <div className="row">
        <ProductionExportButton />
        <FileButton inputLabel={t('productionExport.openPipelineFile')} accept=".json,application/json" disabled={opening} onFile={(file) => void open(file)}>
          {t('productionExport.openPipeline')}
        </FileButton>
      </div>
      {outcome && (
        <Alert level={outcome.level} onDismiss={() => setOutcome(null)}>
          <span data-testid="pipeline-outcome">
            <MessageText message={outcome.lead} /> {outcome.reason && <MessageText message={outcome.reason} />}
          </span>
        </Alert>
      )}
    </section>
  );
}
