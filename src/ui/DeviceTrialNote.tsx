// "Automatic", measured (core/deviceTrial.ts), in words: the device being timed while it runs, then each
// device's figure and the choice, with why (the faster one; a software WebGPU adapter never over WASM; a
// device that failed its trial), and a button that forgets the figures so that the next run measures again.
// Shared by the embedder (chunks/s), the reranker (pairs/s) and the transformers.js chat engine (tokens/s).
import { useTranslation } from 'react-i18next';
import type { MeasuredChoice } from '@openbook/core/deviceTrial';
import type { ComputeDevice } from '@openbook/core/types';
import { deviceName } from './DeviceSelect';

const rate = (value: number) => (value >= 100 ? Math.round(value).toLocaleString() : value.toFixed(1));

type Unit = 'chunks' | 'pairs' | 'tokens';
const FIGURE_KEY = { chunks: 'deviceTrial.figure', pairs: 'deviceTrial.figurePairs', tokens: 'chatDevice.figure' } as const;
const MEASURING_KEY = { chunks: 'deviceTrial.measuring', pairs: 'deviceTrial.measuring', tokens: 'chatDevice.measuring' } as const;

interface Props {
  measuring: ComputeDevice | null;
  /** The measured choice to show, or null (none, another model's, or a device chosen by hand). */
  trial: MeasuredChoice | null;
  unit: Unit;
  disabled: boolean;
  onMeasureAgain: () => void;
  testId: string;
}

export function DeviceTrialNote({ measuring, trial, unit, disabled, onMeasureAgain, testId }: Props) {
  const { t } = useTranslation();
  if (measuring) {
    return (
      <p className="muted small" role="status" data-testid={`${testId}-measuring`}>
        {t(MEASURING_KEY[unit], { device: deviceName(measuring) })}
      </p>
    );
  }
  if (!trial) return null;
  const figures = trial.trials
    .map(({ device, textsPerSecond }) =>
      textsPerSecond === null
        ? t('deviceTrial.failed', { device: deviceName(device) })
        : t(FIGURE_KEY[unit], { device: deviceName(device), rate: rate(textsPerSecond) }),
    )
    .join(t('deviceTrial.separator'));
  return (
    <p className="small device-trial" data-testid={testId}>
      {t('deviceTrial.result', { figures, device: deviceName(trial.device) })}
      {t('deviceTrial.gap')}
      <span className="muted">{t(`deviceTrial.reason.${trial.reason}`)}</span>{' '}
      <button type="button" className="link-button" disabled={disabled} onClick={onMeasureAgain}>
        {t('deviceTrial.measureAgain')}
      </button>
    </p>
  );
}
