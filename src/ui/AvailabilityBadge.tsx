// Whether a model can load here, as a small badge beside it in a model picker ("On this site", "In this
// browser", "Downloadable", "Not reachable now", "Checking…", "Built in"), with a hint saying what it means.
import { useTranslation } from 'react-i18next';
import type { ModelAvailability } from '@openbook/core/modelAvailability';

/** The badge's words and hint for each availability, in the interface language. */
export function useAvailabilityText(): { label(a: ModelAvailability): string; hint(a: ModelAvailability): string } {
  const { t } = useTranslation();
  return {
    label(a) {
      switch (a) {
        case 'site':
          return t('availability.site');
        case 'cached':
          return t('availability.cached');
        case 'downloadable':
          return t('availability.downloadable');
        case 'unreachable':
          return t('availability.unreachable');
        case 'checking':
          return t('availability.checking');
        case 'builtin':
          return t('availability.builtin');
      }
    },
    hint(a) {
      switch (a) {
        case 'site':
          return t('availability.hints.site');
        case 'cached':
          return t('availability.hints.cached');
        case 'downloadable':
          return t('availability.hints.downloadable');
        case 'unreachable':
          return t('availability.hints.unreachable');
        case 'checking':
          return t('availability.hints.checking');
        case 'builtin':
          return t('availability.hints.builtin');
      }
    },
  };
}

/** The badge; its text is part of the label it sits in, so a radio's accessible name includes it. */
export function AvailabilityBadge({ availability }: { availability: ModelAvailability }) {
  const { label, hint } = useAvailabilityText();
  return (
    <span className={`availability availability-${availability}`} data-availability={availability} title={hint(availability)}>
      {label(availability)}
    </span>
  );
}
