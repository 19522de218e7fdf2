// Choosing the chat model: download size, GPU memory, and whether it needs shader-f16.
import { useTranslation } from 'react-i18next';
import { CHAT_MODELS } from '../../adapters/generator/chatModels';
import { useGenerationStore } from '../../state/generationStore';
import { formatNumber } from '../../ui/format';

export function ChatModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const modelId = useGenerationStore((s) => s.modelId);
  const setModel = useGenerationStore((s) => s.setModel);
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <label className="grow">
      {t('generation.model')}
      <select value={modelId} disabled={disabled} onChange={(e) => setModel(e.target.value)}>
        {CHAT_MODELS.map((m) => (
          <option key={m.id} value={m.id}>
            {t('generation.modelOption', {
              label: m.label,
              quantization: m.quantization,
              download: n(m.downloadMB),
              vram: n(m.vramMB),
              f16: m.needsShaderF16 ? t('generation.needsF16') : '',
            })}
          </option>
        ))}
      </select>
    </label>
  );
}
