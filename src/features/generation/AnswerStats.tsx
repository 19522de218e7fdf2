// One answer's figures: time to first token, prefill and decode speeds, prompt and answer tokens.
import { useTranslation } from 'react-i18next';
import type { GenerationStats } from '../../state/models/catalog';
import { formatNumber } from '@openbook/core/format';

export function AnswerStats({ stats, testId }: { stats: GenerationStats; testId: string }) {
  const { t, i18n } = useTranslation();
  const n = (x: number | null, digits = 1) => (x === null ? '–' : formatNumber(x, i18n.language, digits));
  return (
    <p className="muted small" data-testid={testId}>
      {t('generation.stats', {
        ttft: n(stats.timeToFirstTokenS, 2),
        prefill: n(stats.prefillTokensPerS),
        decode: n(stats.decodeTokensPerS),
        prompt: stats.promptTokens ?? '–',
        tokens: stats.completionTokens ?? '–',
      })}
    </p>
  );
}
