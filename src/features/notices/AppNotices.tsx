// The app-level notices (src/state/runtime/noticesStore.ts), at the top of the page, each dismissible.
import { useNoticesStore } from '../../state/runtime/noticesStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';

export function AppNotices() {
  const notices = useNoticesStore((s) => s.notices);
  const dismiss = useNoticesStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="app-notices" data-testid="app-notices">
      {notices.map((n) => (
        <Alert key={n.id} level="warning" onDismiss={() => dismiss(n.id)}>
          <MessageText message={n.message} />
        </Alert>
      ))}
    </div>
  );
}
