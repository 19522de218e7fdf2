// The transformers.js chat engine's Automatic: the model loaded and timed on each device, the faster kept
// loaded (never a software adapter over WASM, never a device that failed), remembered per model and GPU.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ComputeDevice } from '@openbook/core/types';
import type { GpuCapabilities } from '../../adapters/generator/generator';
import { useGpuStore } from '../models/gpuStore';
import { loadOnMeasuredDevice, type ChatTrialHooks, type MeasurableGenerator } from './chatDeviceTrial';

const GPU: GpuCapabilities = { webgpu: true, adapter: true, shaderF16: true, software: false, adapterName: 'nvidia / ampere' };
const SWIFTSHADER: GpuCapabilities = { ...GPU, software: true, shaderF16: false, adapterName: 'google / swiftshader' };
const NO_ADAPTER: GpuCapabilities = { webgpu: false, adapter: false, shaderF16: false, software: false, adapterName: null };

/** A generator whose trial answer on each device gives `tokens` tokens in `ms[device]`; `failing` devices fail to load. */
function fakeGenerator(ms: Record<ComputeDevice, number>, failing: ComputeDevice[] = []) {
  const log: string[] = [];
  const gen: MeasurableGenerator = {
    device: 'wasm',
    loadedInfo: null,
    async load(modelId) {
      log.push(`load ${this.device}`);
      (this as { loadedInfo: MeasurableGenerator['loadedInfo'] }).loadedInfo = null;
      if (failing.includes(this.device)) throw new Error(`${this.device}: no adapter for this model`);
      (this as { loadedInfo: MeasurableGenerator['loadedInfo'] }).loadedInfo = { modelId, device: this.device };
    },
    async trial(passes) {
      log.push(`trial ${this.loadedInfo?.device} x${passes}`);
      return { items: passes * 308, ms: ms[this.loadedInfo!.device] };
    },
  };
  return { gen, log };
}

const hooks = (log: string[]): ChatTrialHooks => ({ onProgress: () => {}, stillCurrent: () => true, onMeasuring: (d) => log.push(`measuring ${d}`) });
const on = (caps: GpuCapabilities) => useGpuStore.setState({ detect: async () => caps });

beforeEach(() => localStorage.clear());

describe('loadOnMeasuredDevice', () => {
  it('on a real GPU: times WebGPU then WASM, keeps the faster loaded, with both figures in tokens/s', async () => {
    on(GPU);
    const { gen, log } = fakeGenerator({ webgpu: 1000, wasm: 4000 });
    const { device, measured } = await loadOnMeasuredDevice(gen, 'chat/m', 'https://hub', hooks(log));
    expect(device).toBe('webgpu');
    expect(gen.loadedInfo).toEqual({ modelId: 'chat/m', device: 'webgpu' });
    expect(measured).toMatchObject({ device: 'webgpu', reason: 'faster' });
    expect(measured!.trials).toEqual([
      { device: 'webgpu', textsPerSecond: 616 },
      { device: 'wasm', textsPerSecond: 154 },
    ]);
    expect(log).toEqual([
      'measuring webgpu',
      'load webgpu',
      'trial webgpu x2',
      'measuring wasm',
      'load wasm',
      'trial wasm x2',
      'measuring null',
      'load webgpu',
    ]);
  });

  it('on a software adapter: both measured, WASM chosen and left loaded (no second load)', async () => {
    on(SWIFTSHADER);
    const { gen, log } = fakeGenerator({ webgpu: 100, wasm: 4000 });
    const { device, measured } = await loadOnMeasuredDevice(gen, 'chat/m', 'https://hub', hooks(log));
    expect(device).toBe('wasm');
    expect(measured).toMatchObject({ device: 'wasm', reason: 'software-gpu' });
    expect(log.filter((l) => l.startsWith('load'))).toEqual(['load webgpu', 'load wasm']);
    expect(gen.loadedInfo?.device).toBe('wasm');
  });

  it('remembered per model: the next load measures nothing and loads the chosen device once', async () => {
    on(GPU);
    await loadOnMeasuredDevice(fakeGenerator({ webgpu: 1000, wasm: 4000 }).gen, 'chat/m', 'https://hub', hooks([]));
    const { gen, log } = fakeGenerator({ webgpu: 9000, wasm: 1 });
    const { device, measured } = await loadOnMeasuredDevice(gen, 'chat/m', 'https://hub', hooks(log));
    expect(device).toBe('webgpu');
    expect(measured!.trials.map((t) => t.textsPerSecond)).toEqual([616, 154]);
    expect(log).toEqual(['load webgpu']);
  });

  it('a device that fails to load gets no figure and is not chosen', async () => {
    on(GPU);
    const { gen, log } = fakeGenerator({ webgpu: 1, wasm: 4000 }, ['webgpu']);
    const { device, measured } = await loadOnMeasuredDevice(gen, 'chat/m', 'https://hub', hooks(log));
    expect(device).toBe('wasm');
    expect(measured).toMatchObject({ device: 'wasm', reason: 'other-failed' });
    expect(measured!.trials[0]).toEqual({ device: 'webgpu', textsPerSecond: null });
  });

  it('without a WebGPU adapter: WASM, nothing measured', async () => {
    on(NO_ADAPTER);
    const { gen, log } = fakeGenerator({ webgpu: 1, wasm: 1 });
    expect(await loadOnMeasuredDevice(gen, 'chat/m', 'https://hub', hooks(log))).toEqual({ device: 'wasm', measured: null });
    expect(log).toEqual(['load wasm']);
  });
});
