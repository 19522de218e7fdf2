// Choosing the embedding model: each with its dimension, download size, languages and whether it can load here.
import { useTranslation } from 'react-i18next';
import { availabilityOf } from '../../core/modelAvailability';
import { useIndexStore } from '../../state/embedding/indexStore';
import { useAvailabilityFacts } from '../../state/models/modelAvailabilityStore';
import { AvailabilityBadge } from '../../ui/AvailabilityBadge';
import { formatNumber } from '../../core/format';

export function EmbeddingModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const models = useIndexStore((s) => s.models);
  const modelId = useIndexStore((s) => s.modelId);
  const setModel = useIndexStore((s) => s.setModel);
  const facts = useAvailabilityFacts();
  const megabytes = (mb: number) => (mb < 1 ? '< 1' : formatNumber(mb, i18n.language));
  // Language codes in the interface language ("English, Chinese" / "英语、中文").
  const languageNames = (codes: string[]) => {
    if (codes.includes('multilingual')) return t('embedding.multilingual');
    const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
    return new Intl.ListFormat([i18n.language], { style: 'narrow', type: 'conjunction' }).format(codes.map((c) => names.of(c) ?? c));
  };

  return (
    <fieldset className="model-picker" disabled={disabled}>
      <legend>{t('embedding.model')}</legend>
      {models.map((m) =>
        m.builtin ? (
          <label key={m.id} className="model-option">
            <input type="radio" name="embedding-model" value={m.id} checked={m.id === modelId} onChange={() => setModel(m.id)} />
            <span className="model-option-text">
              <strong>{t('embedding.builtinLabel')}</strong> <code className="muted">{m.id}</code> <AvailabilityBadge availability={availabilityOf(m, facts)} />
              <span className="muted small">{t('embedding.builtinFacts', { dimension: m.dimension })}</span>
              <span className="muted small">{t('embedding.builtinHelp')}</span>
            </span>
          </label>
        ) : (
          <label key={m.id} className="model-option">
            <input type="radio" name="embedding-model" value={m.id} checked={m.id === modelId} onChange={() => setModel(m.id)} />
            <span className="model-option-text">
              <strong>{m.label}</strong> <code className="muted">{m.id}</code> <AvailabilityBadge availability={availabilityOf(m, facts)} />
              <span className="muted small">
                {t('embedding.modelFacts', {
                  dimension: m.dimension,
                  size: megabytes(m.sizeMB),
                  languages: m.languagesNote ?? languageNames(m.languages),
                  maxTokens: m.maxTokens,
                })}
                {m.webgpuSizeMB !== undefined && ` · ${t('embedding.webgpuSize', { size: megabytes(m.webgpuSizeMB) })}`}
                {m.queryPrefix && ` · ${t('embedding.queryPrefix', { prefix: m.queryPrefix })}`}
                {m.passagePrefix && ` · ${t('embedding.passagePrefix', { prefix: m.passagePrefix })}`}
              </span>
            </span>
          </label>
        ),
      )}
    </fieldset>
  );
}
