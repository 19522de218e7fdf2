// Choosing the transformers.js chat model: parameters, weights and download size on the chosen device, and
// whether it can load here (in each option, and as a badge for the chosen one).
import { useTranslation } from 'react-i18next';
import { chooseWeights } from '../../state/models/catalog';
import { availabilityOf } from '../../core/modelAvailability';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useAvailabilityFacts } from '../../state/models/modelAvailabilityStore';
import { AvailabilityBadge, useAvailabilityText } from '../../ui/AvailabilityBadge';
import { useGpuStore } from '../../state/models/gpuStore';
import { formatNumber } from '../../core/format';

export function TransformersModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const models = useGenerationStore((s) => s.transformersModels);
  const modelId = useGenerationStore((s) => s.modelId);
  const engine = useGenerationStore((s) => s.engine);
  const setModel = useGenerationStore((s) => s.setModel);
  const shaderF16 = useGpuStore((s) => s.caps?.shaderF16 ?? false);
  const device = engine === 'transformers-webgpu' ? 'webgpu' : 'wasm';
  const facts = useAvailabilityFacts();
  const { label } = useAvailabilityText();
  const chosen = models.find((m) => m.id === modelId);
  const megabytes = (mb: number) => formatNumber(mb, i18n.language, mb < 1 ? 2 : 0);
  return (
    <label className="grow">
      <span>
        {t('generation.tjsModel')} {chosen && <AvailabilityBadge availability={availabilityOf(chosen, facts)} />}
      </span>
      <select value={modelId} disabled={disabled} onChange={(e) => setModel(e.target.value)}>
        {models.map((m) => {
          const { dtype, downloadMB } = chooseWeights(m, device, shaderF16);
          return (
            <option key={m.id} value={m.id}>
              {t('availability.option', {
                model: t('generation.tjsModelOption', {
                  label: m.label,
                  params: m.params,
                  dtype: dtype === 'auto' ? t('generation.dtypeAuto') : dtype,
                  download: megabytes(downloadMB),
                }),
                availability: label(availabilityOf(m, facts)),
              })}
            </option>
          );
        })}
      </select>
    </label>
  );
}
