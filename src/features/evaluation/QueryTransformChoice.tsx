// Query transformation as an evaluation configuration's dimension (issue 14): none, multi-query (n
// rewrites), HyDE or a standalone rewrite, written by the loaded chat model for each question. Without a
// loaded chat model the configuration says so here (and fails with that reason if run).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvalConfiguration } from '@openbook/core/evaluation/configuration';
import { EVAL_QUERY_TRANSFORM_MODES, sanitizeEvalQueryTransform, type EvalQueryTransformMode } from '@openbook/core/evaluation/queryTransformDimension';
import { MAX_REWRITES } from '@openbook/core/retrieval/queryTransform';
import { useGenerationStore } from '../../state/generation/generationStore';

type Patch = Partial<Omit<EvalConfiguration, 'id'>>;

export function QueryTransformChoice({ c, set }: { c: EvalConfiguration; set: (patch: Patch) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const loadedModelId = useGenerationStore((s) => s.loadedModelId);
  const transform = c.queryTransform ?? null;
  return (
    <div className="row">
      {/* The label names the list apart from its options (one says "search": the configuration's "Search" list keeps its own name). */}
      <label htmlFor={id} title={t('retr14.evalQueries.help')}>
        {t('retr14.evalQueries.label')}
      </label>{' '}
      <select
        id={id}
        value={transform?.mode ?? 'none'}
        onChange={(e) =>
          set({
            queryTransform: e.target.value === 'none' ? null : sanitizeEvalQueryTransform({ ...transform, mode: e.target.value as EvalQueryTransformMode }),
          })
        }
      >
        <option value="none">{t('techniques.queries.modes.none')}</option>
        {EVAL_QUERY_TRANSFORM_MODES.map((m) => (
          <option key={m} value={m}>
            {t(`techniques.queries.modes.${m}`)}
          </option>
        ))}
      </select>
      {transform?.mode === 'multi' && (
        <label>
          {t('techniques.queries.rewrites')}{' '}
          <input
            type="number"
            min={1}
            max={MAX_REWRITES}
            value={transform.rewrites}
            onChange={(e) => set({ queryTransform: sanitizeEvalQueryTransform({ ...transform, rewrites: Number(e.target.value) }) })}
          />
        </label>
      )}
      {transform && (
        <p className="small muted" data-testid="eval-queries-note">
          {transform.mode === 'standalone' ? t('retr14.evalQueries.standaloneNote') : t('retr14.evalQueries.note')}
        </p>
      )}
      {transform && !loadedModelId && (
        <p className="small warning-text" role="status" data-testid="eval-queries-needs-model">
          {t('retr14.evalQueries.needsModel')}
        </p>
      )}
    </div>
  );
}
