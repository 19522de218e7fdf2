// Why the exact scan answers instead of Voy, in words: index-wide reasons (embedding.fallback.*, shown
// in step 3) or 'filtered' for one search (Voy cannot filter). Used by the index summary and the engine switch.
import type { TFunction } from 'i18next';
import type { IndexStatus } from '../../state/models/catalog';

export function engineReasonText(t: TFunction, reason: string, status: IndexStatus | null): string {
  if (reason === 'filtered') return t('indexEngine.filtered');
  return t(`embedding.fallback.${reason}`, { defaultValue: reason, count: status?.size ?? 0, limit: status?.voyLimit ?? 0 });
}
