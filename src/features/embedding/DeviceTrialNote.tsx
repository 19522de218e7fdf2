// The embedder's "Automatic", measured: what src/ui/DeviceTrialNote.tsx shows, for the chosen model.
import { useIndexStore } from '../../state/embedding/indexStore';
import { DeviceTrialNote as Note } from '../../ui/DeviceTrialNote';

export function DeviceTrialNote({ disabled }: { disabled: boolean }) {
  const measuring = useIndexStore((s) => s.measuring);
  const trial = useIndexStore((s) => (s.deviceTrial?.modelId === s.modelId && s.devicePreference === 'auto' ? s.deviceTrial : null));
  const measureAgain = useIndexStore((s) => s.measureAgain);
  return <Note measuring={measuring} trial={trial} unit="chunks" disabled={disabled} onMeasureAgain={measureAgain} testId="device-trial" />;
}
