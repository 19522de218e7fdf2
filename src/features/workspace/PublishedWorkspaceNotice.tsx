// The workspace the page address links to: being opened, opened, refused with the reason, or waiting for
// the user's answer where it would replace the workspace this browser holds.
import { useTranslation } from 'react-i18next';
import { keepCurrentWorkspace, openPublishedWorkspace, usePublishedStore } from '../../state/workspace/publishedStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';

export function PublishedWorkspaceNotice() {
  const { t } = useTranslation();
  const { pending, opening, outcome } = usePublishedStore();
  if (opening) {
    return (
      <Alert level="info">
        <span role="status">{t('published.opening', { name: opening })}</span>
      </Alert>
    );
  }
  if (pending) {
    return (
      <Alert level="warning">
        <p>{t('published.confirm', { name: pending.name })}</p>
        <div className="row">
          <button type="button" onClick={() => void openPublishedWorkspace(pending.url, pending.name)}>
            {t('published.open')}
          </button>
          <button type="button" className="secondary" onClick={keepCurrentWorkspace}>
            {t('published.keep')}
          </button>
        </div>
      </Alert>
    );
  }
  if (!outcome) return null;
  return (
    <Alert level={outcome.level} onDismiss={() => usePublishedStore.setState({ outcome: null })}>
      <span data-testid="published-outcome">
        <MessageText message={outcome.message} />
        {outcome.reason && (
          <>
            {' '}
            <MessageText message={outcome.reason} />
          </>
        )}
      </span>
    </Alert>
  );
}
