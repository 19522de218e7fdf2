// LLM-written chunk context (issue 14, the contextual-retrieval recipe): a sentence per chunk by the loaded
// chat model, used in the embedded and keyword-indexed text (never in the text shown). The cost is stated
// before it starts; the run shows progress and can be cancelled; what was written is kept.
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@openbook/core/format';
import { useChunkContextStore } from '../../state/chunks/chunkContextStore';
import { cancelChunkContexts, planChunkContexts, writeChunkContexts } from '../../state/chunks/chunkContextFlow';
import { useGenerationStore } from '../../state/generation/generationStore';
import { Alert } from '../../ui/Alert';
import { MessageText } from '../../ui/MessageText';
import { ProgressBar } from '../../ui/ProgressBar';

export function ChunkContextPanel({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const s = useChunkContextStore();
  const loadedModelId = useGenerationStore((g) => g.loadedModelId);
  const n = (x: number) => formatNumber(x, i18n.language);
  const kept = Object.keys(s.contexts).length;
  return (
    <fieldset className="chunk-context" aria-label={t('retr14.chunkContext.legend')}>
      <label className="choice" title={t('retr14.chunkContext.help')}>
        <input type="checkbox" checked={s.use} disabled={disabled || s.phase === 'writing'} onChange={(e) => s.setUse(e.target.checked)} />
        {t('retr14.chunkContext.use')}
      </label>
      {s.use && (
        <>
          <p className="small muted">{t('retr14.chunkContext.explain', { kept: n(kept) })}</p>
          {!loadedModelId && <p className="small warning-text">{t('retr14.chunkContext.needsModel')}</p>}
          <div className="row">
            <button type="button" className="secondary" disabled={!loadedModelId || s.phase !== 'idle'} onClick={() => void planChunkContexts()}>
              {t('retr14.chunkContext.plan')}
            </button>
          </div>
          {s.plan && s.phase !== 'writing' && (
            <div role="status" data-testid="chunk-context-cost">
              <p className="small">
                {t('retr14.chunkContext.cost', {
                  count: s.plan.generations,
                  model: s.plan.modelId,
                  prompt: n(s.plan.promptTokens),
                  answer: n(s.plan.answerTokens),
                  kept: n(s.plan.kept),
                })}
              </p>
              <div className="row">
                <button type="button" disabled={s.plan.generations === 0} onClick={() => void writeChunkContexts()}>
                  {t('retr14.chunkContext.write', { count: s.plan.generations })}
                </button>
              </div>
            </div>
          )}
          {s.phase === 'writing' && s.progress && (
            <div className="row" data-testid="chunk-context-progress">
              <ProgressBar
                value={s.progress.done}
                max={Math.max(1, s.progress.total)}
                label={t('retr14.chunkContext.writing')}
                detail={t('retr14.chunkContext.progress', { done: n(s.progress.done), total: n(s.progress.total) })}
              />
              <button type="button" className="secondary" onClick={cancelChunkContexts}>
                {t('common.cancel')}
              </button>
            </div>
          )}
          {s.notice && s.phase === 'idle' && (
            <p className="small" role="status" data-testid="chunk-context-notice">
              <MessageText message={s.notice} />
            </p>
          )}
        </>
      )}
      {s.error && (
        <Alert level="error" onDismiss={() => useChunkContextStore.setState({ error: null })}>
          <MessageText message={s.error} />
        </Alert>
      )}
    </fieldset>
  );
}
