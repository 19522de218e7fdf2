// Renders a stored Message (translation key + values) in the current language.
import { useTranslation } from 'react-i18next';
import type { Message } from '../i18n/message';

export function MessageText({ message }: { message: Message }) {
  const { t } = useTranslation();
  return <>{t(message.key, message.values ?? {})}</>;
}
