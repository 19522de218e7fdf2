// The labs of the generation step: each changes one thing in the prompt and shows what the model does.
import { useTranslation } from 'react-i18next';
import { LeaveOneOutLab } from './LeaveOneOutLab';
import { PositionsLab } from './PositionsLab';
import { useLabAvailability } from './labAvailability';

export function LabsPanel() {
  const { t } = useTranslation();
  const { ready } = useLabAvailability();
  return (
    <div className="labs" role="region" aria-label={t('labs.title')} id="labs">
      <h3>{t('labs.title')}</h3>
      <p className="muted small">{t('labs.intro')}</p>
      {!ready && (
        <p className="muted small" data-testid="labs-needs">
          {t('labs.needs')}
        </p>
      )}
      <PositionsLab />
      <LeaveOneOutLab />
    </div>
  );
}
