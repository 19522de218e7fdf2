// "Automatic", measured: the device being timed while it runs, then each device's figure and the choice, with
// why (the faster one; a software WebGPU adapter never over WASM; a device that failed its trial), and a button
// that forgets the figures so that the next run measures again.
import { useTranslation } from 'react-i18next';
import { useIndexStore } from '../../state/embedding/indexStore';
import { deviceName } from '../../ui/DeviceSelect';

const rate = (value: number) => (value >= 100 ? Math.round(value).toLocaleString() : value.toFixed(1));

export function DeviceTrialNote({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const measuring = useIndexStore((s) => s.measuring);
  const trial = useIndexStore((s) => (s.deviceTrial?.modelId === s.modelId ? s.deviceTrial : null));
  const preference = useIndexStore((s) => s.devicePreference);
  const measureAgain = useIndexStore((s) => s.measureAgain);

  if (measuring) {
    return (
      <p className="muted small" role="status" data-testid="device-measuring">
        {t('deviceTrial.measuring', { device: deviceName(measuring) })}
      </p>
    );
  }
  if (!trial || preference !== 'auto') return null;
  const figures = trial.trials
    .map(({ device, textsPerSecond }) =>
      textsPerSecond === null
        ? t('deviceTrial.failed', { device: deviceName(device) })
        : t('deviceTrial.figure', { device: deviceName(device), rate: rate(textsPerSecond) }),
    )
    .join(t('deviceTrial.separator'));
  return (
    <p className="small device-trial" data-testid="device-trial">
      {t('deviceTrial.result', { figures, device: deviceName(trial.device) })}
      {t('deviceTrial.gap')}
      <span className="muted">{t(`deviceTrial.reason.${trial.reason}`)}</span>{' '}
      <button type="button" className="link-button" disabled={disabled} onClick={measureAgain}>
        {t('deviceTrial.measureAgain')}
      </button>
    </p>
  );
}
