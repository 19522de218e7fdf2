// Choosing the chat model: download size, GPU memory, whether it needs shader-f16, and whether it can load
// here (in each option, and as a badge for the chosen one).
import { useTranslation } from 'react-i18next';
import { CHAT_MODELS } from '../../state/models/catalog';
import { availabilityOf } from '../../core/modelAvailability';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useAvailabilityFacts } from '../../state/models/modelAvailabilityStore';
import { AvailabilityBadge, useAvailabilityText } from '../../ui/AvailabilityBadge';
import { formatNumber } from '../../core/format';

export function ChatModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const modelId = useGenerationStore((s) => s.modelId);
  const setModel = useGenerationStore((s) => s.setModel);
  const n = (x: number) => formatNumber(x, i18n.language);
  const facts = useAvailabilityFacts();
  const { label } = useAvailabilityText();
  return (
    <label className="grow">
      <span>
        {t('generation.model')} <AvailabilityBadge availability={availabilityOf({ id: modelId }, facts)} />
      </span>
      <select value={modelId} disabled={disabled} onChange={(e) => setModel(e.target.value)}>
        {CHAT_MODELS.map((m) => (
          <option key={m.id} value={m.id}>
            {t('availability.option', {
              model: t('generation.modelOption', {
                label: m.label,
                quantization: m.quantization,
                download: n(m.downloadMB),
                vram: n(m.vramMB),
                f16: m.needsShaderF16 ? t('generation.needsF16') : '',
              }),
              availability: label(availabilityOf(m, facts)),
            })}
          </option>
        ))}
      </select>
    </label>
  );
}
