// One message per input that could not be used (or was already there), each dismissible.
import { useTranslation } from 'react-i18next';
import { useDocumentsStore } from '../../state/documents/documentsStore';
import { Alert } from '../../ui/Alert';

export function InputNotices() {
  const { t } = useTranslation();
  const notices = useDocumentsStore((s) => s.notices);
  const dismiss = useDocumentsStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <Alert key={n.id} level={n.level} onDismiss={() => dismiss(n.id)}>
          <strong>{n.subject}</strong>: {t(n.message.key, n.message.values ?? {})}
        </Alert>
      ))}
    </div>
  );
}
