// From pressing Ask to the first token, by stage: the app's own overhead next to the models' time.
import { useTranslation } from 'react-i18next';
import { useGenerationStore } from '../../state/generation/generationStore';
import { formatNumber } from '@openbook/core/format';

export function AskTimingsView() {
  const { t, i18n } = useTranslation();
  const last = useGenerationStore((s) => s.askTimings);
  if (!last) return null;
  const ms = (x: number) => formatNumber(x, i18n.language, 1);
  return (
    <p
      className="muted small"
      data-testid="ask-timings"
      data-total={last.totalMs}
      data-embed={last.embedMs}
      data-search={last.searchMs}
      data-prompt={last.promptMs}
      data-generation={last.generationMs}
      data-other={last.otherMs}
      data-outside={last.outsideModelsMs}
    >
      {t('askTimings.line', {
        total: ms(last.totalMs),
        embed: ms(last.embedMs),
        search: ms(last.searchMs),
        prompt: ms(last.promptMs),
        generation: ms(last.generationMs),
        other: ms(last.otherMs),
        outside: ms(last.outsideModelsMs),
      })}
    </p>
  );
}
