// The streamed answer, or why there is none, with time to first token, speeds and token counts.
import { useTranslation } from 'react-i18next';
import { engineBlocker } from '../../state/generationEngines';
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
  const engine = useGenerationStore((s) => s.engine);
  const caps = useGpuStore((s) => s.caps);
  const n = (x: number | null, digits = 1) => (x === null ? '–' : formatNumber(x, i18n.language, digits));

  let why: string | null = null;
  if (!answer && phase !== 'generating') {
    if (!loadedModelId && caps && engineBlocker(engine, caps)) why = t('generation.noAnswer.needsWebgpu');
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
      {stopped && phase !== 'generating' && (
        <p className="muted small" data-testid="answer-stopped">
          {t('generation.stopped')}
        </p>
      )}
      {stats && (
        <p className="muted small" data-testid="generation-stats">
          {t('generation.stats', {
            ttft: n(stats.timeToFirstTokenS, 2),
            prefill: n(stats.prefillTokensPerS),
            decode: n(stats.decodeTokensPerS),
            prompt: stats.promptTokens ?? '–',
            tokens: stats.completionTokens ?? '–',
          })}
        </p>
      )}
    </div>
  );
}
