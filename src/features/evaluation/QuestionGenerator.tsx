// Generating a question set with the loaded chat model: the sample size, the prompt (shown, editable),
// progress and cancel, then every generated question to review (edit, remove) before it joins the set.
import { useTranslation } from 'react-i18next';
import { MAX_GENERATED_QUESTIONS, useQuestionGenerationStore } from '../../state/evaluation/questionGenerationStore';
import { useGenerationStore } from '../../state/generation/generationStore';
import { formatNumber } from '@openbook/core/format';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';

export function QuestionGenerator() {
  const { t, i18n } = useTranslation();
  const s = useQuestionGenerationStore();
  const loadedModelId = useGenerationStore((g) => g.loadedModelId);
  const busy = s.phase === 'generating';
  const n = (x: number) => formatNumber(x, i18n.language);

  return (
    <section className="question-generator" aria-labelledby="question-generator-title">
      <h3 id="question-generator-title">{t('questionGeneration.title')}</h3>
      <p className="small muted">{loadedModelId ? t('questionGeneration.model', { model: loadedModelId }) : t('questionGeneration.noModel')}</p>
      <label className="stacked">
        {t('questionGeneration.prompt')}
        <textarea rows={6} value={s.prompt} disabled={busy} onChange={(e) => s.setPrompt(e.target.value)} />
      </label>
      <p className="small muted">{t('questionGeneration.promptHint')}</p>
      <div className="row">
        <label>
          {t('questionGeneration.sampleSize')}{' '}
          <input
            type="number"
            min={1}
            max={MAX_GENERATED_QUESTIONS}
            value={Number.isNaN(s.sampleSize) ? '' : s.sampleSize}
            disabled={busy}
            onChange={(e) => s.setSampleSize(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          />
        </label>
        <button type="button" disabled={busy} onClick={() => void s.generate()}>
          {t('questionGeneration.generate')}
        </button>
        {busy && (
          <button type="button" className="secondary" onClick={s.cancel}>
            {t('questionGeneration.cancel')}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={s.resetPrompt}>
          {t('questionGeneration.resetPrompt')}
        </button>
      </div>
      {busy && s.progress && (
        <ProgressBar
          label={t('questionGeneration.progress')}
          value={s.progress.done}
          max={s.progress.total}
          detail={t('evaluation.progress.count', { done: n(s.progress.done), total: n(s.progress.total) })}
        />
      )}
      {s.drafts.length > 0 && (
        <>
          <ol className="question-drafts" aria-label={t('questionGeneration.draftsLabel')}>
            {s.drafts.map((d, i) => (
              <li key={d.id}>
                <input
                  type="text"
                  aria-label={t('questionGeneration.draft', { n: i + 1 })}
                  value={d.question}
                  onChange={(e) => s.updateDraft(d.id, e.target.value)}
                />
                <button type="button" className="link-button" onClick={() => s.removeDraft(d.id)}>
                  {t('questionGeneration.remove', { n: i + 1 })}
                </button>
                <details>
                  <summary className="small muted">
                    {t('questionGeneration.source', { document: d.expectedDocument ?? '', text: d.expectedSubstring ?? '' })}
                  </summary>
                  <p className="small chunk-text">{d.chunkText}</p>
                </details>
              </li>
            ))}
          </ol>
          <div className="row">
            <button type="button" disabled={busy} onClick={s.addDrafts}>
              {t('questionGeneration.add', { count: s.drafts.length })}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={s.discardDrafts}>
              {t('questionGeneration.discard')}
            </button>
          </div>
        </>
      )}
      {s.error && (
        <Alert level="error" onDismiss={() => useQuestionGenerationStore.setState({ error: null })}>
          <MessageText message={s.error} />
        </Alert>
      )}
      {s.notice && (
        <Alert level="info" onDismiss={() => useQuestionGenerationStore.setState({ notice: null })}>
          <MessageText message={s.notice} />
        </Alert>
      )}
    </section>
  );
}
