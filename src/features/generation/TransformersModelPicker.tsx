// Choosing the transformers.js chat model: parameters, weights and download size on the chosen device.
import { useTranslation } from 'react-i18next';
import { chooseWeights } from '../../adapters/generator/transformersChatModels';
import { useGenerationStore } from '../../state/generationStore';
import { useGpuStore } from '../../state/gpuStore';
import { formatNumber } from '../../ui/format';

export function TransformersModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const models = useGenerationStore((s) => s.transformersModels);
  const modelId = useGenerationStore((s) => s.modelId);
  const engine = useGenerationStore((s) => s.engine);
  const setModel = useGenerationStore((s) => s.setModel);
  const shaderF16 = useGpuStore((s) => s.caps?.shaderF16 ?? false);
  const device = engine === 'transformers-webgpu' ? 'webgpu' : 'wasm';
  const megabytes = (mb: number) => formatNumber(mb, i18n.language, mb < 1 ? 2 : 0);
  return (
    <label className="grow">
      {t('generation.tjsModel')}
      <select value={modelId} disabled={disabled} onChange={(e) => setModel(e.target.value)}>
        {models.map((m) => {
          const { dtype, downloadMB } = chooseWeights(m, device, shaderF16);
          return (
            <option key={m.id} value={m.id}>
              {t('generation.tjsModelOption', {
                label: m.label,
                params: m.params,
                dtype: dtype === 'auto' ? t('generation.dtypeAuto') : dtype,
                download: megabytes(downloadMB),
              })}
            </option>
          );
        })}
      </select>
    </label>
  );
}
