// Where a model runs: automatic, WebGPU (not offered when no adapter was found) or WASM, under a label;
// the device's name as shown; and why "Automatic" picks what it picks on this browser's GPU.
import { useTranslation } from 'react-i18next';
import type { DevicePreference, GpuFacts } from '@openbook/core/deviceChoice';
import type { EmbeddingDevice } from '@openbook/core/types';

/** The user's device setting (core/deviceChoice.ts). */
export type DeviceChoice = DevicePreference;

interface Props {
  label: string;
  /** The text of the 'auto' option. */
  autoLabel: string;
  value: DeviceChoice;
  disabled: boolean;
  /** WebGPU was looked for and there is no adapter: its option cannot be chosen. */
  webgpuUnavailable: boolean;
  onChange: (choice: DeviceChoice) => void;
}

export function DeviceSelect({ label, autoLabel, value, disabled, webgpuUnavailable, onChange }: Props) {
  return (
    <label>
      {label}
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as DeviceChoice)}>
        <option value="auto">{autoLabel}</option>
        <option value="webgpu" disabled={webgpuUnavailable}>
          WebGPU
        </option>
        <option value="wasm">WASM</option>
      </select>
    </label>
  );
}

/** A device as the screens name it: WebGPU, WASM, or CPU (the built-in embedder, plain JavaScript). */
export const deviceName = (device: EmbeddingDevice): string => (device === 'webgpu' ? 'WebGPU' : device === 'wasm' ? 'WASM' : 'CPU');

/**
 * What was detected and what "Automatic" makes of it, in words: a GPU, a software renderer (WASM is
 * faster, so Automatic uses WASM), no adapter, no WebGPU; null caps while detecting.
 */
export function useDeviceNote(caps: (GpuFacts & { adapterName: string | null }) | null): string {
  const { t } = useTranslation();
  if (!caps) return t('embedding.device.detecting');
  if (caps.adapter && caps.software) return t('deviceChoice.softwareGpu', { adapter: caps.adapterName ?? '?' });
  if (caps.adapter) return t('embedding.device.webgpuAvailable', { adapter: caps.adapterName ?? '?' });
  return t(caps.webgpu ? 'embedding.device.noAdapter' : 'embedding.device.noWebgpu');
}
