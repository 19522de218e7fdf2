// Choosing the cross-encoder that reranks the candidates, or none: each with its download size,
// languages, input length and whether it can load here.
import { useTranslation } from 'react-i18next';
import { availabilityOf } from '../../core/modelAvailability';
import { useAvailabilityFacts } from '../../state/modelAvailabilityStore';
import { useRerankStore } from '../../state/rerankStore';
import { useRetrievalStore } from '../../state/retrievalStore';
import { AvailabilityBadge } from '../../ui/AvailabilityBadge';
import { formatNumber } from '../../core/format';

export function RerankModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const models = useRerankStore((s) => s.models);
  const modelId = useRerankStore((s) => s.modelId);
  const setModel = useRerankStore((s) => s.setModel);
  const mode = useRetrievalStore((s) => s.search.mode);
  const facts = useAvailabilityFacts();
  const megabytes = (mb: number) => (mb < 1 ? '< 1' : formatNumber(mb, i18n.language));
  const languageNames = (codes: string[]) => {
    if (codes.includes('multilingual')) return t('rerank.multilingual');
    const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
    return new Intl.ListFormat([i18n.language], { style: 'narrow', type: 'conjunction' }).format(codes.map((c) => names.of(c) ?? c));
  };
  // A chosen model that is not (or no longer) offered counts as none.
  const chosen = models.some((m) => m.id === modelId) ? modelId : null;

  return (
    <fieldset className="model-picker" disabled={disabled}>
      <legend>{t('rerank.model')}</legend>
      <label className="model-option">
        <input type="radio" name="rerank-model" value="" checked={chosen === null} onChange={() => setModel(null)} />
        <span className="model-option-text">
          <strong>{t('rerank.none')}</strong>
          <span className="muted small">{t(`results.noRerank.${mode}`)}</span>
        </span>
      </label>
      {models.map((m) => (
        <label key={m.id} className="model-option">
          <input type="radio" name="rerank-model" value={m.id} checked={m.id === chosen} onChange={() => setModel(m.id)} />
          <span className="model-option-text">
            <strong>{m.label}</strong> <code className="muted">{m.id}</code> <AvailabilityBadge availability={availabilityOf(m, facts)} />
            <span className="muted small">
              {t('rerank.modelFacts', { size: megabytes(m.sizeMB), languages: m.languagesNote ?? languageNames(m.languages), maxTokens: m.maxTokens })}
              {m.webgpuSizeMB !== undefined && ` · ${t('rerank.webgpuSize', { size: megabytes(m.webgpuSizeMB) })}`}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
