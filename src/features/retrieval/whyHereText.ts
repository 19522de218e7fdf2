// A result's "why here" in words (e.g. "3rd by meaning, 1st by keywords → 1st after fusion → moved up 2
// places by reranking, to 1st"), from the structured value core/retrieval/whyHere.ts builds.
import type { TFunction } from 'i18next';
import { splitWhySteps, type WhyHere, type WhyStep } from '@openbook/core/retrieval/whyHere';
import { formatNumber } from '@openbook/core/format';

/** "1st", "2nd", … (第 1, 第 2, … in Chinese). */
export function ordinalText(t: TFunction, locale: string, n: number): string {
  const form = new Intl.PluralRules(locale, { type: 'ordinal' }).select(n);
  const key = form === 'one' || form === 'two' || form === 'few' ? form : 'other';
  return t(`results.ordinal.${key}`, { n: formatNumber(n, locale) });
}

function stepText(t: TFunction, locale: string, step: WhyStep): string {
  const n = (x: number) => formatNumber(x, locale);
  switch (step.kind) {
    case 'meaning':
      return step.rank === null ? t('results.notByMeaning', { n: n(step.candidates) }) : t('results.byMeaning', { place: ordinalText(t, locale, step.rank) });
    case 'keywords':
      return step.rank === null ? t('results.notByKeywords', { n: n(step.candidates) }) : t('results.byKeywords', { place: ordinalText(t, locale, step.rank) });
    case 'fusion':
      return t('results.fusion', { place: ordinalText(t, locale, step.rank) });
    case 'rerank':
    case 'mmr': {
      const place = ordinalText(t, locale, step.rank);
      if (step.moved === 0) return t(`results.${step.kind}Same`, { place });
      const direction = step.moved > 0 ? 'Up' : 'Down';
      return t(`results.${step.kind}${direction}`, { count: Math.abs(step.moved), place });
    }
  }
}

export function whyHereText(t: TFunction, locale: string, why: WhyHere): string {
  const { first, later } = splitWhySteps(why);
  const parts = [first.map((s) => stepText(t, locale, s)).join(t('results.listSeparator')), ...later.map((s) => stepText(t, locale, s))];
  const threshold = why.threshold === null ? '' : t('results.threshold', { min: formatNumber(why.threshold, locale, 2) });
  return parts.join(t('results.stageSeparator')) + threshold;
}
