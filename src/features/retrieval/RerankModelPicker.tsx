// Choosing the cross-encoder that reranks the candidates, or none: each with its download size,
// languages, input length and whether it can load here.
import { useTranslation } from 'react-i18next';
import { availabilityOf } from '@openbook/core/modelAvailability';
import { useAvailabilityFacts } from '../../state/models/modelAvailabilityStore';
import { useRerankStore } from '../../state/retrieval/rerankStore';
import { useRetrievalStore } from '../../state/retrieval/retrievalStore';
import { ModelPicker, useModelFacts, type ModelChoice } from '../../ui/ModelPicker';

export function RerankModelPicker({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const models = useRerankStore((s) => s.models);
  const modelId = useRerankStore((s) => s.modelId);
  const setModel = useRerankStore((s) => s.setModel);
  const mode = useRetrievalStore((s) => s.search.mode);
  const facts = useAvailabilityFacts();
  const { megabytes, languages } = useModelFacts();
  // A chosen model that is not (or no longer) offered counts as none.
  const chosen = models.some((m) => m.id === modelId) ? modelId : null;

  const choices: ModelChoice[] = [
    { id: '', name: t('rerank.none'), availability: null, facts: t(`results.noRerank.${mode}`) },
    ...models.map((m) => ({
      id: m.id,
      name: m.label,
      availability: availabilityOf(m, facts),
      facts:
        t('rerank.modelFacts', {
          size: megabytes(m.sizeMB),
          languages: languages(m.languages, t('rerank.multilingual'), m.languagesNote),
          maxTokens: m.maxTokens,
        }) + (m.webgpuSizeMB !== undefined ? ` · ${t('rerank.webgpuSize', { size: megabytes(m.webgpuSizeMB) })}` : ''),
    })),
  ];

  return (
    <ModelPicker
      label={t('rerank.model')}
      name="rerank-model"
      choices={choices}
      value={chosen ?? ''}
      onChange={(id) => setModel(id || null)}
      disabled={disabled}
    />
  );
}
