// Choosing the transformers.js chat model: parameters, weights and download size on the chosen device, and
// whether it can load here (in each option, and as a badge for the chosen one).
import { useTranslation } from 'react-i18next';
import { chooseWeights } from '../../state/models/catalog';
import { availabilityOf } from '@openbook/core/modelAvailability';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useAvailabilityFacts } from '../../state/models/modelAvailabilityStore';
import { useGpuStore } from '../../state/models/gpuStore';
import { ModelPicker } from '../../ui/ModelPicker';
import { formatNumber } from '@openbook/core/format';

export function TransformersModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const models = useGenerationStore((s) => s.transformersModels);
  const modelId = useGenerationStore((s) => s.modelId);
  const engine = useGenerationStore((s) => s.engine);
  const setModel = useGenerationStore((s) => s.setModel);
  const shaderF16 = useGpuStore((s) => s.caps?.shaderF16 ?? false);
  // Automatic: the device measured for this model here, WASM until measured.
  const measured = useGenerationStore((s) => (s.deviceTrial?.modelId === s.modelId ? s.deviceTrial.device : null));
  const device = engine === 'transformers-webgpu' ? 'webgpu' : engine === 'transformers-auto' ? (measured ?? 'wasm') : 'wasm';
  const facts = useAvailabilityFacts();
  const megabytes = (mb: number) => formatNumber(mb, i18n.language, mb < 1 ? 2 : 0);
  const choices = models.map((m) => {
    const { dtype, downloadMB } = chooseWeights(m, device, shaderF16);
    return {
      id: m.id,
      name: m.label,
      availability: availabilityOf(m, facts),
      option: t('generation.tjsModelOption', {
        label: m.label,
        params: m.params,
        dtype: dtype === 'auto' ? t('generation.dtypeAuto') : dtype,
        download: megabytes(downloadMB),
      }),
    };
  });
  return (
    <ModelPicker variant="select" label={t('generation.tjsModel')} name="tjs-model" choices={choices} value={modelId} onChange={setModel} disabled={disabled} />
  );
}
