// "Automatic", measured: each device loaded and timed once per model and browser, the faster chosen (never a
// software adapter over WASM, never a device that failed), the figures remembered and read back.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ComputeDevice } from '@openbook/core/types';
import { forgetTrials, measuredChoice, preferredDevice, rememberedTrials, textTrial, type TrialSteps } from './deviceTrials';
import { useGpuStore } from './gpuStore';

const GPU = { webgpu: true, adapter: true, shaderF16: true, software: false, adapterName: 'nvidia / ampere' };
const SWIFTSHADER = { ...GPU, software: true, shaderF16: false, adapterName: 'google / swiftshader' };
const NO_ADAPTER = { webgpu: true, adapter: false, shaderF16: false, software: false, adapterName: null };

/** Steps whose trial takes `ms[device]` per call; a device listed in `failing` throws on load. */
function steps(ms: Record<ComputeDevice, number>, failing: ComputeDevice[] = []) {
  const log: string[] = [];
  let current: ComputeDevice | null = null;
  const s: TrialSteps = {
    async load(device) {
      log.push(`load ${device}`);
      if (failing.includes(device)) throw new Error(`${device} lost`);
      current = device;
      return device;
    },
    run: textTrial(async (texts, passes) => {
      log.push(`time ${current} ${texts.length}x${passes}`);
      return ms[current!];
    }),
    stillCurrent: () => true,
    onMeasuring: (d) => log.push(`measuring ${d}`),
  };
  return { s, log };
}

beforeEach(() => localStorage.clear());

describe('measuredChoice', () => {
  it('times each device (WebGPU first, WASM left loaded) and picks the faster', async () => {
    const { s, log } = steps({ webgpu: 100, wasm: 400 });
    const choice = await measuredChoice('m/a', GPU, s);
    expect(choice).toMatchObject({ device: 'webgpu', reason: 'faster' });
    expect(choice!.trials.map((t) => [t.device, t.textsPerSecond])).toEqual([
      ['webgpu', 160],
      ['wasm', 40],
    ]);
    expect(log).toEqual(['measuring webgpu', 'load webgpu', 'time webgpu 8x2', 'measuring wasm', 'load wasm', 'time wasm 8x2', 'measuring null']);
  });

  it('remembers the figures per model: the second run measures nothing', async () => {
    await measuredChoice('m/a', GPU, steps({ webgpu: 400, wasm: 100 }).s);
    const again = steps({ webgpu: 1, wasm: 1000 });
    expect(await measuredChoice('m/a', GPU, again.s)).toMatchObject({ device: 'wasm', reason: 'faster' });
    expect(again.log).toEqual([]);
    // Another model, or the same one after "Measure again", is measured.
    const other = steps({ webgpu: 100, wasm: 400 });
    await measuredChoice('m/b', GPU, other.s);
    expect(other.log).toContain('load webgpu');
    forgetTrials('m/a');
    expect(rememberedTrials('m/a', GPU)).toBeNull();
  });

  it('measures again on another GPU, and when the memory was tampered with', async () => {
    await measuredChoice('m/a', GPU, steps({ webgpu: 400, wasm: 100 }).s);
    expect(rememberedTrials('m/a', { ...GPU, adapterName: 'intel / xe' })).toBeNull();
    localStorage.setItem('openbook:device-trial:m/a', '{"version":1,"trials":"fast"}');
    expect(rememberedTrials('m/a', GPU)).toBeNull();
    localStorage.setItem('openbook:device-trial:m/a', 'not json');
    expect(rememberedTrials('m/a', GPU)).toBeNull();
  });

  it('on a software adapter: both figures, WASM chosen even where WebGPU timed faster', async () => {
    const choice = await measuredChoice('m/a', SWIFTSHADER, steps({ webgpu: 50, wasm: 400 }).s);
    expect(choice).toMatchObject({ device: 'wasm', reason: 'software-gpu' });
    expect(choice!.trials.every((t) => t.textsPerSecond !== null)).toBe(true);
  });

  it('a device that fails to load gets no figure and is not chosen', async () => {
    const choice = await measuredChoice('m/a', GPU, steps({ webgpu: 1, wasm: 400 }, ['webgpu']).s);
    expect(choice).toMatchObject({ device: 'wasm', reason: 'other-failed' });
    expect(choice!.trials[0]).toEqual({ device: 'webgpu', textsPerSecond: null });
  });

  it('measures nothing without a WebGPU adapter (WASM is the only choice)', async () => {
    const { s, log } = steps({ webgpu: 1, wasm: 1 });
    expect(await measuredChoice('m/a', NO_ADAPTER, s)).toBeNull();
    expect(log).toEqual([]);
  });

  it('stops, remembering nothing, when the run is cancelled meanwhile', async () => {
    let current = true;
    const { s } = steps({ webgpu: 100, wasm: 100 });
    const cancelling: TrialSteps = {
      ...s,
      load: async (d) => {
        current = false;
        return s.load(d);
      },
      stillCurrent: () => current,
    };
    expect(await measuredChoice('m/a', GPU, cancelling)).toBeNull();
    expect(rememberedTrials('m/a', GPU)).toBeNull();
  });
});

describe('preferredDevice', () => {
  const on = (caps: typeof GPU | typeof NO_ADAPTER) => useGpuStore.setState({ detect: async () => caps });

  it('a device chosen by hand is used as it is, with nothing measured', async () => {
    on(GPU);
    const { s, log } = steps({ webgpu: 100, wasm: 400 });
    expect(await preferredDevice('wasm', 'm/a', s)).toEqual({ device: 'wasm', measured: null });
    expect(await preferredDevice('webgpu', 'm/a', s)).toEqual({ device: 'webgpu', measured: null });
    on(NO_ADAPTER);
    expect(await preferredDevice('webgpu', 'm/a', s)).toEqual({ device: null, measured: null });
    expect(log).toEqual([]);
  });

  it('Automatic: the measured choice where WebGPU has an adapter (not the unmeasured GPU default), WASM without one', async () => {
    on(GPU);
    // WASM timed faster here: Automatic follows the measurement, where the unmeasured rule would say WebGPU.
    const measured = await preferredDevice('auto', 'm/a', steps({ webgpu: 400, wasm: 100 }).s);
    expect(measured.device).toBe('wasm');
    expect(measured.measured).toMatchObject({ device: 'wasm', reason: 'faster' });
    // Remembered: a second caller (the evaluation's embedder, say) gets the same choice without timing anything.
    const again = steps({ webgpu: 1, wasm: 1000 });
    expect((await preferredDevice('auto', 'm/a', again.s)).device).toBe('wasm');
    expect(again.log).toEqual([]);
    on(NO_ADAPTER);
    const none = steps({ webgpu: 1, wasm: 1 });
    expect(await preferredDevice('auto', 'm/b', none.s)).toEqual({ device: 'wasm', measured: null });
    expect(none.log).toEqual([]);
  });
});
