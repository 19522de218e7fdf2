// The streamed answer, or why there is none, with time to first token and tokens per second.
import { useTranslation } from 'react-i18next';
import { useGenerationStore } from '../../state/generationStore';
import { useGpuStore } from '../../state/gpuStore';
import { formatNumber } from '../../ui/format';

export function AnswerView() {
  const { t, i18n } = useTranslation();
  const phase = useGenerationStore((s) => s.phase);
  const answer = useGenerationStore((s) => s.answer);
  const stats = useGenerationStore((s) => s.stats);
  const stopped = useGenerationStore((s) => s.stopped);
  const loadedModelId = useGenerationStore((s) => s.loadedModelId);
  const caps = useGpuStore((s) => s.caps);
  const n = (x: number | null, digits = 1) => (x === null ? '–' : formatNumber(x, i18n.language, digits));

  let why: string | null = null;
  if (!answer && phase !== 'generating') {
    if (caps && !caps.webgpu) why = t('generation.noAnswer.noWebgpu');
    else if (!loadedModelId) why = t('generation.noAnswer.noModel');
    else why = t('generation.noAnswer.askFirst');
  }

  return (
    <div className="answer" aria-label={t('generation.answer')} role="region">
      <h3>{t('generation.answer')}</h3>
      {why ? (
        <p className="muted" data-testid="no-answer-reason">
          {why}
        </p>
      ) : (
        <div className="answer-text" aria-live="polite" aria-busy={phase === 'generating'} data-testid="answer-text">
          {answer}
          {phase === 'generating' && <span className="cursor" aria-hidden="true" />}
        </div>
      )}
      {stopped && phase !== 'generating' && <p className="muted small">{t('generation.stopped')}</p>}
      {stats && (
        <p className="muted small" data-testid="generation-stats">
          {t('generation.stats', {
            ttft: n(stats.timeToFirstTokenS, 2),
            prefill: n(stats.prefillTokensPerS),
            decode: n(stats.decodeTokensPerS),
            tokens: stats.completionTokens ?? '–',
          })}
        </p>
      )}
    </div>
  );
}
