// The start-up steps that failed (see src/state/runtime/startupStore.ts), each in words, dismissible.
import { useTranslation } from 'react-i18next';
import { useStartupStore } from '../../state/runtime/startupStore';
import { Alert } from '../../ui/Alert';

export function StartupNotice() {
  const { t } = useTranslation();
  const problems = useStartupStore((s) => s.problems);
  const dismiss = useStartupStore((s) => s.dismiss);
  if (problems.length === 0) return null;
  return (
    <div className="notices startup-notice">
      {problems.map((p) => (
        <Alert key={p.step} level="error" onDismiss={() => dismiss(p.step)}>
          <p>
            <strong>{t('resilience.startup.title')}</strong>
          </p>
          <p>{t('resilience.startup.failed', { what: t(`resilience.startup.steps.${p.step}`), detail: p.detail })}</p>
        </Alert>
      ))}
    </div>
  );
}
