// The streamed answer with its citations, or why there is none, with time to first token, speeds and token counts.
import { useTranslation } from 'react-i18next';
import { engineBlocker } from '../../state/generation/generationEngines';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useGpuStore } from '../../state/models/gpuStore';
import { useLabStore } from '../../state/labs/labStore';
import { AnswerStats } from './AnswerStats';
import { useCitationSources } from './citationSources';
import { CitedAnswer } from './CitedAnswer';
import { AskTimingsView } from './AskTimingsView';
import { ExpertOnly } from '../../ui/ExpertOnly';

export function AnswerView() {
  const { t } = useTranslation();
  const phase = useGenerationStore((s) => s.phase);
  const answer = useGenerationStore((s) => s.answer);
  const stats = useGenerationStore((s) => s.stats);
  const sources = useCitationSources(useGenerationStore((s) => s.answeredPrompt));
  const stopped = useGenerationStore((s) => s.stopped);
  const loadedModelId = useGenerationStore((s) => s.loadedModelId);
  const engine = useGenerationStore((s) => s.engine);
  const caps = useGpuStore((s) => s.caps);
  // While a lab runs, the model is busy with the lab's answers, not with this one.
  const labRunning = useLabStore((s) => s.running);
  const generating = phase === 'generating' && !labRunning;

  let why: string | null = null;
  if (!answer && !generating) {
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
        <div id="answer-text" className="answer-text" aria-live="polite" aria-busy={generating} data-testid="answer-text">
          <CitedAnswer text={answer} sources={sources} />
          {generating && <span className="cursor" aria-hidden="true" />}
        </div>
      )}
      {stopped && !generating && (
        <p className="muted small" data-testid="answer-stopped">
          {t('generation.stopped')}
        </p>
      )}
      {stats && <AnswerStats stats={stats} testId="generation-stats" />}
      <ExpertOnly>
        <AskTimingsView />
      </ExpertOnly>
    </div>
  );
}
