// Choosing the chat model: download size, GPU memory, whether it needs shader-f16, and whether it can load
// here (in each option, and as a badge for the chosen one).
import { useTranslation } from 'react-i18next';
import { CHAT_MODELS } from '../../state/models/catalog';
import { availabilityOf } from '@openbook/core/modelAvailability';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useAvailabilityFacts } from '../../state/models/modelAvailabilityStore';
import { ModelPicker } from '../../ui/ModelPicker';
import { formatNumber } from '@openbook/core/format';

export function ChatModelPicker({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const modelId = useGenerationStore((s) => s.modelId);
  const setModel = useGenerationStore((s) => s.setModel);
  const n = (x: number) => formatNumber(x, i18n.language);
  const facts = useAvailabilityFacts();
  const choices = CHAT_MODELS.map((m) => ({
    id: m.id,
    name: m.label,
    availability: availabilityOf(m, facts),
    option: t('generation.modelOption', {
      label: m.label,
      quantization: m.quantization,
      download: n(m.downloadMB),
      vram: n(m.vramMB),
      f16: m.needsShaderF16 ? t('generation.needsF16') : '',
    }),
  }));
  return (
    <ModelPicker variant="select" label={t('generation.model')} name="chat-model" choices={choices} value={modelId} onChange={setModel} disabled={disabled} />
  );
}
