// What each score in step 4 is called, with its range: shared by the settings (the threshold says which
// score it applies to) and the results table.
import type { TFunction } from 'i18next';
import type { RetrievalConfig } from '@openbook/core/retrievalConfig';
import { rrfMax } from '@openbook/core/retrieval/fusion';
import { scoreStage } from '@openbook/core/retrieval/stages';
import { formatNumber } from '@openbook/core/format';

/** The largest RRF score with two lists (k = 60), shown with 3 decimals: 0.033. */
export const rrfMaxText = (locale: string) => formatNumber(rrfMax(2), locale, 3);

/** The score the final ranking uses, in words, with its range. */
export function finalScoreLabel(t: TFunction, config: Pick<RetrievalConfig, 'mode' | 'fusion' | 'rerankModelId'>, locale: string): string {
  const stage = scoreStage(config);
  if (stage === 'fused') return config.fusion === 'rrf' ? t('search.stage.rrf', { max: rrfMaxText(locale) }) : t('search.stage.weighted');
  return t(`search.stage.${stage}`);
}
