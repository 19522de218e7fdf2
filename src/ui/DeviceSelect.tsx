// Where a model runs: automatic, WebGPU (not offered when no adapter was found) or WASM, under a label.
export type DeviceChoice = 'auto' | 'webgpu' | 'wasm';

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
