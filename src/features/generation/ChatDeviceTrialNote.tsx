// The Automatic transformers.js chat engine, measured, beside the model controls: the device being timed while
// it runs, then each device's tokens/s and the choice with why (src/ui/DeviceTrialNote.tsx), and "Measure
// again"; where there is no WebGPU adapter, that WASM is the only device and nothing is measured.
import { useTranslation } from 'react-i18next';
import { useGenerationStore } from '../../state/generation/generationStore';
import { useGpuStore } from '../../state/models/gpuStore';
import { DeviceTrialNote } from '../../ui/DeviceTrialNote';

export function ChatDeviceTrialNote({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const measuring = useGenerationStore((s) => s.measuring);
  const trial = useGenerationStore((s) => (s.deviceTrial?.modelId === s.modelId ? s.deviceTrial : null));
  const measureAgain = useGenerationStore((s) => s.measureAgain);
  const caps = useGpuStore((s) => s.caps);
  return (
    <div className="chat-device-trial">
      <p className="muted small">{t('chatDevice.help')}</p>
      {caps && !caps.adapter ? (
        <p className="small" data-testid="chat-device-trial">
          {t('chatDevice.noAdapter')}
        </p>
      ) : (
        <DeviceTrialNote
          measuring={measuring}
          trial={trial}
          unit="tokens"
          disabled={disabled}
          onMeasureAgain={() => void measureAgain()}
          testId="chat-device-trial"
        />
      )}
    </div>
  );
}
