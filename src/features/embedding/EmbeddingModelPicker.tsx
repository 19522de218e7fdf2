// Choosing the embedding model: each with its dimension, download size, languages and whether it can load here.
import { useTranslation } from 'react-i18next';
import { availabilityOf } from '@openbook/core/modelAvailability';
import { useIndexStore } from '../../state/embedding/indexStore';
import { useAvailabilityFacts } from '../../state/models/modelAvailabilityStore';
import { ModelPicker, useModelFacts, type ModelChoice } from '../../ui/ModelPicker';

export function EmbeddingModelPicker({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const models = useIndexStore((s) => s.models);
  const modelId = useIndexStore((s) => s.modelId);
  const setModel = useIndexStore((s) => s.setModel);
  const facts = useAvailabilityFacts();
  const { megabytes, languages } = useModelFacts();

  const choices: ModelChoice[] = models.map((m) =>
    m.builtin
      ? {
          id: m.id,
          name: t('embedding.builtinLabel'),
          availability: availabilityOf(m, facts),
          facts: t('embedding.builtinFacts', { dimension: m.dimension }),
          help: t('embedding.builtinHelp'),
        }
      : {
          id: m.id,
          name: m.label,
          availability: availabilityOf(m, facts),
          facts: [
            t('embedding.modelFacts', {
              dimension: m.dimension,
              size: megabytes(m.sizeMB),
              languages: languages(m.languages, t('embedding.multilingual'), m.languagesNote),
              maxTokens: m.maxTokens,
            }),
            m.webgpuSizeMB !== undefined && t('embedding.webgpuSize', { size: megabytes(m.webgpuSizeMB) }),
            m.queryPrefix && t('embedding.queryPrefix', { prefix: m.queryPrefix }),
            m.passagePrefix && t('embedding.passagePrefix', { prefix: m.passagePrefix }),
          ]
            .filter(Boolean)
            .join(' · '),
        },
  );

  return <ModelPicker label={t('embedding.model')} name="embedding-model" choices={choices} value={modelId} onChange={setModel} disabled={disabled} />;
}
