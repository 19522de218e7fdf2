// WebGPU or WASM: what was detected, what is in use, and the user's override.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useGpuStore } from '../../state/gpuStore';
import { useIndexStore, type DevicePreference } from '../../state/indexStore';

export function DevicePicker({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const caps = useGpuStore((s) => s.caps);
  const detect = useGpuStore((s) => s.detect);
  const preference = useIndexStore((s) => s.devicePreference);
  const setPreference = useIndexStore((s) => s.setDevicePreference);
  const loaded = useIndexStore((s) => s.loaded);

  useEffect(() => {
    void detect();
  }, [detect]);

  const detected = !caps
    ? t('embedding.device.detecting')
    : caps.adapter
      ? t('embedding.device.webgpuAvailable', { adapter: caps.adapterName ?? '?' })
      : t(caps.webgpu ? 'embedding.device.noAdapter' : 'embedding.device.noWebgpu');

  return (
    <div className="device-picker">
      <label>
        {t('embedding.device.label')}
        <select value={preference} disabled={disabled} onChange={(e) => setPreference(e.target.value as DevicePreference)}>
          <option value="auto">{t('embedding.device.auto')}</option>
          <option value="webgpu" disabled={caps !== null && !caps.adapter}>
            WebGPU
          </option>
          <option value="wasm">WASM</option>
        </select>
      </label>
      <span className="muted small">{detected}</span>
      {loaded && (
        <span className="badge" data-testid="device-in-use">
          {t('embedding.device.inUse', { device: loaded.device === 'webgpu' ? 'WebGPU' : 'WASM' })}
        </span>
      )}
    </div>
  );
}
