// One configuration: embedding model, chunks, k, search mode, reranker.
import { useTranslation } from 'react-i18next';
import { TechniqueChoices } from './TechniqueChoices';
import { QueryTransformChoice } from './QueryTransformChoice';
import { MAX_EVAL_TOP_K, needsOwnIndex, type EvalConfiguration } from '@openbook/core/evaluation/configuration';
import type { SearchMode } from '@openbook/core/retrievalConfig';
import { useEvaluationStore } from '../../state/evaluation/evaluationStore';
import { useIndexStore } from '../../state/embedding/indexStore';
import { useChunkingStore } from '../../state/chunks/chunkingStore';
import { validateChunkerSettings } from '@openbook/core/chunkers/settings';
import { ChunkerSettingsForm } from '../chunks';

const MODES: SearchMode[] = ['vector', 'keyword', 'hybrid'];
/** The reranker proposed when reranking is switched on (any model id the pipeline knows can be typed). */
const DEFAULT_RERANKER = 'Xenova/ms-marco-MiniLM-L-6-v2';
const INDEX_MODEL = '';

export function ConfigurationEditor({ configuration: c, n }: { configuration: EvalConfiguration; n: number }) {
  const { t } = useTranslation();
  const update = useEvaluationStore((s) => s.updateConfiguration);
  const remove = useEvaluationStore((s) => s.removeConfiguration);
  const running = useEvaluationStore((s) => s.phase === 'running');
  const models = useIndexStore((s) => s.models);
  const indexedModelId = useIndexStore((s) => s.indexedModelId);
  const indexedChunking = useIndexStore((s) => s.indexedChunking);
  const indexedHeaders = useIndexStore((s) => s.indexedHeaders);
  const currentChunking = useChunkingStore((s) => s.options);
  const own = needsOwnIndex(c, { modelId: indexedModelId, chunking: indexedChunking, embedHeaders: indexedHeaders });
  const set = (patch: Partial<Omit<EvalConfiguration, 'id'>>) => update(c.id, patch);
  const label = t('evaluation.configurations.label', { n });

  return (
    <li className="configuration" aria-label={label}>
      <fieldset disabled={running}>
        <legend>{label}</legend>
        <div className="row">
          <label>
            {t('evaluation.configurations.model')}
            <select
              value={c.embeddingModelId ?? INDEX_MODEL}
              onChange={(e) => set({ embeddingModelId: e.target.value === INDEX_MODEL ? null : e.target.value })}
            >
              <option value={INDEX_MODEL}>
                {indexedModelId ? t('evaluation.configurations.indexModel', { model: indexedModelId }) : t('evaluation.configurations.noIndexModel')}
              </option>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('evaluation.configurations.chunking')}
            <select
              value={c.chunking ? 'own' : 'index'}
              onChange={(e) => set({ chunking: e.target.value === 'own' ? { ...(indexedChunking ?? currentChunking) } : null })}
            >
              <option value="index">{t('evaluation.configurations.indexChunking')}</option>
              <option value="own">{t('evaluation.configurations.ownChunking')}</option>
            </select>
          </label>
        </div>
        {c.chunking && (
          <ChunkerSettingsForm
            value={c.chunking}
            error={validateChunkerSettings(c.chunking)}
            onChange={(chunking) => set({ chunking })}
            modelLabel={c.embeddingModelId ?? indexedModelId}
          />
        )}
        <div className="row">
          <label>
            {t('evaluation.configurations.topK')}
            <input type="number" min={1} max={MAX_EVAL_TOP_K} value={c.topK} onChange={(e) => set({ topK: Number(e.target.value) })} />
          </label>
          <label>
            {t('evaluation.configurations.mode')}
            <select value={c.mode} onChange={(e) => set({ mode: e.target.value as SearchMode })}>
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`evaluation.configurations.modes.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="choice">
            <input type="checkbox" checked={c.rerankModelId !== null} onChange={(e) => set({ rerankModelId: e.target.checked ? DEFAULT_RERANKER : null })} />
            {t('evaluation.configurations.rerank')}
          </label>
          {c.rerankModelId !== null && (
            <label className="grow">
              {t('evaluation.configurations.rerankModel')}
              <input value={c.rerankModelId} onChange={(e) => set({ rerankModelId: e.target.value })} />
            </label>
          )}
          <button type="button" className="link-button" aria-label={t('evaluation.configurations.remove', { n })} onClick={() => remove(c.id)}>
            ×
          </button>
        </div>
        <TechniqueChoices c={c} set={set} />
        <QueryTransformChoice c={c} set={set} />
        {own && <p className="small muted">{t('evaluation.configurations.ownIndex')}</p>}
      </fieldset>
    </li>
  );
}
