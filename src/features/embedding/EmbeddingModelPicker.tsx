// Choosing the embedding model: each with its dimension, download size and languages.
import { useTranslation } from 'react-i18next';
import { useIndexStore } from '../../state/indexStore';
import { formatNumber } from '../../ui/format';

export function EmbeddingModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const models = useIndexStore((s) => s.models);
  const modelId = useIndexStore((s) => s.modelId);
  const setModel = useIndexStore((s) => s.setModel);

  return (
    <fieldset className="model-picker" disabled={disabled}>
      <legend>{t('embedding.model')}</legend>
      {models.map((m) => (
        <label key={m.id} className="model-option">
          <input type="radio" name="embedding-model" value={m.id} checked={m.id === modelId} onChange={() => setModel(m.id)} />
          <span className="model-option-text">
            <strong>{m.label}</strong> <code className="muted">{m.id}</code>
            <span className="muted small">
              {t('embedding.modelFacts', {
                dimension: m.dimension,
                size: m.sizeMB < 1 ? '< 1' : formatNumber(m.sizeMB, i18n.language),
                languages: m.languagesNote ?? m.languages.join(', '),
                maxTokens: m.maxTokens,
              })}
              {m.queryPrefix && ` · ${t('embedding.queryPrefix', { prefix: m.queryPrefix })}`}
              {m.passagePrefix && ` · ${t('embedding.passagePrefix', { prefix: m.passagePrefix })}`}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
