// The one-line "what next" hint: where the user must act to go on along the RAG path.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PIPELINE_STEPS, type PipelineStep, type StepState } from '../state/view/pipelineProgress';

export function nextHintText(t: TFunction, next: PipelineStep | null, state: StepState | undefined): string {
  if (next === null) return t('uipath.next.allDone');
  if (state === 'failed') return t('uipath.next.failed', { stage: t(`uipath.stage.${next}`), n: PIPELINE_STEPS.indexOf(next) + 1 });
  return t(`uipath.next.${next}`);
}

export function NextHint({ next, state, className }: { next: PipelineStep | null; state: StepState | undefined; className?: string }) {
  const { t } = useTranslation();
  return (
    <p className={`next-hint ${className ?? ''}`} data-testid="next-hint">
      <strong>{t('uipath.nextLabel')}</strong> {nextHintText(t, next, state)}
    </p>
  );
}
