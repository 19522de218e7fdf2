// The workers that died on their own (src/state/runtime/workerHealthStore.ts), each with its reason: the job it
// was doing failed, and it starts again the next time it is needed.
import { useTranslation } from 'react-i18next';
import { useWorkerHealthStore } from '../../state/runtime/workerHealthStore';
import { Alert } from '../../ui/Alert';

export function WorkerNotice() {
  const { t } = useTranslation();
  const deaths = useWorkerHealthStore((s) => s.deaths);
  const dismiss = useWorkerHealthStore((s) => s.dismiss);
  if (deaths.length === 0) return null;
  return (
    <div className="notices worker-notice">
      {deaths.map((d) => (
        <Alert key={d.worker} level="warning" onDismiss={() => dismiss(d.worker)}>
          <p>{t('resilience.workers.stopped', { worker: t(`resilience.workers.names.${d.worker}`), detail: d.detail })}</p>
        </Alert>
      ))}
    </div>
  );
}
