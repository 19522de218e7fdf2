// WebGPU or WASM: what was detected (a software WebGPU adapter is not used automatically), what is in use,
// and the user's override; with Automatic, what the measurement of each device found (DeviceTrialNote).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useGpuStore } from '../../state/models/gpuStore';
import { useIndexStore } from '../../state/embedding/indexStore';
import { isBuiltinLsa } from '@openbook/core/lsa/builtinLsa';
import { DeviceSelect, deviceName, useDeviceNote } from '../../ui/DeviceSelect';
import { DeviceTrialNote } from './DeviceTrialNote';

export function DevicePicker({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const caps = useGpuStore((s) => s.caps);
  const detect = useGpuStore((s) => s.detect);
  const preference = useIndexStore((s) => s.devicePreference);
  const setPreference = useIndexStore((s) => s.setDevicePreference);
  const loaded = useIndexStore((s) => s.loaded);
  const builtin = useIndexStore((s) => isBuiltinLsa(s.modelId));

  useEffect(() => {
    void detect();
  }, [detect]);

  const detected = useDeviceNote(caps);

  // The built-in embedder has no device to choose: it runs in plain JavaScript on the CPU.
  if (builtin) return <p className="muted small device-picker">{t('embedding.builtinDevice')}</p>;

  return (
    <div className="device-picker">
      <DeviceSelect
        label={t('embedding.device.label')}
        autoLabel={t('embedding.device.auto')}
        value={preference}
        disabled={disabled}
        webgpuUnavailable={caps !== null && !caps.adapter}
        onChange={setPreference}
      />
      <span className="muted small">{detected}</span>
      {loaded && (
        <span className="badge" data-testid="device-in-use">
          {t('embedding.device.inUse', { device: deviceName(loaded.device) })}
        </span>
      )}
      {loaded?.threads !== undefined && (
        <span className="badge" data-testid="device-threads" title={t('speed.threadsHelp')}>
          {t('speed.threads', { count: loaded.threads })}
        </span>
      )}
      <DeviceTrialNote disabled={disabled} />
    </div>
  );
}
