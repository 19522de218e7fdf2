// A message shown where the user is looking: an error, a warning or a note, optionally dismissible.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  level: 'error' | 'warning' | 'info';
  children: ReactNode;
  onDismiss?: () => void;
}

export function Alert({ level, children, onDismiss }: Props) {
  const { t } = useTranslation();
  return (
    <div className={`alert alert-${level}`} role={level === 'error' ? 'alert' : 'status'}>
      <div className="alert-body">{children}</div>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label={t('common.dismiss')}>
          ×
        </button>
      )}
    </div>
  );
}
